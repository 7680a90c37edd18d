using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Drugs;

public sealed class DrugCatalogApiTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> TotalAsync(string query)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/drugs?{query}&pageSize=1", Ct));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task Starter_catalogue_has_150_medicines_50_supplements_and_100_conditions()
    {
        var medicines = await TotalAsync("kind=prescription") + await TotalAsync("kind=otc");
        var supplements = await TotalAsync("kind=vitamin") + await TotalAsync("kind=mineral") + await TotalAsync("kind=herbal") + await TotalAsync("kind=supplement");
        using var conditions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/conditions?pageSize=1", Ct));

        Assert.True(medicines >= 150, $"{medicines} prescription and OTC medicines");
        Assert.True(supplements >= 50, $"{supplements} vitamins, minerals and supplements");
        Assert.True(conditions.RootElement.GetProperty("total").GetInt32() >= 100);
    }

    [Fact]
    public async Task The_list_filters_by_kind_class_and_letter()
    {
        using var statins = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs?class=statins&pageSize=100", Ct));
        using var letterA = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs?letter=a&pageSize=100", Ct));

        var statinSlugs = statins.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Contains("atorvastatin", statinSlugs);
        Assert.DoesNotContain("metformin", statinSlugs);
        Assert.All(letterA.RootElement.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("A", i.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_drug_comes_back_with_its_monograph_sources_and_conditions()
    {
        using var drug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/warfarin", Ct));
        var root = drug.RootElement;

        Assert.Equal("warfarin", root.GetProperty("slug").GetString());
        Assert.Equal("prescription", root.GetProperty("kind").GetString());
        Assert.Contains("bleeding", root.GetProperty("boxedWarningHtml").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(root.GetProperty("sources").EnumerateArray());
        Assert.Contains(root.GetProperty("sections").EnumerateArray(), s => s.GetProperty("id").GetString() == "side-effects");
        Assert.Contains(root.GetProperty("conditions").EnumerateArray(), c => c.GetProperty("slug").GetString() == "atrial-fibrillation");
    }

    [Fact]
    public async Task A_brand_in_place_of_the_slug_answers_with_the_drug()
    {
        using var drug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/lipitor", Ct));

        Assert.Equal("atorvastatin", drug.RootElement.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_combination_product_links_its_ingredients()
    {
        using var drug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/hydrocodone-acetaminophen", Ct));

        var ingredients = drug.RootElement.GetProperty("ingredients").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Contains("hydrocodone", ingredients);
        Assert.Contains("acetaminophen", ingredients);
    }

    [Fact]
    public async Task A_condition_lists_its_drugs_and_whether_the_use_is_approved()
    {
        using var condition = JsonDocument.Parse(await client.GetStringAsync("/api/v1/conditions/high-blood-pressure", Ct));

        var drugs = condition.RootElement.GetProperty("drugs").EnumerateArray().ToList();
        Assert.Contains(drugs, d => d.GetProperty("slug").GetString() == "lisinopril" && d.GetProperty("use").GetString() == "on-label");
        Assert.Contains("hypertension", condition.RootElement.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/v1/drugs/no-such-drug")]
    [InlineData("/api/v1/conditions/no-such-condition")]
    public async Task Unknown_slugs_are_a_404_problem(string path)
    {
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("kind=pills", "kind")]
    [InlineData("letter=ab", "letter")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task Bad_list_parameters_are_a_400_naming_the_field(string query, string field)
    {
        var response = await client.GetAsync($"/api/v1/drugs?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_API_is_in_the_OpenAPI_document()
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/drugs", paths);
        Assert.Contains("/api/v1/drugs/search", paths);
        Assert.Contains("/api/v1/drugs/{slug}", paths);
        Assert.Contains("/api/v1/conditions", paths);
        Assert.Contains("/api/v1/conditions/{slug}", paths);
    }
}
