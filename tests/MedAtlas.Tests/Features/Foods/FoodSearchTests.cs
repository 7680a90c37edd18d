using System.Net.Http.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Foods;

/// <summary>The food search as people use it, through <c>GET /api/v1/foods</c>, over the starter foods a fresh site has.</summary>
public sealed class FoodSearchTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    public sealed record Hit(string Id, string Name, string Group, double? KcalPer100g);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a person types, and the start of the name they expect first.</summary>
    public static TheoryData<string, string> TopHits => new()
    {
        { "banana", "Bananas, raw" },
        { "bananas", "Bananas, raw" },
        { "greek yogurt", "Yogurt, Greek" },
        { "yogurt greek", "Yogurt, Greek" },
        { "chiken breast", "Chicken" },
        { "breast chicken", "Chicken, broiler" },
        { "chick", "Chick" },
        { "apples", "Apples, raw" },
        { "apple", "Apples, raw" },
        { "brocoli", "Broccoli, raw" },
        { "whole milk", "Milk, whole" },
        { "ketchup", "Catsup" },
        { "hot dog", "Frankfurter" },
        { "spaghetti", "Pasta, " },
        { "big mac", "McDONALD'S, BIG MAC" },
        { "baby food banana", "Babyfood" },
        { "cheddar", "Cheese, cheddar" },
        { "peanut butter", "Peanut butter" },
        { "strawberies", "Strawberries, raw" },
    };

    [Theory]
    [MemberData(nameof(TopHits))]
    public async Task The_food_a_person_means_comes_first(string query, string expected)
    {
        var hits = await SearchAsync(query);

        Assert.NotEmpty(hits);
        Assert.StartsWith(expected, hits[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baby_foods_rank_below_the_food_itself_unless_asked_for()
    {
        var hits = await SearchAsync("banana", 50);

        Assert.Equal("09040", hits[0].Id);
        var baby = hits.FindIndex(h => h.Name.StartsWith("Babyfood", StringComparison.Ordinal));
        var bread = hits.FindIndex(h => h.Id == "09040");
        Assert.True(baby > bread, string.Join(" | ", hits.Select(h => h.Name)));
    }

    [Fact]
    public async Task Hits_carry_the_group_and_the_energy_per_100_g()
    {
        var banana = (await SearchAsync("banana"))[0];

        Assert.Equal("Fruits and Fruit Juices", banana.Group);
        Assert.Equal(89, banana.KcalPer100g);
    }

    [Fact]
    public async Task Nonsense_finds_nothing_rather_than_anything()
    {
        Assert.Empty(await SearchAsync("xqzvw"));
        Assert.Empty(await SearchAsync("banana xqzvw"));
    }

    private async Task<List<Hit>> SearchAsync(string query, int limit = 10)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<List<Hit>>($"/api/v1/foods?q={Uri.EscapeDataString(query)}&limit={limit}", Ct))!;
    }
}
