using System.Net;
using System.Text.Json;

namespace MedAtlas.Tests.Features.Pills;

public sealed class PillsApiTests(PillsApp app) : IClassFixture<PillsApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await client.GetAsync($"/api/v1/pills?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private async Task<JsonElement> ProblemAsync(string query)
    {
        using var response = await client.GetAsync($"/api/v1/pills?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static List<string> Imprints(JsonElement result) =>
        [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("imprint").GetString()!)];

    [Fact]
    public async Task A_search_returns_the_pill_with_its_drug_and_picture()
    {
        var result = await GetAsync("imprint=155+zt");
        var pill = result.GetProperty("items")[0];

        Assert.Equal(1, result.GetProperty("total").GetInt32());
        Assert.Equal(app.Ids["ZT;155;10"], pill.GetProperty("id").GetInt32());
        Assert.Equal("ZT;155;10", pill.GetProperty("imprint").GetString());
        Assert.Equal(["WHITE"], pill.GetProperty("colors").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("OVAL", pill.GetProperty("shape").GetString());
        Assert.Equal(9.5m, pill.GetProperty("sizeMm").GetDecimal());
        Assert.Equal(1, pill.GetProperty("score").GetInt32());
        Assert.Equal("atorvastatin", pill.GetProperty("drug").GetProperty("slug").GetString());
        Assert.Equal("Atorvastatin", pill.GetProperty("drug").GetProperty("name").GetString());
        Assert.Equal("10 mg", pill.GetProperty("strength").GetString());
        Assert.Equal("Example Test Labeler", pill.GetProperty("labeler").GetString());
        Assert.Equal("99999-0155", pill.GetProperty("ndc").GetString());
        Assert.Equal($"/pills/{app.Ids["ZT;155;10"]}/picture.svg", pill.GetProperty("imageUrl").GetString());
        Assert.False(pill.GetProperty("synthetic").GetBoolean());
        Assert.Equal("prefix", pill.GetProperty("match").GetString());
    }

    [Fact]
    public async Task Exact_comes_before_prefix_before_partial()
    {
        Assert.Equal(["155", "ZT;155;10", "1559", "QZ1557"], Imprints(await GetAsync("imprint=155")));
    }

    [Fact]
    public async Task Colours_may_repeat_or_be_comma_separated()
    {
        Assert.Equal(["ZT;CAP;7"], Imprints(await GetAsync("color=BLUE&color=white")));
        Assert.Equal(["ZT;CAP;7"], Imprints(await GetAsync("color=blue,WHITE")));
    }

    [Fact]
    public async Task Shape_and_size_filter_without_an_imprint()
    {
        Assert.Equal(["ZT;CAP;7"], Imprints(await GetAsync("shape=capsule&size=17.5")));
    }

    [Fact]
    public async Task A_photo_is_the_image_url_when_there_is_one()
    {
        var pill = (await GetAsync("imprint=zt+photo")).GetProperty("items")[0];

        Assert.Equal($"/pills/{app.Ids["ZT;PHOTO"]}/images/{app.PhotoId}", pill.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task Synthetic_pills_are_marked()
    {
        var pill = (await GetAsync("imprint=QZ900")).GetProperty("items")[0];

        Assert.True(pill.GetProperty("synthetic").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_colour_is_a_problem_listing_the_allowed_colours()
    {
        var problem = await ProblemAsync("color=BLUE&color=PLAID");
        var message = problem.GetProperty("errors").GetProperty("color")[0].GetString();

        Assert.Contains("PLAID", message, StringComparison.Ordinal);
        Assert.Contains("BLACK, BLUE, BROWN, GRAY, GREEN, ORANGE, PINK, PURPLE, RED, TURQUOISE, WHITE, YELLOW", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_shape_is_a_problem_listing_the_allowed_shapes()
    {
        var problem = await ProblemAsync("imprint=155&shape=BLOB");
        var message = problem.GetProperty("errors").GetProperty("shape")[0].GetString();

        Assert.Contains("BLOB", message, StringComparison.Ordinal);
        Assert.Contains("HEPTAGON (7 SIDES)", message, StringComparison.Ordinal);
        Assert.Contains("ROUND", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("size=abc", "size")]
    [InlineData("size=60", "size")]
    [InlineData("imprint=155&pageSize=500", "pageSize")]
    [InlineData("imprint=155&page=0", "page")]
    [InlineData("", "imprint")]
    public async Task Bad_parameters_are_problems_naming_the_field(string query, string field)
    {
        var problem = await ProblemAsync(query);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Results_are_paged()
    {
        var first = await GetAsync("color=WHITE&pageSize=2");
        var third = await GetAsync("color=WHITE&pageSize=2&page=3");

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, third.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task One_pill_comes_back_with_its_label_link()
    {
        using var response = await client.GetAsync($"/api/v1/pills/{app.Ids["ZT;155;10"]}", Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var pill = json.RootElement;

        Assert.Equal(["ZT", "155", "10"], pill.GetProperty("imprintBlocks").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=00000000-0000-4000-8000-000000000155", pill.GetProperty("dailyMedUrl").GetString());
        Assert.Equal(["99999-0155-01", "99999-0155-02"], pill.GetProperty("packageNdcs").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task An_unknown_pill_is_a_404_problem()
    {
        using var response = await client.GetAsync("/api/v1/pills/999999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_search_is_described_in_the_OpenAPI_document()
    {
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("\"/api/v1/pills\"", document, StringComparison.Ordinal);
        Assert.Contains("SearchPills", document, StringComparison.Ordinal);
        Assert.DoesNotContain("picture.svg\"", document, StringComparison.Ordinal);
    }
}
