using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Interactions;

/// <summary>The checker over the curated starter set, through the API and the page.</summary>
public sealed class InteractionCheckerTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static readonly string[] AtLeastModerate = ["moderate", "major", "contraindicated"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> CheckAsync(string drugs)
    {
        var response = await client.GetAsync($"/api/v1/interactions?drugs={Uri.EscapeDataString(drugs)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static string? SeverityOf(JsonElement report, string a, string b) =>
        report.GetProperty("interactions").EnumerateArray()
            .Where(i => (i.GetProperty("a").GetString(), i.GetProperty("b").GetString()) is var (x, y) && ((x == a && y == b) || (x == b && y == a)))
            .Select(i => i.GetProperty("severity").GetString())
            .FirstOrDefault();

    // Issue 5, item 4: the well-known dangerous pairs, with the severity the curated set gives them.
    [Theory]
    [InlineData("nitroglycerin", "sildenafil", "contraindicated")]
    [InlineData("isosorbide-mononitrate", "tadalafil", "contraindicated")]
    [InlineData("phenelzine", "sertraline", "contraindicated")]
    [InlineData("phenelzine", "venlafaxine", "contraindicated")]
    [InlineData("selegiline", "fluoxetine", "contraindicated")]
    [InlineData("warfarin", "ibuprofen", "major")]
    [InlineData("warfarin", "naproxen", "major")]
    [InlineData("warfarin", "aspirin", "major")]
    [InlineData("warfarin", "fluconazole", "major")]
    [InlineData("simvastatin", "clarithromycin", "contraindicated")]
    [InlineData("simvastatin", "itraconazole", "contraindicated")]
    [InlineData("lovastatin", "ketoconazole", "contraindicated")]
    [InlineData("oxycodone", "alprazolam", "major")]
    [InlineData("hydrocodone-acetaminophen", "lorazepam", "major")]
    [InlineData("tizanidine", "ciprofloxacin", "contraindicated")]
    [InlineData("tizanidine", "fluvoxamine", "contraindicated")]
    [InlineData("methotrexate", "sulfamethoxazole-trimethoprim", "major")]
    public async Task Dangerous_pairs_come_back_with_their_severity(string a, string b, string severity)
    {
        var report = await CheckAsync($"{a},{b}");

        Assert.Equal(severity, SeverityOf(report, a, b));
    }

    [Theory]
    [InlineData("lisinopril", "spironolactone")]
    [InlineData("losartan", "potassium-chloride")]
    [InlineData("clopidogrel", "omeprazole")]
    [InlineData("lithium", "ibuprofen")]
    [InlineData("lithium", "hydrochlorothiazide")]
    public async Task Pairs_needing_care_are_flagged_at_least_moderate(string a, string b)
    {
        var report = await CheckAsync($"{a},{b}");

        Assert.Contains(SeverityOf(report, a, b), AtLeastModerate);
    }

    [Fact]
    public async Task A_class_rule_covers_every_member_of_the_class()
    {
        // The curated set says "warfarin with any NSAID": meloxicam and celecoxib-like members are covered without a pair each.
        var report = await CheckAsync("warfarin,meloxicam,diclofenac");

        Assert.NotNull(SeverityOf(report, "warfarin", "meloxicam"));
        Assert.NotNull(SeverityOf(report, "warfarin", "diclofenac"));
    }

    [Fact]
    public async Task A_combination_product_is_checked_as_each_of_its_ingredients()
    {
        var report = await CheckAsync("norco,xanax");

        var checkedDrug = report.GetProperty("checked").EnumerateArray().First();
        Assert.Equal("hydrocodone-acetaminophen", checkedDrug.GetProperty("slug").GetString());
        Assert.Contains("hydrocodone", checkedDrug.GetProperty("ingredients").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("major", SeverityOf(report, "hydrocodone-acetaminophen", "alprazolam"));
    }

    [Fact]
    public async Task Two_products_with_acetaminophen_are_a_duplicate_with_the_daily_limit()
    {
        var report = await CheckAsync("tylenol,norco");

        var duplicate = Assert.Single(report.GetProperty("duplicates").EnumerateArray(), d => d.GetProperty("kind").GetString() == "ingredient");
        Assert.Equal("acetaminophen", duplicate.GetProperty("name").GetString());
        Assert.Contains("4,000 mg", duplicate.GetProperty("dailyLimit").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_NSAIDs_are_a_duplicate_class()
    {
        var report = await CheckAsync("ibuprofen,naproxen");

        Assert.Contains(report.GetProperty("duplicates").EnumerateArray(), d => d.GetProperty("kind").GetString() == "class");
    }

    [Theory]
    [InlineData("warfarin", "vitamin k")]
    [InlineData("phenelzine", "tyramine")]
    [InlineData("metronidazole", "alcohol")]
    [InlineData("simvastatin", "grapefruit")]
    public async Task Food_and_alcohol_interactions_are_listed(string drug, string item)
    {
        var report = await CheckAsync(drug);

        Assert.Contains(report.GetProperty("foodAndAlcohol").EnumerateArray(),
            f => f.GetProperty("item").GetString()!.Contains(item, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task No_interaction_found_still_names_the_sources_checked()
    {
        var report = await CheckAsync("loratadine,vitamin-d");
        var page = Html.Text(await client.GetStringAsync("/interaction-checker?drugs=loratadine,vitamin-d", Ct));

        Assert.Empty(report.GetProperty("interactions").EnumerateArray());
        Assert.NotEmpty(report.GetProperty("sourcesChecked").EnumerateArray());
        Assert.Contains("No interactions found", page, StringComparison.Ordinal);
        Assert.Contains("does not prove they are safe", page, StringComparison.Ordinal);
        Assert.Contains("MedAtlas editorial starter set", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Add at least two medicines")]
    [InlineData("advil,ibuprofen", "more than once")]
    [InlineData("warfarin,warfarin", "more than once")]
    public async Task A_list_that_cannot_be_checked_is_a_400_problem(string drugs, string message)
    {
        var response = await client.GetAsync($"/api/v1/interactions?drugs={drugs}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_thirty_medicines_are_refused_on_the_API_and_the_page()
    {
        var drugs = string.Join(",", Enumerable.Range(0, 31).Select(i => $"drug{i}"));
        var api = await client.GetAsync($"/api/v1/interactions?drugs={drugs}", Ct);
        var page = await client.GetAsync($"/interaction-checker?drugs={drugs}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("at most 30", Html.Text(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_names_come_back_as_unknown_with_a_suggestion()
    {
        var report = await CheckAsync("warfarin,ibuprofin,qqqqzzzz");

        var unknown = report.GetProperty("unknown").EnumerateArray().ToList();
        Assert.Equal(2, unknown.Count);
        Assert.Equal("ibuprofen", unknown.Single(u => u.GetProperty("input").GetString() == "ibuprofin").GetProperty("didYouMean").GetString());
    }

    [Fact]
    public async Task The_page_adds_by_brand_name_into_the_address_and_explains_a_miss_next_to_the_field()
    {
        var added = await client.GetAsync("/interaction-checker?drugs=warfarin&add=Advil", Ct);
        var missed = await client.GetAsync("/interaction-checker?drugs=warfarin&add=ibuprofin", Ct);
        var missedHtml = await missed.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/interaction-checker?drugs=warfarin,ibuprofen", Uri.UnescapeDataString(added.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.BadRequest, missed.StatusCode);
        Assert.Contains("id=\"add-error\"", missedHtml, StringComparison.Ordinal);
        Assert.Contains("We could not find “ibuprofin”", Html.Text(missedHtml), StringComparison.Ordinal);
        Assert.Contains("Ibuprofen", Html.Text(missedHtml), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_on_the_page_are_grouped_worst_first()
    {
        var html = Html.Text(await client.GetStringAsync("/interaction-checker?drugs=nitroglycerin,sildenafil,warfarin,ibuprofen", Ct));

        var contraindicated = html.IndexOf("Contraindicated (", StringComparison.Ordinal);
        var major = html.IndexOf("Major (", StringComparison.Ordinal);
        Assert.True(contraindicated >= 0 && major > contraindicated, "contraindicated comes before major");
    }

    [Fact]
    public async Task A_drug_page_lists_its_interactions_filterable_by_severity()
    {
        var all = await client.GetStringAsync("/drugs/warfarin/interactions", Ct);
        var major = await client.GetStringAsync("/drugs/warfarin/interactions?severity=major", Ct);
        var bad = await client.GetAsync("/drugs/warfarin/interactions?severity=deadly", Ct);

        Assert.Contains("Major (", Html.Text(all), StringComparison.Ordinal);
        Assert.DoesNotContain("Minor (", Html.Text(major), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
