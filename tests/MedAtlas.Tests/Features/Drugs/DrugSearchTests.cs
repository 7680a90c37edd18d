using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Drugs;

public sealed class DrugSearchTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Hit(string Slug, string Name, string Kind, string[] BrandNames, string MatchedOn);

    private sealed record Suggestion(string Title, string Path, string Kind);

    private async Task<Hit[]> SearchAsync(string q, int limit = 10) =>
        (await client.GetFromJsonAsync<Hit[]>($"/api/v1/drugs/search?q={Uri.EscapeDataString(q)}&limit={limit}", Ct))!;

    [Theory]
    [InlineData("ibuprofin", "ibuprofen")]
    [InlineData("metforman", "metformin")]
    [InlineData("lipiter", "atorvastatin")]
    [InlineData("tylenol", "acetaminophen")]
    [InlineData("Tylenol", "acetaminophen")]
    [InlineData("zoloft", "sertraline")]
    [InlineData("amoxicilin", "amoxicillin")]
    [InlineData("atorvastatin calcium", "atorvastatin")]
    public async Task Misspelled_and_brand_names_find_the_drug_first(string typed, string expectedSlug)
    {
        var hits = await SearchAsync(typed);

        Assert.NotEmpty(hits);
        Assert.Equal(expectedSlug, hits[0].Slug);
    }

    [Fact]
    public async Task A_brand_hit_says_it_matched_on_the_brand()
    {
        var hit = (await SearchAsync("lipitor"))[0];

        Assert.Equal("atorvastatin", hit.Slug);
        Assert.Equal("Lipitor", hit.MatchedOn);
        Assert.Contains("Lipitor", hit.BrandNames);
    }

    [Theory]
    [InlineData("high blood pressure", "lisinopril")]
    [InlineData("hypertension", "amlodipine")]
    [InlineData("heartburn", "omeprazole")]
    [InlineData("acid reflux", "famotidine")]
    public async Task A_condition_search_lists_the_drugs_used_for_it(string condition, string expectedDrug)
    {
        var hits = await SearchAsync(condition, 50);

        Assert.Contains(hits, h => h.Slug == expectedDrug && h.MatchedOn.StartsWith("condition:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Autocomplete_gives_at_most_eight_suggestions_best_first()
    {
        var suggestions = (await client.GetFromJsonAsync<Suggestion[]>("/api/v1/search/suggest?q=met", Ct))!;

        Assert.InRange(suggestions.Length, 1, 8);
        Assert.All(suggestions, s => Assert.StartsWith("/", s.Path, StringComparison.Ordinal));
        Assert.Contains(suggestions, s => s.Path == "/drugs/metformin");
    }

    [Fact]
    public async Task The_results_page_works_without_javascript_and_offers_did_you_mean()
    {
        var html = await client.GetStringAsync("/search?q=ibuprofin", Ct);

        Assert.Contains("Did you mean", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/ibuprofen\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_on_the_results_page_is_followed_by_its_medicines()
    {
        var html = await client.GetStringAsync("/search?q=high+blood+pressure", Ct);

        var condition = html.IndexOf("href=\"/conditions/high-blood-pressure\"", StringComparison.Ordinal);
        var drug = html.IndexOf("href=\"/drugs/lisinopril\"", StringComparison.Ordinal);
        Assert.True(condition >= 0, "the condition is listed");
        Assert.True(drug > condition, "its medicines follow it");
    }

    [Fact]
    public async Task A_miss_says_so_and_suggests_what_to_try()
    {
        var html = await client.GetStringAsync("/search?q=qqqqzzzzxxxx", Ct);

        Assert.Contains("Nothing matched", Html.Text(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("%%%")]
    public async Task Empty_or_meaningless_queries_are_a_400_problem_with_the_field(string q)
    {
        var response = await client.GetAsync($"/api/v1/drugs/search?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task A_megabyte_query_is_refused_clearly()
    {
        var response = await client.GetAsync("/api/v1/drugs/search?q=" + new string('x', 1_000_000), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too long", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("ibuprofen'; DROP TABLE drugs; --")]
    [InlineData("😀 aspirin")]
    [InlineData("ａｓｐｉｒｉｎ")]
    [InlineData("\u0000aspirin")]
    public async Task Odd_characters_never_cause_an_error_and_are_never_echoed_as_markup(string q)
    {
        var api = await client.GetAsync($"/api/v1/drugs/search?q={Uri.EscapeDataString(q)}", Ct);
        var page = await client.GetAsync($"/search?q={Uri.EscapeDataString(q)}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.True(api.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"API answered {api.StatusCode}");
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"page answered {page.StatusCode}");
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    public async Task An_out_of_range_limit_is_a_400(string limit)
    {
        var response = await client.GetAsync($"/api/v1/drugs/search?q=aspirin&{limit}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
