using System.Diagnostics;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Interactions;
using Microsoft.EntityFrameworkCore;
using static MedAtlas.Tests.Features.Interactions.Import.InteractionImports;

namespace MedAtlas.Tests.Features.Interactions.Import;

/// <summary>
/// <c>import onc-ddi</c> over a small list written in the format of the Pittsburgh expansion of the ONC high-priority
/// list (tests/fixtures/onc-ddi: BOM, CRLF, '$'-separated), and over that real file as an oracle for the checker.
/// </summary>
public sealed class OncDdiImportTests
{
    private const string Citation = "Phansalkar S, et al. High-priority drug-drug interactions for use in electronic health records. JAMIA 2012;19:735-43";

    private static readonly string[] MajorOrWorse = ["major", "contraindicated"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture => SharedData.Fixture("onc-ddi", "high-priority.csv");

    [Fact]
    public async Task The_list_imports_every_pair_as_major_with_its_citation()
    {
        // The fixture keeps the real file's bytes: a UTF-8 BOM and CRLF line ends.
        var bytes = await File.ReadAllBytesAsync(Fixture, Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("$\r\n", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "onc-ddi", Fixture);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+6\b", output);
        Assert.Matches(@"added\s+3\b", output);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Matches(@"rejected\s+2\b", output);
        Assert.Contains("line 5: 2 '$'-separated fields where the list has 4", output, StringComparison.Ordinal);
        Assert.Contains("line 6: 'warfarin' is not a DrugBank id", output, StringComparison.Ordinal);
        Assert.Matches(@"warnings\s+1\b", output);
        Assert.Contains("line 4: 'Examplamab' matches no catalogue drug yet", output, StringComparison.Ordinal);

        Assert.Equal(
            new Dictionary<(string, string), InteractionSeverity>
            {
                [("ibuprofen", "warfarin")] = InteractionSeverity.Major,
                [("clarithromycin", "simvastatin")] = InteractionSeverity.Major,
                [("clarithromycin", "examplamab")] = InteractionSeverity.Major,
            },
            await RulesAsync(app, InteractionSources.OncHighPriority));
        var rules = await app.WithDbAsync(db => db.Set<InteractionRule>().AsNoTracking().Where(r => r.Source == InteractionSources.OncHighPriority).ToListAsync(Ct));
        Assert.All(rules, r => Assert.Equal([Citation], r.References));
        Assert.All(rules, r => Assert.Null(r.Summary));
    }

    [Fact]
    public async Task Importing_the_list_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "onc-ddi", Fixture);
        var stamp = await InteractionsStampAsync(app);

        var (exitCode, output) = await app.RunCommandAsync("import", "onc-ddi", Fixture);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+4\b", output);
        Assert.Equal(stamp, await InteractionsStampAsync(app));
    }

    [Theory]
    [InlineData("ddinter/good.csv", "This is not an ONC high-priority list: line 1 should look like")]
    [InlineData("ddinter/folder", "folder is a folder; give the list's file")]
    [InlineData("icd10cm/not-a-csv.json", "This is not an ONC high-priority list")]
    public async Task A_file_of_another_format_is_refused_and_nothing_is_written(string fixture, string message)
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "onc-ddi", SharedData.Fixture([.. fixture.Split('/')]));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Empty(await RulesAsync(app, InteractionSources.OncHighPriority));
    }

    [Fact]
    public async Task The_checker_shows_the_ONC_list_beside_DDInter()
    {
        await using var app = await MedAtlasApp.StartAsync();
        using var client = app.CreateClient();
        await app.RunCommandAsync("import", "onc-ddi", Fixture);
        await app.RunCommandAsync("import", "ddinter", SharedData.Fixture("ddinter", "good.csv"));
        SeeImportNow(app);

        var report = (await CheckAsync(client, "warfarin", "ibuprofen"))!.Value;

        var sources = Sources(Interaction(report, "warfarin", "ibuprofen") ?? throw new InvalidOperationException("no warfarin + ibuprofen interaction"));
        Assert.Equal("major", sources["ONC high-priority interaction list"]);
        Assert.Equal("major", sources["DDInter"]);
    }

    [Fact]
    public async Task Every_pair_of_the_real_list_between_catalogue_drugs_comes_back_major()
    {
        var file = SharedData.Require("onc-ddi/ONC_High_Priority_Mapped.csv");
        await using var app = await MedAtlasApp.StartAsync();

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await app.RunCommandAsync("import", "onc-ddi", file);
        TestContext.Current.TestOutputHelper?.WriteLine($"import onc-ddi ({TestDatabase.ProviderUnderTest}): {clock.Elapsed.TotalSeconds:0.0} s\n{output}");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+1,930\b", output);
        Assert.Matches(@"rejected\s+0\b", output);

        var pairs = (await File.ReadAllLinesAsync(file, Ct))
            .Select(line => line.Split('$'))
            .Select(f => string.CompareOrdinal(f[0], f[2]) <= 0 ? (f[0], f[2]) : (f[2], f[0]))
            .Distinct()
            .ToList();
        Assert.Equal(1_150, pairs.Count);

        SeeImportNow(app);
        using var client = app.CreateClient();
        var checkedPairs = 0;
        var missed = new List<string>();
        foreach (var (a, b) in pairs)
        {
            // Refused when both names are one catalogue drug; a pair only counts when the checker knows both drugs.
            if (await CheckAsync(client, a, b) is not { } report || CheckedSlugs(report) is not [var slugA, var slugB])
                continue;

            checkedPairs++;
            var severity = Interaction(report, slugA, slugB)?.GetProperty("severity").GetString();
            if (!MajorOrWorse.Contains(severity))
                missed.Add($"{a} ({slugA}) + {b} ({slugB}): {severity ?? "no interaction"}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{checkedPairs} of {pairs.Count} pairs name two catalogue drugs");
        Assert.True(checkedPairs > 0, "no pair of the list names two catalogue drugs");
        Assert.Empty(missed);
    }
}
