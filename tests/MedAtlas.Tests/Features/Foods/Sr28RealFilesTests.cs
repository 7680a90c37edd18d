using System.Net.Http.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Foods;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Foods;

/// <summary>The app with the whole of USDA SR28 (../shared/data/usda-sr28) imported once; nothing when the files are absent.</summary>
public sealed class RealSr28App : MedAtlasApp
{
    public const string Folder = "usda-sr28";

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (SharedData.Root is { } root && Directory.Exists(Path.Combine(root, Folder)))
            (ExitCode, Output) = await RunCommandAsync("import", "usda-sr28", Path.Combine(root, Folder));
    }
}

/// <summary>The real SR28 release: every line imports, and the search finds what people mean among 8,789 foods.</summary>
public sealed class Sr28RealFilesTests(RealSr28App app) : IClassFixture<RealSr28App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_whole_release_imports_with_USDAs_counts()
    {
        SharedData.Require(RealSr28App.Folder);

        Assert.True(app.ExitCode == 0, app.Output);
        Assert.Matches(@"rejected\s+0\b", app.Output);
        Assert.Matches(@"foods\s+8,789\b", app.Output);
        Assert.Matches(@"values\s+679,045\b", app.Output);
        Assert.Matches(@"measures\s+15,438\b", app.Output);
        Assert.Matches(@"nutrients\s+150\b", app.Output);
        Assert.Matches(@"groups\s+25\b", app.Output);
        Assert.Equal(8_789, await app.WithDbAsync(db => db.Set<Food>().CountAsync(Ct)));
        Assert.Equal(679_045, await app.WithDbAsync(db => db.Set<FoodNutrient>().CountAsync(Ct)));
        Assert.Equal(15_438, await app.WithDbAsync(db => db.Set<FoodPortion>().CountAsync(Ct)));
    }

    /// <summary>What a person types, and the start of the name they expect first.</summary>
    public static TheoryData<string, string> TopHits => new()
    {
        { "banana", "Bananas, raw" },
        { "greek yogurt", "Yogurt, Greek" },
        { "chiken breast", "Chicken, broiler" },
        { "apples", "Apples, raw" },
        { "apple", "Apples, raw" },
        { "chick", "Chick" },
        { "brocoli", "Broccoli, raw" },
        { "whole milk", "Milk, whole" },
        { "cheddar cheese", "Cheese, cheddar" },
        { "ketchup", "Catsup" },
        { "hot dog", "Frankfurter" },
        { "big mac", "McDONALD'S, BIG MAC" },
        { "baby food banana", "Babyfood" },
        { "egg", "Egg, whole, raw" },
        { "milk", "Milk, whole" },
        { "strawberries", "Strawberries, raw" },
        { "salmon", "Fish, salmon" },
    };

    [Theory]
    [MemberData(nameof(TopHits))]
    public async Task The_food_a_person_means_comes_first(string query, string expected)
    {
        SharedData.Require(RealSr28App.Folder);
        using var client = app.CreateClient();

        var hits = await client.GetFromJsonAsync<List<FoodSearchTests.Hit>>($"/api/v1/foods?q={Uri.EscapeDataString(query)}&limit=5", Ct);

        Assert.NotEmpty(hits!);
        Assert.True(hits![0].Name.StartsWith(expected, StringComparison.Ordinal), $"{query}: {string.Join(" | ", hits.Select(h => h.Name))}");
    }
}
