using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Pills;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Pills;

/// <summary>
/// The starter pills (data/seed/pills, made by scripts/make-pill-starter.sh from real DailyMed labels): a fresh site finds
/// them by imprint with no import, each keeps its label's provenance, and the file is what the export makes of the labels.
/// </summary>
public sealed class StarterPillsTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    // The Aidarex label of cyclobenzaprine 10 mg (yellow, round, "AN41"), in ../shared/data/dailymed-spl-zips/prescription.
    private const string CyclobenzaprineSetId = "c108987e-f1f9-4f0e-893a-fb036af0ce08";

    private static readonly string SeedFile = Path.Combine(AppContext.BaseDirectory, "data", "seed", "pills", PillsStarterExport.FileName);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<SeedPill>> SeedsAsync() =>
        await new StarterDataFolder(Path.GetDirectoryName(SeedFile)!).ReadJsonArraysAsync<SeedPill>("*.json", Ct);

    [Fact]
    public async Task A_fresh_site_finds_a_real_starter_pill_by_imprint_on_the_page()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/pill-identifier?imprint=an41", Ct);

        var text = Html.Text(html);
        Assert.Contains("1 pill matches", text, StringComparison.Ordinal);
        Assert.Contains("Cyclobenzaprine Hydrochloride", text, StringComparison.Ordinal);
        Assert.Contains("Aidarex Pharmaceuticals LLC", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_says_how_many_pills_are_loaded_and_how_to_load_all_of_them()
    {
        using var client = app.CreateClient();
        var seeds = await SeedsAsync();

        var text = Html.Text(await client.GetStringAsync("/pill-identifier", Ct));

        Assert.Contains($"{seeds.Count} pills are loaded: a starter set taken from a few DailyMed labels.", text, StringComparison.Ordinal);
        Assert.Contains("sync dailymed", text, StringComparison.Ordinal);
        Assert.Contains("import dailymed <file>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_finds_a_starter_pill_with_its_drug_and_the_label_it_comes_from()
    {
        using var client = app.CreateClient();

        using var found = JsonDocument.Parse(await client.GetStringAsync("/api/v1/pills?imprint=112%20GG%20336", Ct));
        var hit = Assert.Single(found.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("112;GG;336", hit.GetProperty("imprint").GetString());
        Assert.Equal("levothyroxine", hit.GetProperty("drug").GetProperty("slug").GetString());
        Assert.Equal("112 mcg", hit.GetProperty("strength").GetString());

        using var pill = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/pills/{hit.GetProperty("id").GetInt32()}", Ct));
        Assert.Equal("eed5fdf6-2861-45a2-ae10-d8031137ed03", pill.RootElement.GetProperty("setId").GetString());
        Assert.Equal("https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=eed5fdf6-2861-45a2-ae10-d8031137ed03", pill.RootElement.GetProperty("dailyMedUrl").GetString());
        Assert.Empty(pill.RootElement.GetProperty("photos").EnumerateArray());
    }

    [Fact]
    public async Task Every_starter_pill_keeps_its_labels_provenance_and_is_loaded()
    {
        var seeds = await SeedsAsync();

        Assert.True(seeds.Count >= 20, $"only {seeds.Count} starter pills");
        Assert.All(seeds, s =>
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", s.SetId);
            Assert.True(s.LabelVersion >= 1, $"{s.ProductName} {s.Imprint}: no label version");
            Assert.True(s.LabelDate > new DateOnly(1990, 1, 1), $"{s.ProductName} {s.Imprint}: no label date");
        });
        var stored = await app.WithDbAsync(db => db.Set<Pill>().AsNoTracking().Where(p => p.Origin == ContentOrigin.Starter)
            .Select(p => new { p.SetId, p.Imprint, Images = p.Images.Count }).ToListAsync(Ct));
        Assert.Equal(seeds.Select(s => (s.SetId, s.Imprint)).Order(), stored.Select(p => (p.SetId!, p.Imprint)).Order());
        // The labels' photos are their owners': the starter set ships none.
        Assert.All(stored, p => Assert.Equal(0, p.Images));
    }
}

/// <summary>Starter pills against the real DailyMed files: an import of the same label replaces them, and the export is reproducible.</summary>
public sealed class StarterPillsRealFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Importing_a_starter_pills_label_replaces_the_starter_pill()
    {
        var zip = SharedData.Require(Path.Combine("dailymed-spl-zips", "prescription", "20140102_c108987e-f1f9-4f0e-893a-fb036af0ce08.zip"));
        await using var app = await MedAtlasApp.StartAsync();
        using var client = app.CreateClient();
        Task<List<(ContentOrigin Origin, string Imprint)>> PillsAsync() => app.WithDbAsync(async db =>
            (await db.Set<Pill>().AsNoTracking().Where(p => p.SetId == "c108987e-f1f9-4f0e-893a-fb036af0ce08")
                .Select(p => new { p.Origin, p.Imprint }).ToListAsync(Ct)).Select(p => (p.Origin, p.Imprint)).ToList());
        Assert.Equal([(ContentOrigin.Starter, "AN41")], await PillsAsync());

        var (exitCode, output) = await app.RunCommandAsync("import", "dailymed", zip);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Equal([(ContentOrigin.Imported, "AN41")], await PillsAsync());
        // One pill, not the starter one beside the imported one.
        var text = Html.Text(await client.GetStringAsync("/pill-identifier?imprint=AN41", Ct));
        Assert.Contains("1 pill matches", text, StringComparison.Ordinal);

        // Starting again (the starter set is current) or a newer starter file does not bring the starter copy back.
        var (again, _) = await app.RunCommandAsync("migrate");
        Assert.Equal(0, again);
        Assert.Equal([(ContentOrigin.Imported, "AN41")], await PillsAsync());
    }

    [Fact]
    public async Task The_committed_starter_pills_are_what_the_export_makes_of_the_real_labels()
    {
        var labels = SharedData.Require("dailymed-spl-zips");
        await using var app = await MedAtlasApp.StartAsync();
        var folder = Path.Combine(app.Database.DataDirectory, "export");

        var (importExit, importOutput) = await app.RunCommandAsync("import", "dailymed", labels);
        var (exportExit, exportOutput) = await app.RunCommandAsync("export-starter", "pills", folder);

        Assert.True(importExit == 0, importOutput);
        Assert.True(exportExit == 0, exportOutput);
        var committed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "seed", "pills", PillsStarterExport.FileName), Ct);
        var exported = await File.ReadAllTextAsync(Path.Combine(folder, PillsStarterExport.FileName), Ct);
        Assert.True(committed == exported, "data/seed/pills/pills.json is not what scripts/make-pill-starter.sh makes of the labels: run it again and commit the result");
    }

    [Fact]
    public async Task The_export_refuses_a_wrong_command_line_with_its_usage()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("export-starter", "foods");

        Assert.Equal(2, exitCode);
        Assert.Equal("Usage: export-starter pills <folder>", output.Trim());
    }
}
