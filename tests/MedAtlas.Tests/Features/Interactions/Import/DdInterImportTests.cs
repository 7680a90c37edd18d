using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.VisualBasic.FileIO;
using static MedAtlas.Tests.Features.Interactions.Import.InteractionImports;

namespace MedAtlas.Tests.Features.Interactions.Import;

/// <summary>
/// <c>import ddinter</c> over small files written in DDInter's format (tests/fixtures/ddinter), plain, gzip and as a
/// folder, and over the real 2023 download of all eight per-ATC files.
/// </summary>
public sealed class DdInterImportTests
{
    private static readonly Dictionary<(string, string), InteractionSeverity> GoodRules = new()
    {
        [("ibuprofen", "warfarin")] = InteractionSeverity.Major,
        [("clarithromycin", "simvastatin")] = InteractionSeverity.Major,
        [("examplamab", "warfarin")] = InteractionSeverity.Moderate,
        [("ibuprofen", "insulin human inhalation rapid acting")] = InteractionSeverity.Minor,
        [("examplamab", "simvastatin")] = InteractionSeverity.Unknown,
        // "Lisinopril dihydrate" by its base name; "Acetylsalicylic acid" by a name the catalogue gives aspirin.
        [("ibuprofen", "lisinopril")] = InteractionSeverity.Moderate,
        [("aspirin", "warfarin")] = InteractionSeverity.Major,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(params string[] parts) => SharedData.Fixture(["ddinter", .. parts]);

    [Fact]
    public async Task A_file_imports_each_pair_once_under_catalogue_ingredients()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var stampBefore = await InteractionsStampAsync(app);

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", Fixture("good.csv"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Import of ddinter from good.csv finished", output, StringComparison.Ordinal);
        Assert.Matches(@"read\s+11\b", output);
        Assert.Matches(@"added\s+7\b", output);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Matches(@"rejected\s+3\b", output);
        Assert.Contains("good.csv line 10: level 'Severe' is not Major, Moderate, Minor or Unknown", output, StringComparison.Ordinal);
        Assert.Contains("good.csv line 11: 3 fields where DDInter has 5", output, StringComparison.Ordinal);
        Assert.Contains("good.csv line 12: Drug_A is empty", output, StringComparison.Ordinal);

        // Names the catalogue does not know are stored anyway, and named once each however often they come.
        Assert.Matches(@"warnings\s+2\b", output);
        Assert.Contains("good.csv line 4: 'Examplamab' matches no catalogue drug yet", output, StringComparison.Ordinal);
        Assert.Contains("good.csv line 6: 'Insulin human (inhalation, rapid acting)' matches no catalogue drug yet", output, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(output, "'Examplamab' matches"));

        Assert.Equal(GoodRules, await RulesAsync(app, InteractionSources.DdInter));
        Assert.True(await InteractionsStampAsync(app) > stampBefore, "the import tells the checker's cache that interactions changed");
    }

    [Fact]
    public async Task The_gzip_file_and_a_folder_of_files_import_like_the_plain_file()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var gz = Path.Combine(app.Database.DataDirectory, "good.csv.gz");
        await using (var target = File.Create(gz))
        await using (var zip = new GZipStream(target, CompressionLevel.SmallestSize))
        await using (var source = File.OpenRead(Fixture("good.csv")))
            await source.CopyToAsync(zip, Ct);

        var (gzExit, gzOutput) = await app.RunCommandAsync("import", "ddinter", gz);

        Assert.Equal(0, gzExit);
        Assert.Matches(@"read\s+11\b", gzOutput);
        Assert.Matches(@"added\s+7\b", gzOutput);
        Assert.Equal(GoodRules, await RulesAsync(app, InteractionSources.DdInter));

        // The folder repeats warfarin + ibuprofen across its two files, the other way round; its README is not read.
        await using var fresh = await MedAtlasApp.StartAsync();
        var (folderExit, folderOutput) = await fresh.RunCommandAsync("import", "ddinter", Fixture("folder"));

        Assert.Equal(0, folderExit);
        Assert.Matches(@"read\s+4\b", folderOutput);
        Assert.Matches(@"added\s+3\b", folderOutput);
        Assert.Matches(@"unchanged\s+1\b", folderOutput);
        Assert.Matches(@"rejected\s+0\b", folderOutput);
        Assert.Equal(
            [("aspirin", "warfarin"), ("ibuprofen", "lisinopril"), ("ibuprofen", "warfarin")],
            (await RulesAsync(fresh, InteractionSources.DdInter)).Keys.Order());
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "ddinter", Fixture("good.csv"));
        var stamp = await InteractionsStampAsync(app);

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", Fixture("good.csv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+8\b", output);
        Assert.Matches(@"rejected\s+3\b", output);
        Assert.Equal(GoodRules, await RulesAsync(app, InteractionSources.DdInter));
        Assert.Equal(stamp, await InteractionsStampAsync(app));
    }

    [Fact]
    public async Task A_newer_file_updates_changed_severities_and_adds_new_pairs()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "ddinter", Fixture("good.csv"));

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", Fixture("newer.csv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"updated\s+1\b", output);
        Assert.Matches(@"unchanged\s+6\b", output);
        var rules = await RulesAsync(app, InteractionSources.DdInter);
        Assert.Equal(InteractionSeverity.Major, rules[("examplamab", "warfarin")]);
        Assert.Equal(InteractionSeverity.Major, rules[("fluconazole", "warfarin")]);
        Assert.Equal(8, rules.Count);
    }

    [Fact]
    public async Task Two_names_of_one_ingredient_make_one_rule_with_the_worse_severity()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", Fixture("same-ingredient.csv"));

        // Aspirin + ibuprofen is Moderate, then Major as acetylsalicylic acid: one rule, Major, whatever the order.
        // Each row is stored under its own names (the catalogue may later tell the two apart), so the pair of the two
        // names is kept rather than rejected, with a warning: it checks nothing while both are aspirin.
        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+3\b", output);
        Assert.Matches(@"unchanged\s+0\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.Matches(@"warnings\s+1\b", output);
        Assert.Contains("line 4: 'Aspirin' and 'Acetylsalicylic acid' are both aspirin in the catalogue, so this pair checks nothing while that holds", output, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<(string, string), InteractionSeverity> { [("aspirin", "ibuprofen")] = InteractionSeverity.Major },
            await RulesAsync(app, InteractionSources.DdInter));

        var (_, again) = await app.RunCommandAsync("import", "ddinter", Fixture("same-ingredient.csv"));

        Assert.Matches(@"updated\s+0\b", again);
        Assert.Matches(@"unchanged\s+3\b", again);
    }

    [Fact]
    public async Task A_file_of_another_format_is_refused_and_nothing_is_written()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", SharedData.Fixture("onc-ddi", "high-priority.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("high-priority.csv is not a DDInter download: its first line should be DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level", output, StringComparison.Ordinal);
        Assert.Empty(await RulesAsync(app, InteractionSources.DdInter));
    }

    [Fact]
    public async Task A_folder_with_one_wrong_file_is_refused_before_its_good_files_are_written()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "downloads")).FullName;
        foreach (var file in Directory.EnumerateFiles(Fixture("folder")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        await File.WriteAllTextAsync(Path.Combine(folder, "ddinter_downloads_code_V.csv"), "drug_a,drug_b,level\nWarfarin,Ibuprofen,Major\n", Ct);

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", folder);

        Assert.Equal(2, exitCode);
        Assert.Contains("ddinter_downloads_code_V.csv is not a DDInter download", output, StringComparison.Ordinal);
        Assert.Empty(await RulesAsync(app, InteractionSources.DdInter));
    }

    [Fact]
    public async Task The_checker_shows_DDInter_beside_the_other_sources()
    {
        await using var app = await MedAtlasApp.StartAsync();
        using var client = app.CreateClient();
        var before = (await CheckAsync(client, "warfarin", "ibuprofen"))!.Value;
        var sourcesBefore = Interaction(before, "warfarin", "ibuprofen") is { } found ? Sources(found) : [];

        await app.RunCommandAsync("import", "ddinter", Fixture("good.csv"));
        SeeImportNow(app);

        var after = (await CheckAsync(client, "warfarin", "ibuprofen"))!.Value;
        var sources = Sources(Interaction(after, "warfarin", "ibuprofen") ?? throw new InvalidOperationException("no warfarin + ibuprofen interaction"));
        Assert.Equal("major", sources["DDInter"]);
        // Side by side: whatever the curated set says about the pair is still shown, with its own grade.
        foreach (var (name, severity) in sourcesBefore)
            Assert.Equal(severity, sources[name]);
        Assert.Contains(after.GetProperty("sourcesChecked").EnumerateArray(), s => s.GetProperty("name").GetString() == "DDInter");

        // The salt name and the synonym reached the catalogue drugs.
        var lisinopril = (await CheckAsync(client, "lisinopril", "ibuprofen"))!.Value;
        Assert.Equal("moderate", Sources(Interaction(lisinopril, "lisinopril", "ibuprofen")!.Value)["DDInter"]);
        var aspirin = (await CheckAsync(client, "aspirin", "warfarin"))!.Value;
        Assert.Equal("major", Sources(Interaction(aspirin, "aspirin", "warfarin")!.Value)["DDInter"]);
    }

    [Fact]
    public async Task The_real_download_stores_every_DDInter_pair_once()
    {
        var folder = SharedData.Require("ddinter");
        await using var app = await MedAtlasApp.StartAsync();

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", folder);
        var elapsed = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"import ddinter (all 8 files, {TestDatabase.ProviderUnderTest}): {elapsed.TotalSeconds:0.0} s\n{output}");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+222,383\b", output);
        // Its time is printed above and recorded in docs/benchmarks.md; tests never assert a duration.

        // What should be stored, worked out here from the files: DDInter's 160,235 distinct pairs, with each name
        // taken to the catalogue ingredient it names. Where DDInter has several names for one catalogue ingredient
        // (calcium citrate, gluconate and lactate are all "calcium") their pairs become one rule with the worst level,
        // and a pair of two such names is no interaction at all.
        // The table keeps DDInter's pairs under DDInter's own names (normalized), one row per pair of names; the checker
        // matches the names to the catalogue (the index, RulesAsync) each time the catalogue changes.
        var resolve = await CatalogueResolverAsync(app);
        var sourcePairs = new HashSet<(string, string)>();
        var namePairs = new HashSet<(string, string)>();
        var expected = new Dictionary<(string, string), InteractionSeverity>();
        var oneIngredientRows = 0;
        foreach (var (idA, nameA, idB, nameB, level) in ReadDdInter(folder))
        {
            sourcePairs.Add(string.CompareOrdinal(idA, idB) <= 0 ? (idA, idB) : (idB, idA));
            namePairs.Add(InteractionRule.Order(SearchText.Normalize(nameA), SearchText.Normalize(nameB)));
            var (a, b) = (resolve(nameA), resolve(nameB));
            if (a == b)
            {
                oneIngredientRows++;
                continue;
            }

            var pair = InteractionRule.Order(a, b);
            var severity = InteractionSources.ParseSeverity(level)!.Value;
            if (!expected.TryGetValue(pair, out var current) || severity > current)
                expected[pair] = severity;
        }

        Assert.Equal(160_235, sourcePairs.Count);
        var stored = await RulesAsync(app, InteractionSources.DdInter);
        Assert.Equal(expected.Count, stored.Count);
        Assert.Empty(expected.Where(e => !stored.TryGetValue(e.Key, out var s) || s != e.Value).Take(10));
        Assert.Equal(namePairs.Count, (await StoredRulesAsync(app, InteractionSources.DdInter)).Count);
        Assert.Matches($@"added\s+{namePairs.Count:N0}\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.Matches($@"unchanged\s+{222_383 - namePairs.Count:N0}\b", output);
        TestContext.Current.TestOutputHelper?.WriteLine($"{sourcePairs.Count:N0} DDInter pairs ({namePairs.Count:N0} pairs of names) checked as {stored.Count:N0} rules; {oneIngredientRows} rows pair two names of one catalogue ingredient");

        clock.Restart();
        var (againExit, again) = await app.RunCommandAsync("import", "ddinter", folder);
        TestContext.Current.TestOutputHelper?.WriteLine($"re-import: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, againExit);
        Assert.Matches(@"added\s+0\b", again);
        Assert.Matches(@"updated\s+0\b", again);
    }

    /// <summary>The catalogue's names for its ingredients, as the import is specified to use them.</summary>
    private static async Task<Func<string, string>> CatalogueResolverAsync(MedAtlasApp app)
    {
        var ingredients = await app.WithDbAsync(db => db.Set<DrugIngredient>().Select(i => i.Name).Distinct().ToListAsync(Ct));
        var drugNames = await app.WithDbAsync(db => db.Set<DrugName>()
            .Where(n => n.Drug.Ingredients.Count == 1)
            .OrderBy(n => n.Drug.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(n => n.DrugId)
            .Select(n => new { n.Normalized, Ingredient = n.Drug.Ingredients.Select(i => i.Name).First() })
            .ToListAsync(Ct));
        var byName = ingredients.ToDictionary(i => i, i => i);
        foreach (var name in drugNames)
            byName.TryAdd(name.Normalized, name.Ingredient);

        return name => byName.GetValueOrDefault(SearchText.Normalize(name)) ?? byName.GetValueOrDefault(DrugMatcher.BaseName(name)) ?? SearchText.Normalize(name);
    }

    private static IEnumerable<(string IdA, string NameA, string IdB, string NameB, string Level)> ReadDdInter(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv.gz").Order(StringComparer.Ordinal))
        {
            using var csv = new TextFieldParser(new GZipStream(File.OpenRead(file), CompressionMode.Decompress)) { HasFieldsEnclosedInQuotes = true };
            csv.SetDelimiters(",");
            csv.ReadFields();
            while (csv.ReadFields() is { } f)
                yield return (f[0], f[1], f[2], f[3], f[4]);
        }
    }
}
