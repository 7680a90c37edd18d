using MedAtlas.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MedAtlas.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port, so a real browser can reach it) on a fresh database, and one
/// headless Debian Chromium shared by every browser test. Each test opens its own browser context, so
/// cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>The Chromium binary to drive; test.sh sets it to the one on PATH.</summary>
    public const string ChromiumVariable = "MEDATLAS_CHROMIUM";

    // Playwright never downloads a browser here: it drives the distribution's Chromium. The switches stop
    // that browser's own background traffic (component updates, sync, QUIC probes), which would only wait
    // on a network the test machines do not have. --no-sandbox: the tests run as root, where Chromium's
    // own sandbox refuses to start.
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string? starterDataDirectory;
    private MedAtlasApp? app;

    public BrowserSite()
    {
    }

    /// <summary>A site of its own on other starter data (the health centers' fixture seed), for a test class that needs it.</summary>
    internal BrowserSite(string starterDataDirectory) => this.starterDataDirectory = starterDataDirectory;
    private WebApplicationFactory<Program>? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// The same port by the name <c>localhost</c>: WebAuthn needs a secure context and a domain as its relying
    /// party id (not an IP address), and Chromium treats http://localhost as secure, Secure cookies included.
    /// </summary>
    public Uri LocalhostAddress { get; private set; } = null!;

    /// <summary>The running app's services, for setting up an account directly or reading the outbox.</summary>
    public IServiceProvider Services => server!.Services;

    /// <summary>Why the browser tests cannot run on this machine; null when they can.</summary>
    public string? SkipReason { get; private set; }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"No Chromium at {ChromiumPath}: install Debian's (apt-get install chromium) or set {ChromiumVariable} to a Chromium binary.";
            return;
        }

        // Every browser test signs in from 127.0.0.1, so the per-address account limits would trip across tests.
        app = new MedAtlasApp()
            .WithSetting("Accounts:RateLimits:sign-in", "100000")
            .WithSetting("Accounts:RateLimits:register", "100000")
            // Mail is delivered to the suite's real SMTP server, so a test can follow the link a person would click.
            .WithSmtpSink()
            // Kestrel here is plain HTTP (in production TLS sits in front). Antiforgery refuses to issue a
            // Secure-only token over HTTP, so here it issues a plain one; the sign-in cookies stay Secure,
            // which Chromium accepts on http://localhost.
            .WithServices(services => services.PostConfigure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o =>
            {
                o.Cookie.Name = "medatlas-af";
                o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            }));
        if (starterDataDirectory is not null)
            app.WithSetting("MedAtlas:StarterDataDirectory", starterDataDirectory);
        await app.InitializeAsync();
        // MedAtlasApp runs in the "Test" environment, where ASP.NET Core does not enable static web assets
        // (it does so only in Development). A browser asks for compressed CSS and JS, and MapStaticAssets then
        // looks for the .gz/.br files, which exist only in obj/ (build) or the published wwwroot, so without
        // this the page gets an empty 200 instead of its stylesheet. HttpClient tests never ask for
        // compression and so never see it.
        // The address is set here too. With UseKestrel(0) alone, this derived factory's host listened on
        // Kestrel's default localhost:5000 and failed beside `dotnet run` or a second test run. Port 0
        // lets the OS pick a free port, which is read back below.
        server = app.WithWebHostBuilder(host => host.UseStaticWebAssets().UseUrls("http://127.0.0.1:0"));
        server.UseKestrel(0);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        LocalhostAddress = new UriBuilder(BaseAddress) { Host = "localhost" }.Uri;

        playwright = await Playwright.CreateAsync();
        // Expect(...) waits as long as any other locator (10 s, below): its own 5 s default was too short on a
        // loaded 2-core machine for a check that runs after a fetch (seen once in the My Medicine walk).
        Assertions.SetDefaultExpectTimeout(10_000);
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
            Timeout = 30_000,
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) pointed at the site; skips the test when there is no browser (fails under CI=true).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        Prerequisite.Require(SkipReason is null, SkipReason ?? "");
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await browser!.NewContextAsync(options);
        // Pages here answer in milliseconds; a selector still missing after 10 s will never appear.
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null)
            await server.DisposeAsync();
        if (app is not null)
            await app.DisposeAsync();
    }
}

/// <summary>Every browser test shares one app and one Chromium; starting them per class would double the suite's time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}
