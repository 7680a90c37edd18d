using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// Issue 19, part 6: what the request's Host and scheme may change. The OpenAPI document names no server taken from
/// the Host header (only MedAtlas:PublicUrl), and a form page asked for over plain HTTP in Production is a clear 400,
/// not the 500 the Secure-only anti-forgery cookie caused.
/// </summary>
public sealed class HostAndSchemeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app as deployed: the Production environment, reached over plain HTTP (no TLS terminator in front).</summary>
    private sealed class ProductionApp : MedAtlasApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task A_forged_Host_never_appears_in_the_OpenAPI_document()
    {
        await using var app = new MedAtlasApp();
        await app.InitializeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var response = await app.CreateClient().SendAsync(request, Ct);
        var document = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", document, StringComparison.OrdinalIgnoreCase);
        Assert.False(JsonDocument.Parse(document).RootElement.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0, $"servers: {servers}");
    }

    [Fact]
    public async Task The_OpenAPI_server_is_the_configured_public_address()
    {
        await using var app = new MedAtlasApp().WithSetting("MedAtlas:PublicUrl", "https://health.example.org/");
        await app.InitializeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var document = JsonDocument.Parse(await (await app.CreateClient().SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;

        var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
        Assert.Equal("https://health.example.org", server.GetProperty("url").GetString());
        Assert.DoesNotContain("evil.example", document.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_Production_a_form_page_over_plain_HTTP_is_a_400_saying_to_use_https_and_other_pages_still_answer()
    {
        await using var app = new ProductionApp();
        await app.InitializeAsync();
        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        foreach (var form in new[] { "/sign-in", "/register", "/tools/bmi" })
        {
            var response = await plain.GetAsync(form, Ct);
            var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            Assert.Contains("https://", text, StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl is { NoStore: true }, $"{form}: {response.Headers.CacheControl}");
        }

        // A POST over plain HTTP is refused the same way, never a 500.
        var posted = await plain.PostAsync("/sign-in", new FormUrlEncodedContent([new("Input.Email", "a@example.org")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);

        // Pages without a form and the probes are unaffected.
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/drugs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/healthz/live", Ct)).StatusCode);

        // Over HTTPS (what the proxy forwards) the same form page works.
        using var secure = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await secure.GetAsync("/sign-in", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_AllowPlainHttp_the_operator_serves_forms_over_HTTP_with_cookies_that_follow_the_request()
    {
        await using var app = new ProductionApp();
        app.WithSetting("MedAtlas:AllowPlainHttp", "true");
        await app.InitializeAsync();
        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await plain.GetAsync("/sign-in", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("medatlas-af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
