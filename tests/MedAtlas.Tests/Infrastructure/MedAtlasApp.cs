using MedAtlas.Web.Infrastructure.Commands;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP (in-memory transport, or Kestrel for the browser) on a real database.
/// Tests reach it the way people and scripts do: HTTP requests and the <c>import</c>/<c>migrate</c> commands.
/// </summary>
public class MedAtlasApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    // The account and alert forms' rate limits count every test request as one client; tests of the limits set their own.
    private readonly Dictionary<string, string?> settings = new()
    {
        ["Accounts:RateLimits:sign-in"] = "100000",
        ["Accounts:RateLimits:register"] = "100000",
        ["Accounts:RateLimits:reset"] = "100000",
        ["Accounts:RateLimits:confirm-resend"] = "100000",
        // No test reaches the Internet: the alert sources are off unless a test points them at its stub server.
        ["Alerts:OpenFda:BaseUrl"] = "",
        ["Alerts:Feeds:fda-recalls-rss:Url"] = "",
        ["Alerts:Feeds:fda-medwatch-rss:Url"] = "",
        ["Alerts:RateLimits:subscribe"] = "100000",
        ["Alerts:RateLimits:unsubscribe"] = "100000",
        // Tests read a page right after changing its data behind the site's back; the server's page cache
        // (PublicPageCacheTests turn it on) would show them the copy from a moment before.
        ["MedAtlas:Caching:ServerSeconds"] = "0",
    };
    private readonly List<Action<IServiceCollection>> serviceChanges = [];
    private bool productionPasswordHashing;

    /// <summary>
    /// PBKDF2 iterations of a test app's password hashes. Production's 210,000 cost about 0.2 s of CPU per hash,
    /// and the suites hash thousands of passwords (every sign-up, sign-in and timing-equaliser): with them, a
    /// full run spent minutes hashing. Tests of the hashing itself use <see cref="WithProductionPasswordHashing"/>.
    /// </summary>
    public const int TestPasswordIterations = 1_000;

    public MedAtlasApp()
    {
    }

    internal MedAtlasApp(TestDatabase database) => Database = database;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>A started app on a fresh database: migrated and with starter data loaded, as after a first start.</summary>
    public static async Task<MedAtlasApp> StartAsync(Action<IServiceCollection>? services = null)
    {
        var app = new MedAtlasApp();
        if (services is not null)
            app.WithServices(services);
        await app.InitializeAsync();
        // The host (and with it migrations and starter data) starts with the first client.
        app.CreateClient().Dispose();
        return app;
    }

    /// <summary>Whether this app made its database (and so drops it) or shares one it was given.</summary>
    private bool OwnsDatabase { get; set; }

    public MedAtlasApp WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Sends this app's mail to a real SMTP server: <paramref name="sink"/>, or the suite's shared one.</summary>
    public MedAtlasApp WithSmtpSink(MailSink? sink = null)
    {
        sink ??= MailSink.Shared;
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Hashes passwords with production's iteration count instead of <see cref="TestPasswordIterations"/>.</summary>
    public MedAtlasApp WithProductionPasswordHashing()
    {
        productionPasswordHashing = true;
        return this;
    }

    public MedAtlasApp WithServices(Action<IServiceCollection> change)
    {
        serviceChanges.Add(change);
        return this;
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (Database is null)
        {
            Database = await TestDatabase.CreateAsync();
            OwnsDatabase = true;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Neither Development (developer exception page) nor Production (HTTPS redirect): what users see, over HTTP.
        builder.UseEnvironment("Test");
        // Static web assets (the compressed CSS and JS a browser asks for) are on by default only in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("MedAtlas:DataDirectory", Database.DataDirectory);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString ?? "");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            if (!productionPasswordHashing)
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
            foreach (var change in serviceChanges)
                change(services);
        });
    }

    /// <summary>Runs a command of the executable (<c>import icd10cm file.csv</c>) against this app's database.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] command)
    {
        using var output = new StringWriter();
        var exitCode = await AppCommands.RunAsync(Services, command, output, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }

    internal async Task<T> WithDbAsync<T>(Func<MedAtlasDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
            await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
