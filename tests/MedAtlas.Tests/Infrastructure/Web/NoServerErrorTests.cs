using System.Net;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// Issue 19, part 1: the requests a probe of the running site found answering 500, each a named regression test.
/// Bad input gets a friendly page (pages) or problem+json naming the parameter (API), never a server error.
/// </summary>
public sealed class NoServerErrorTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client() => app.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/pills/compare?compare=")]
    [InlineData("/pills/compare?compare=%20")]
    [InlineData("/pills/compare?compare=&compare=")]
    [InlineData("/pills/compare?compare=&compare=%20&compare=,")]
    [InlineData("/pills/compare?ids=")]
    [InlineData("/pills/compare?ids=%20")]
    public async Task An_empty_or_blank_compare_list_asks_for_pills_to_be_picked(string url)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No pills were picked", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pill-identifier?color=")]
    [InlineData("/pill-identifier?color=&color=%20&imprint=&shape=&size=")]
    [InlineData("/search?q=")]
    [InlineData("/search?q=%20")]
    [InlineData("/interaction-checker?drugs=")]
    [InlineData("/interaction-checker?drugs=&drugs=%20")]
    [InlineData("/drugs?letter=&page=")]
    [InlineData("/drugs/compare?drugs=")]
    [InlineData("/conditions?letter=")]
    [InlineData("/api/v1/pills?color=&imprint=")]
    [InlineData("/api/v1/drugs/search?q=")]
    [InlineData("/api/v1/interactions?drugs=")]
    [InlineData("/api/v1/foods?q=&page=")]
    public async Task A_parameter_present_but_empty_is_never_a_server_error(string url)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    [Theory]
    [InlineData("/drugs/%20/interactions")]
    [InlineData("/drugs/%20")]
    [InlineData("/drugs/%09")]
    [InlineData("/drugs/%01")]
    [InlineData("/drugs/%20/reviews")]
    [InlineData("/drugs/%20/reviews/write")]
    [InlineData("/drugs/class/%20")]
    [InlineData("/conditions/%20")]
    [InlineData("/conditions/%7f")]
    [InlineData("/alerts/%20")]
    [InlineData("/foods/%20")]
    [InlineData("/about/%20")]
    [InlineData("/alerts/unsubscribe/%20")]
    [InlineData("/my/invitations/%20")]
    public async Task A_blank_slug_is_a_missing_page(string url)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/drugs/%20", "slug")]
    [InlineData("/api/v1/drugs/%01", "slug")]
    [InlineData("/api/v1/drugs/%20/reviews", "slug")]
    [InlineData("/api/v1/conditions/%20", "slug")]
    [InlineData("/api/v1/conditions/icd10/%20", "code")]
    [InlineData("/api/v1/foods/%20", "id")]
    public async Task A_blank_route_value_in_the_api_is_a_problem_naming_it(string url, string parameter)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    // Found by the fuzz suite (FuzzTests): minimal APIs answered a value they could not bind with a bare "Bad Request".
    [Theory]
    [InlineData("/api/v1/drugs?page=abc", "page")]
    [InlineData("/api/v1/drugs?pageSize=1e309", "pageSize")]
    [InlineData("/api/v1/conditions?page=2147483648", "page")]
    [InlineData("/api/v1/pills?imprint=M&pageSize=NaN", "pageSize")]
    [InlineData("/api/v1/foods?q=apple&limit=,,,", "limit")]
    [InlineData("/api/v1/drugs/search?q=ibuprofen&limit=0x1F", "limit")]
    public async Task An_api_parameter_that_cannot_be_read_is_a_problem_naming_it(string url, string parameter)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"\"{parameter}\":[", body, StringComparison.Ordinal);
    }

    // Found by the fuzz suite: the OpenAPI endpoint answered any other document name with its own plain-text 404.
    [Theory]
    [InlineData("/openapi/v2.json")]
    [InlineData("/openapi/%7B0%7D.json")]
    [InlineData("/openapi/..%2f..%2fetc%2fpasswd.json")]
    public async Task An_unknown_openapi_document_is_the_site_s_404_page(string url)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/drugs%09")]
    [InlineData("/drugs%0a")]
    [InlineData("/drugs%0d%0aSet-Cookie:%20x=1")]
    [InlineData("/drugs%00")]
    [InlineData("%09/evil.example")]
    public async Task A_text_size_return_url_with_control_characters_returns_home(string returnUrl)
    {
        using var client = Client();

        var response = await client.GetAsync($"/preferences/text-size?size=large&returnUrl={returnUrl}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/sign-in?returnUrl=/drugs%0a")]
    [InlineData("/sign-in?returnUrl=/drugs%00")]
    [InlineData("/sign-in?returnUrl=/drugs%09")]
    public async Task A_sign_in_return_url_with_control_characters_is_replaced_by_the_account_page(string url)
    {
        // Over HTTPS, as in production: the anti-forgery cookie of a sign-in form is Secure-only.
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<input type=\"hidden\" name=\"ReturnUrl\" value=\"/account\">", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/error/1000")]
    [InlineData("/error/0")]
    [InlineData("/error/200")]
    [InlineData("/error/302")]
    [InlineData("/error/399")]
    [InlineData("/error/600")]
    [InlineData("/error/-1")]
    [InlineData("/error/2147483647")]
    [InlineData("/error/99999999999")]
    [InlineData("/error")]
    public async Task The_error_page_never_sends_a_status_outside_400_to_599(string url)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("Page not found", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/error/503", 503)]
    [InlineData("/error/429", 429)]
    [InlineData("/error/400", 400)]
    public async Task The_error_page_keeps_a_known_error_status(string url, int expected)
    {
        using var client = Client();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/drugs", "GET")]
    [InlineData("DELETE", "/", "GET")]
    [InlineData("PATCH", "/pills/compare", "GET")]
    [InlineData("POST", "/drugs/ibuprofen", "GET")]
    [InlineData("POST", "/pill-identifier", "GET")]
    [InlineData("PUT", "/sign-in", "POST")]
    [InlineData("DELETE", "/tools", "GET")]
    public async Task A_method_a_page_has_no_handler_for_is_405_with_allow(string method, string url, string allowed)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.Contains("This address cannot be used that way", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_on_a_page_answers_the_methods_it_takes()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/sign-in");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/drugs")]
    [InlineData("/api/v1/drugs/search?q=ibuprofen")]
    [InlineData("/api/v1/drugs/no-such-drug")]
    [InlineData("/api/v1/foods?q=apple")]
    [InlineData("/api/v1/pills?imprint=")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/preferences/text-size?size=large&returnUrl=/drugs")]
    public async Task Head_on_an_api_route_answers_like_get(string url)
    {
        using var client = Client();

        var get = await client.GetAsync(url, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        var head = await client.SendAsync(request, Ct);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }
}
