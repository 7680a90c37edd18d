using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.StarterData;

namespace MedAtlas.Tests.Features.Drugs;

/// <summary>Rules the editorial starter data must keep (PRODUCT.md: sourced, dated, never guessed).</summary>
public sealed class DrugsStarterDataTests
{
    private static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "data", "seed", "drugs");

    private static async Task<List<SeedDrug>> DrugsAsync()
    {
        var folder = new StarterDataFolder(SeedFolder);
        var drugs = await folder.ReadJsonArraysAsync<SeedDrug>("drugs-*.json", TestContext.Current.CancellationToken);
        drugs.AddRange(await folder.ReadJsonArraysAsync<SeedDrug>("supplements.json", TestContext.Current.CancellationToken));
        return drugs;
    }

    [Fact]
    public async Task Every_entry_names_its_sources_and_review_date()
    {
        var drugs = await DrugsAsync();

        Assert.All(drugs, d => Assert.True(d.Sources is { Count: > 0 }, $"{d.Slug} has no sources"));
        Assert.All(drugs, d => Assert.True(d.LastReviewed is not null, $"{d.Slug} has no review date"));
        Assert.All(drugs, d => Assert.False(string.IsNullOrWhiteSpace(d.Summary), $"{d.Slug} has no summary"));
    }

    [Fact]
    public async Task Starter_text_carries_no_links_or_markup()
    {
        var drugs = await DrugsAsync();

        foreach (var drug in drugs)
        {
            var text = string.Join("\n", drug.Uses, drug.HowToTake, drug.SideEffects, drug.SeriousSideEffects, drug.Warnings, drug.BoxedWarning, drug.Pregnancy, drug.Overdose, drug.MissedDose, drug.Storage);
            Assert.DoesNotContain("http", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Supplements_never_carry_a_boxed_warning()
    {
        var drugs = await DrugsAsync();

        Assert.All(drugs.Where(d => d.Kind is "vitamin" or "mineral" or "herbal" or "supplement"), d => Assert.Null(d.BoxedWarning));
    }

    [Fact]
    public async Task Overdose_advice_gives_the_real_poison_help_number()
    {
        var drugs = await DrugsAsync();

        // The only US Poison Help number; any other digits in its place would send someone to a wrong line.
        Assert.All(drugs.Where(d => d.Overdose?.Contains("Poison", StringComparison.OrdinalIgnoreCase) == true),
            d => Assert.Contains("1-800-222-1222", d.Overdose, StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        var classes = new List<SeedClass> { new("statins", "Statins", null) };
        var conditions = new HashSet<string> { "high-cholesterol" };
        var drugs = new List<SeedDrug>
        {
            Drug("atorvastatin", "prescription", ["statins"], "high-cholesterol", ["Lipitor"]),
            Drug("simvastatin", "pill", ["statinz"], "high-cholestrol", ["Lipitor"]),
        };

        var error = Assert.Throws<InvalidDataException>(() => DrugsStarterData.Validate(classes, conditions, drugs));

        Assert.Contains("unknown kind 'pill'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown class 'statinz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown condition 'high-cholestrol'", error.Message, StringComparison.Ordinal);
        Assert.Contains("brand 'Lipitor' is claimed by both 'atorvastatin' and 'simvastatin'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_files_pass_validation()
    {
        var folder = new StarterDataFolder(SeedFolder);
        var classes = await folder.ReadJsonArraysAsync<SeedClass>("classes.json", TestContext.Current.CancellationToken);
        // The drugs link to the conditions of the Conditions feature's own starter set.
        var conditions = await new StarterDataFolder(Path.Combine(SeedFolder, "..", "conditions"))
            .ReadJsonArraysAsync<SeedCondition>("conditions.json", TestContext.Current.CancellationToken);
        ConditionsStarterData.Validate(conditions);

        DrugsStarterData.Validate(classes, conditions.Select(c => c.Slug).ToHashSet(), await DrugsAsync());
    }

    private static SeedDrug Drug(string slug, string kind, List<string> classes, string condition, List<string> brands) =>
        new(slug, slug, kind, brands, null, classes, [slug], null, null, null, "summary", null, null, null, null, null, null, null, null, null, null,
            [new SeedDrugCondition(condition, "on-label")], ["label"], new DateOnly(2026, 11, 23));
}

public sealed class StarterDataRestartTests
{
    [Fact]
    public async Task Restarting_adds_no_drug_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        int first;
        await using (var app = new MedAtlasApp(database.Share()))
        {
            await app.InitializeAsync();
            using var client = app.CreateClient();
            first = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs?pageSize=1", TestContext.Current.CancellationToken)).RootElement.GetProperty("total").GetInt32();
        }

        await using var again = new MedAtlasApp(database.Share());
        await again.InitializeAsync();
        using var second = again.CreateClient();
        var total = JsonDocument.Parse(await second.GetStringAsync("/api/v1/drugs?pageSize=1", TestContext.Current.CancellationToken)).RootElement.GetProperty("total").GetInt32();

        Assert.True(first >= 200);
        Assert.Equal(first, total);
    }
}
