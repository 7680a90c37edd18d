using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Foods;

/// <summary>The app with the hand-made SR28 folder (Fixtures/sr28-small) imported once over its starter foods.</summary>
public sealed class SmallSr28App : MedAtlasApp
{
    public string FirstRun { get; private set; } = "";

    public int FirstExitCode { get; private set; }

    public int StarterFoods { get; private set; }

    /// <summary>What the search found for "muscadine" (a food only the import brings) before the import.</summary>
    public string SearchBefore { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        StarterFoods = await WithDbAsync(db => db.Set<Food>().CountAsync());
        using (var client = CreateClient())
            SearchBefore = await client.GetStringAsync("/api/v1/foods?q=muscadine");
        (FirstExitCode, FirstRun) = await RunCommandAsync("import", "usda-sr28", SharedData.Fixture("foods", "sr28-small"));
    }
}

/// <summary><c>import usda-sr28</c> through the command line, on a small folder in USDA's own format with three broken lines.</summary>
public sealed class FoodImportTests(SmallSr28App app) : IClassFixture<SmallSr28App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_import_counts_each_file_and_names_each_broken_line()
    {
        Assert.Equal(0, app.FirstExitCode);
        var output = app.FirstRun;
        Assert.Matches(@"read\s+102\b", output);
        Assert.Matches(@"rejected\s+3\b", output);
        Assert.Matches(@"groups\s+5\b", output);
        Assert.Matches(@"nutrients\s+8\b", output);
        Assert.Matches(@"foods\s+7\b", output);
        Assert.Matches(@"measures\s+25\b", output);
        Assert.Matches(@"values\s+54\b", output);
        Assert.Contains("WEIGHT.txt line 4: 5 fields where WEIGHT.txt has 7", output, StringComparison.Ordinal);
        Assert.Contains("NUT_DATA.txt line 6: food '99999' is not in FOOD_DES.txt", output, StringComparison.Ordinal);
        Assert.Contains("NUT_DATA.txt line 10: Nutr_Val 'abc' is not an amount", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_good_lines_are_stored_as_imported_with_Windows_1252_text_read_right()
    {
        var kiwi = await app.WithDbAsync(db => db.Set<Food>().SingleAsync(f => f.Id == "09520", Ct));
        Assert.Equal("Kiwifruit, ZESPRI SunGold, raw", kiwi.Name);
        Assert.Equal("Actinidia chinensis \u2018Zesy002\u2019 (Gold3)", kiwi.ScientificName);
        Assert.Equal(ContentOrigin.Imported, kiwi.Origin);
        Assert.Equal("µg", await app.WithDbAsync(db => db.Set<Nutrient>().Where(n => n.Id == "418").Select(n => n.Unit).SingleAsync(Ct)));

        // The banana was a starter food: the import took it over, and the value on the broken line is not there.
        var banana = await app.WithDbAsync(db => db.Set<Food>().SingleAsync(f => f.Id == "09040", Ct));
        Assert.Equal(ContentOrigin.Imported, banana.Origin);
        Assert.False(await app.WithDbAsync(db => db.Set<FoodNutrient>().AnyAsync(v => v.FoodId == "99999", Ct)));
        // The Greek yogurt's fat line is broken: the starter's value stays. Its vitamin B12 (not in the starter) came in.
        Assert.Equal(0.39, await app.WithDbAsync(db => db.Set<FoodNutrient>().Where(v => v.FoodId == "01256" && v.NutrientId == "204").Select(v => v.Value).SingleAsync(Ct)));
        Assert.True(await app.WithDbAsync(db => db.Set<FoodNutrient>().AnyAsync(v => v.FoodId == "01256" && v.NutrientId == "418", Ct)));
        // The muscadine grape is new; the other six fixture foods are starter foods, and none was added twice.
        Assert.Equal(app.StarterFoods + 1, await app.WithDbAsync(db => db.Set<Food>().CountAsync(Ct)));

        using var client = app.CreateClient();
        var json = await client.GetStringAsync("/api/v1/foods/09520", Ct);
        Assert.Contains("Kiwifruit, ZESPRI SunGold, raw", json, StringComparison.Ordinal);
        // The search index was built before the import and follows it: the new food is found at once.
        Assert.Equal("[]", app.SearchBefore);
        var hits = await client.GetStringAsync("/api/v1/foods?q=muscadine", Ct);
        Assert.Contains("\"id\":\"09129\"", hits, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_folder_again_adds_and_changes_nothing()
    {
        var (exitCode, output) = await app.RunCommandAsync("import", "usda-sr28", SharedData.Fixture("foods", "sr28-small"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+99\b", output);
        Assert.Equal(app.StarterFoods + 1, await app.WithDbAsync(db => db.Set<Food>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_folder_missing_a_file_is_refused_before_anything_is_written()
    {
        var before = await app.WithDbAsync(db => db.Set<FoodNutrient>().CountAsync(Ct));

        var (exitCode, output) = await app.RunCommandAsync("import", "usda-sr28", SharedData.Fixture("foods", "sr28-missing"));

        Assert.Equal(2, exitCode);
        Assert.Contains("did not start", output, StringComparison.Ordinal);
        Assert.Contains("WEIGHT.txt is missing", output, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<FoodNutrient>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_file_in_place_of_the_folder_is_refused()
    {
        var (exitCode, output) = await app.RunCommandAsync("import", "usda-sr28", SharedData.Fixture("foods", "sr28-small", "FOOD_DES.txt"));

        Assert.Equal(2, exitCode);
        Assert.Contains("reads the folder", output, StringComparison.Ordinal);
    }
}
