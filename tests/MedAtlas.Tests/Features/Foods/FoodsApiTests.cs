using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Foods;

/// <summary><c>/api/v1/foods</c>: public, no sign-in; bad input is a 400 keyed by field, an unknown food a 404.</summary>
public sealed class FoodsApiTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_food_has_its_measures_its_seven_figures_and_the_USDA_source()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/foods/09040", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var food = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Bananas, raw", food.GetProperty("name").GetString());
        Assert.Equal("Fruits and Fruit Juices", food.GetProperty("group").GetString());
        var per100g = food.GetProperty("per100g");
        Assert.Equal(89, per100g.GetProperty("kcal").GetDouble());
        Assert.Equal(22.84, per100g.GetProperty("carbsG").GetDouble());
        Assert.Equal(2.6, per100g.GetProperty("fibreG").GetDouble());
        Assert.Equal(1, per100g.GetProperty("sodiumMg").GetDouble());
        var medium = food.GetProperty("portions").EnumerateArray().Single(p => p.GetProperty("label").GetString()!.StartsWith("1 medium", StringComparison.Ordinal));
        Assert.Equal(118, medium.GetProperty("grams").GetDouble());
        Assert.Contains("Standard Reference, Release 28", food.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_figure_USDA_did_not_measure_is_null_not_zero()
    {
        using var client = app.CreateClient();

        // Chia seeds: USDA gives no sugars value for them, and 34.4 g of fibre.
        var food = await client.GetFromJsonAsync<JsonElement>("/api/v1/foods/12006", Ct);

        Assert.Equal(JsonValueKind.Null, food.GetProperty("per100g").GetProperty("sugarsG").ValueKind);
        Assert.Equal(34.4, food.GetProperty("per100g").GetProperty("fibreG").GetDouble());
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("banana")]
    [InlineData("0904")]
    public async Task An_unknown_or_malformed_id_is_404_problem_json(string id)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/api/v1/foods/{id}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/foods", "q")]
    [InlineData("/api/v1/foods?q=%20%20", "q")]
    [InlineData("/api/v1/foods?q=banana&limit=0", "limit")]
    [InlineData("/api/v1/foods?q=banana&limit=51", "limit")]
    public async Task Bad_search_input_is_400_keyed_by_the_field(string url, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_query_over_200_characters_is_400()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/api/v1/foods?q={new string('a', 201)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("200 characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_limit_is_kept()
    {
        using var client = app.CreateClient();

        var hits = await client.GetFromJsonAsync<JsonElement>("/api/v1/foods?q=cheese&limit=3", Ct);

        Assert.Equal(3, hits.GetArrayLength());
    }
}
