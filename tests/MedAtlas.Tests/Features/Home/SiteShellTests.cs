using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Home;

public sealed class SiteShellTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_page_shows_the_shell_with_search_navigation_and_text_size_control()
    {
        var response = await client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html, StringComparison.Ordinal);
        Assert.Contains("<header", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
        Assert.Contains("<footer", html, StringComparison.Ordinal);
        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Html.AttributeValues(html, "name").Count(n => n == "size"));
        Assert.Contains("information, not medical advice", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("1-800-222-1222", Html.Text(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    [InlineData("/no-such-page")]
    public async Task Every_page_carries_the_text_size_control(string path)
    {
        var html = await (await client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("action=\"/preferences/text-size\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-pressed=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_load_nothing_from_another_origin()
    {
        var html = await (await client.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct);

        var assets = Html.AttributeValues(html, "src").Concat(
            Html.AttributeValues(html, "href").Where(h => !h.StartsWith('#') && !h.StartsWith("tel:", StringComparison.Ordinal)));
        Assert.All(assets, url => Assert.StartsWith("/", url, StringComparison.Ordinal));
        Assert.All(assets, url => Assert.False(url.StartsWith("//", StringComparison.Ordinal), url));
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_CSP_without_inline_script()
    {
        var response = await client.GetAsync("/", Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
    }

    [Fact]
    public async Task Unknown_address_gets_the_friendly_404_page_with_a_search_for_its_words()
    {
        var response = await client.GetAsync("/drugs-that-do-not-exist/ibuprofin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("value=\"ibuprofin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_reports_the_database_healthy()
    {
        var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OpenAPI_document_describes_the_v1_api()
    {
        var response = await client.GetAsync("/openapi/v1.json", Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("MedAtlas API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/conditions/icd10/{code}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task API_errors_are_problem_json()
    {
        var missing = await client.GetAsync("/api/v1/no-such-thing", Ct);
        var invalid = await client.GetAsync("/api/v1/conditions/icd10/not-a-code", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("code", out _), "the problem names the field that was wrong");
    }

    [Fact]
    public async Task Text_size_form_sets_a_cookie_and_returns_to_the_page()
    {
        var response = await client.GetAsync("/preferences/text-size?size=largest&returnUrl=%2Fabout%3Fx%3D1", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/about?x=1", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("medatlas-text-size=largest", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_render_in_the_text_size_the_cookie_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/about");
        request.Headers.Add("Cookie", "medatlas-text-size=large");
        var html = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("<html lang=\"en\" class=\"text-large\">", html, StringComparison.Ordinal);
        Assert.Matches("value=\"large\"[^>]*aria-pressed=\"true\"", html);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Text_size_never_redirects_off_the_site(string returnUrl)
    {
        var response = await client.GetAsync($"/preferences/text-size?size=large&returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Static_assets_are_fingerprinted_and_cached_for_a_year()
    {
        var html = await (await client.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct);
        var css = Html.AttributeValues(html, "href").Single(h => h.StartsWith("/css/site.", StringComparison.Ordinal));

        var response = await client.GetAsync(css, Ct);

        Assert.Matches("^/css/site\\.[a-z0-9]+\\.css$", css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task Pages_are_compressed_when_the_browser_asks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/about");
        request.Headers.Add("Accept-Encoding", "br, gzip");
        var response = await client.SendAsync(request, Ct);

        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
    }

    [Theory]
    [InlineData("/search?q=")]
    [InlineData("/search?q=%25%25%25")]
    public async Task Search_explains_an_empty_or_meaningless_query(string path)
    {
        var response = await client.GetAsync(path, Ct);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("Type a drug|Use letters or numbers", text);
    }

    [Fact]
    public async Task Search_refuses_a_megabyte_query_with_a_message_not_an_error()
    {
        var response = await client.GetAsync("/search?q=" + new string('a', 1_000_000), Ct);

        // Kestrel and the test server cap the request line; either a 414/431 or our 400 is a clear refusal, never a 500.
        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
