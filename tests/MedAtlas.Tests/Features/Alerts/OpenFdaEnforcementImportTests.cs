using System.Diagnostics;
using System.IO.Compression;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// <c>import openfda-enforcement</c> over hand-written files in openFDA's bulk format
/// (tests/fixtures/openfda-enforcement), matched against the DailyMed fixture labels and the starter catalogue; and
/// over the real 2021 bulk export when ../shared/data has it.
/// </summary>
public sealed class OpenFdaEnforcementImportTests
{
    private const string RealFile = "openfda-drug-enforcement/drug-enforcement-0001-of-0001.json.zip";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => SharedData.Fixture("openfda-enforcement", name);

    /// <summary>An app whose catalogue has the DailyMed fixture labels (NDC labelers 99999 and 77777) on top of the starter drugs.</summary>
    private static async Task<MedAtlasApp> AppWithLabelsAsync()
    {
        var app = await MedAtlasApp.StartAsync();
        foreach (var label in new[] { "rx-v1.xml", "combo.xml" })
        {
            var (exitCode, output) = await app.RunCommandAsync("import", "dailymed", SharedData.Fixture("dailymed", label));
            Assert.True(exitCode == 0, output);
        }

        return app;
    }

    private static Task<Recall> RecallAsync(MedAtlasApp app, string number) =>
        app.WithDbAsync(db => db.Set<Recall>().AsNoTracking()
            .Include(r => r.ProductCodes).Include(r => r.Lots).Include(r => r.Matches).Include(r => r.StatusChanges)
            .AsSplitQuery().SingleAsync(r => r.RecallNumber == number, Ct));

    private static Task<string> SlugOfAsync(MedAtlasApp app, string labelProductNdc) =>
        app.WithDbAsync(async db => (await db.Set<Web.Features.Drugs.DrugLabel>().AsNoTracking().Include(l => l.Drug).ToListAsync(Ct))
            .First(l => l.Products.Any(p => p.Ndc == labelProductNdc)).Drug.Slug);

    [Fact]
    public async Task The_file_imports_with_codes_lots_and_matches_and_the_malformed_record_is_reported_by_its_index()
    {
        await using var app = await AppWithLabelsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls.json"));

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"read\s+8\b", output);
        Assert.Matches(@"added\s+6\b", output);
        Assert.Matches(@"rejected\s+1\b", output);
        Assert.Matches(@"superseded\s+1\b", output);
        Assert.Matches(@"matched-by-ndc\s+3\b", output);
        Assert.Matches(@"matched-by-name\s+1\b", output);
        Assert.Matches(@"unmatched\s+2\b", output);
        Assert.Contains("record 4: report_date '2024-13-01' is not a YYYYMMDD date", output, StringComparison.Ordinal);
        Assert.Contains("record 5: recall number D-0105-2024 occurs again at record 7; the later record is kept", output, StringComparison.Ordinal);

        var quinapril = await SlugOfAsync(app, "99999-0101");
        var openFda = await RecallAsync(app, "D-0101-2024");
        Assert.Equal("Class I", openFda.Classification);
        Assert.Equal(new DateOnly(2024, 1, 24), openFda.ReportDate);
        Assert.Equal(new DateOnly(2023, 12, 20), openFda.RecallInitiationDate);
        Assert.Null(openFda.TerminationDate);
        Assert.Equal(
            ["999990101 ProductNdc", "99999010190 PackageNdc"],
            openFda.ProductCodes.Select(c => $"{c.Code} {c.Origin}").Order(StringComparer.Ordinal));
        Assert.Equal(["QX1234"], openFda.Lots.Select(l => l.Lot));
        var match = Assert.Single(openFda.Matches);
        Assert.Equal((quinapril, RecallMatchKind.Ndc, RecallMatch.High), (match.DrugSlug, match.How, match.Confidence));

        // Without an openfda block, the NDC is read from the description (5-3-2, padded to 5-4-2).
        var described = await RecallAsync(app, "D-0102-2024");
        Assert.Equal(["77777030124 Description"], described.ProductCodes.Select(c => $"{c.Code} {c.Origin}"));
        Assert.Equal(["23A101", "23A102"], described.Lots.Select(l => l.Lot).Order(StringComparer.Ordinal));
        match = Assert.Single(described.Matches);
        Assert.Equal((await SlugOfAsync(app, "77777-0301"), RecallMatchKind.Ndc, RecallMatch.Medium), (match.DrugSlug, match.How, match.Confidence));

        var inCodeInfo = await RecallAsync(app, "D-0107-2024");
        Assert.Equal(["99999010230 CodeInfo"], inCodeInfo.ProductCodes.Select(c => $"{c.Code} {c.Origin}"));
        Assert.Equal(["QZ0001"], inCodeInfo.Lots.Select(l => l.Lot));
        Assert.Equal(quinapril, Assert.Single(inCodeInfo.Matches).DrugSlug);

        // No NDC at all: the name alone, the weaker kind.
        var byName = await RecallAsync(app, "D-0103-2024");
        Assert.Equal("Terminated", byName.Status);
        Assert.Equal(new DateOnly(2024, 9, 1), byName.TerminationDate);
        Assert.Equal(["4410A", "4411A"], byName.Lots.Select(l => l.Lot).Order(StringComparer.Ordinal));
        match = Assert.Single(byName.Matches);
        Assert.Equal(("atorvastatin", RecallMatchKind.Name, RecallMatch.Low), (match.DrugSlug, match.How, match.Confidence));

        var unmatched = await RecallAsync(app, "D-0106-2024");
        Assert.Empty(unmatched.Matches);
        Assert.Empty(unmatched.Lots);
        Assert.Equal("FDA Mandated", unmatched.VoluntaryMandated);

        var twice = await RecallAsync(app, "D-0105-2024");
        Assert.Equal("Microbial contamination of non-sterile products (later record)", twice.ReasonForRecall);
        Assert.False(await app.WithDbAsync(db => db.Set<Recall>().AnyAsync(r => r.RecallNumber == "D-0104-2024", Ct)));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var app = await AppWithLabelsAsync();
        await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls.json"));
        var before = await RecallAsync(app, "D-0101-2024");

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls.json"));

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+6\b", output);
        var after = await RecallAsync(app, "D-0101-2024");
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Empty(after.StatusChanges);
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<Recall>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_recall_that_is_now_terminated_is_updated_and_its_status_change_kept()
    {
        await using var app = await AppWithLabelsAsync();
        await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls.json"));

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls-later.json"));

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"updated\s+1\b", output);
        var recall = await RecallAsync(app, "D-0101-2024");
        Assert.Equal("Terminated", recall.Status);
        Assert.Equal(new DateOnly(2024, 10, 15), recall.TerminationDate);
        var change = Assert.Single(recall.StatusChanges);
        Assert.Equal(("Ongoing", "Terminated"), (change.From, change.To));
        // The new record's NDC is on no catalogue label and its name on no drug: kept, unmatched.
        Assert.Matches(@"unmatched\s+1\b", output);
        Assert.Equal(["8X0001"], (await RecallAsync(app, "D-0108-2024")).Lots.Select(l => l.Lot));

        (_, output) = await app.RunCommandAsync("import", "openfda-enforcement", Fixture("recalls-later.json"));
        Assert.Matches(@"unchanged\s+2\b", output);
        Assert.Single((await RecallAsync(app, "D-0101-2024")).StatusChanges);
    }

    [Fact]
    public async Task The_zip_holding_the_json_imports_like_the_json()
    {
        await using var app = await AppWithLabelsAsync();
        var zip = Path.Combine(app.Database.DataDirectory, "drug-enforcement-0001-of-0001.json.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            archive.CreateEntryFromFile(Fixture("recalls.json"), "drug-enforcement-0001-of-0001.json");

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", zip);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"added\s+6\b", output);
        Assert.Matches(@"matched-by-ndc\s+3\b", output);
    }

    [Theory]
    [InlineData("icd10cm/good.csv", "is not valid JSON")]
    [InlineData("dailymed/rx-v1.xml", "is not valid JSON")]
    [InlineData("fhir", "is a folder")]
    public async Task A_file_of_another_format_is_refused_and_nothing_is_written(string fixture, string message)
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", SharedData.Fixture(fixture.Split('/')));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Recall>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_file_cut_short_is_refused_before_anything_is_written()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var whole = await File.ReadAllTextAsync(Fixture("recalls.json"), Ct);
        var path = Path.Combine(app.Database.DataDirectory, "cut.json");
        await File.WriteAllTextAsync(path, whole[..(whole.Length * 2 / 3)], Ct);

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", path);

        Assert.Equal(2, exitCode);
        // Where the cut falls decides which: inside a string ("not valid JSON ... end of data") or between tokens.
        Assert.Matches(@"cut\.json (is not valid JSON near byte [\d,]+|ends inside a record)", output);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Recall>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_json_object_without_results_is_refused()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var path = Path.Combine(app.Database.DataDirectory, "meta-only.json");
        await File.WriteAllTextAsync(path, """{"meta": {"results": {"total": 0}}, "error": {"code": "NOT_FOUND"}}""", Ct);

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("has no \"results\" array", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_2021_export_imports_every_record_with_its_match_counts()
    {
        var file = SharedData.Require(RealFile);
        var labels = SharedData.Require("dailymed-spl-samples");
        await using var app = await MedAtlasApp.StartAsync();
        // Real labels (Lipitor and its repackager among them) give the catalogue real product NDCs to match.
        await app.RunCommandAsync("import", "dailymed", labels);

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", file);
        TestContext.Current.TestOutputHelper?.WriteLine($"import openfda-enforcement ({TestDatabase.ProviderUnderTest}): {clock.Elapsed.TotalSeconds:0.0} s\n{output}");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"read\s+12,504\b", output);
        // Three records have an empty recall_number: nothing to key them on, so they are rejected by index.
        Assert.Matches(@"rejected\s+3\b", output);
        Assert.Contains("record 10620: no recall_number", output, StringComparison.Ordinal);
        Assert.Contains("record 11945: no recall_number", output, StringComparison.Ordinal);
        Assert.Contains("record 12428: no recall_number", output, StringComparison.Ordinal);
        // 10 real recall numbers occur twice: the earlier of each pair is superseded, 12,491 recalls stored.
        Assert.Matches(@"superseded\s+10\b", output);
        Assert.Contains("record 1669: recall number D-0418-2015 occurs again at record 4411; the later record is kept", output, StringComparison.Ordinal);
        Assert.Matches(@"added\s+12,491\b", output);
        Assert.Equal(12_491, await app.WithDbAsync(db => db.Set<Recall>().CountAsync(Ct)));
        var byNdc = Count(output, "matched-by-ndc");
        var byName = Count(output, "matched-by-name");
        var unmatched = Count(output, "unmatched");
        Assert.Equal(12_491, byNdc + byName + unmatched);
        Assert.True(byNdc > 0, output);
        Assert.True(byName > 0, output);

        var (_, again) = await app.RunCommandAsync("import", "openfda-enforcement", file);
        Assert.Matches(@"unchanged\s+12,491\b", again);
    }

    private static long Count(string output, string outcome) =>
        long.Parse(System.Text.RegularExpressions.Regex.Match(output, outcome + @"\s+([\d,]+)").Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
}
