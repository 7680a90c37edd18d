using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Foods;

/// <summary><c>/foods/{id}</c>: a food's measures and nutrients, public, with USDA's citation.</summary>
public sealed class FoodPageTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_food_page_shows_the_nutrients_per_100_g_and_per_the_first_measure_with_the_source()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/foods/09040", Ct);

        Assert.Contains("<h1 id=\"food-title\">Bananas, raw</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Per 1 cup, mashed", html, StringComparison.Ordinal);
        // Energy: 89 kcal per 100 g, 200 kcal in a cup, mashed (225 g).
        Assert.Matches(@"<th scope=""row"">Energy</th><td>kcal</td><td>89</td><td>200</td>", html);
        Assert.Contains("National Nutrient Database for Standard Reference, Release 28", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_measure_can_be_picked()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/foods/09040?portion=0", Ct);

        Assert.Matches(@"<th scope=""row"">Energy</th><td>kcal</td><td>89</td><td>89</td>", html);
    }

    [Theory]
    [InlineData("/foods/99999")]
    [InlineData("/foods/banana")]
    public async Task An_unknown_food_is_404(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
