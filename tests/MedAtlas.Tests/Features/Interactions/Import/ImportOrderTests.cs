using System.Diagnostics;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Interactions;
using Microsoft.Extensions.DependencyInjection;
using static MedAtlas.Tests.Features.Interactions.Import.InteractionImports;

namespace MedAtlas.Tests.Features.Interactions.Import;

/// <summary>
/// Issue 19: the same files give the same interaction data whichever is imported first, the drugs or the list. Each order
/// runs on its own fresh database through the real <c>import</c> command; the rules the checker reads (pairs, severities,
/// sources), the rows stored and the names left unmatched are compared.
/// </summary>
public sealed class ImportOrderTests
{
    private static string Fixture(string name) => SharedData.Fixture("import-order", name);

    [Fact]
    public async Task Drugs_then_DDInter_and_DDInter_then_drugs_give_the_same_rules()
    {
        var drugsFirst = await ImportAsync(("drugsatfda", Fixture("drugsatfda")), ("ddinter", Fixture("ddinter.csv")));
        var listFirst = await ImportAsync(("ddinter", Fixture("ddinter.csv")), ("drugsatfda", Fixture("drugsatfda")));

        var expected = new Dictionary<(string, string), InteractionSeverity>
        {
            // "Naltrexone" (Minor, twice) and "Naltrexone hydrochloride" (Moderate) are one ingredient once Drugs@FDA
            // brings it: one rule, the worse grade, in either order.
            [("naltrexone", "warfarin")] = InteractionSeverity.Moderate,
            // Magnesium oxide is a name of the starter magnesium entry; Drugs@FDA's combination makes magnesium hydroxide
            // an ingredient of its own, so their pair (two names of one entry before) is a rule after, in either order.
            [("magnesium", "magnesium hydroxide")] = InteractionSeverity.Minor,
            [("magnesium", "warfarin")] = InteractionSeverity.Major,
            [("magnesium hydroxide", "warfarin")] = InteractionSeverity.Moderate,
            [("famotidine", "warfarin")] = InteractionSeverity.Minor,
            // Matches no drug in either order: kept under its own name.
            [("examplamab", "warfarin")] = InteractionSeverity.Moderate,
            [("examplamab", "naltrexone")] = InteractionSeverity.Unknown,
        };
        Assert.Equal(expected, drugsFirst.Rules);
        Assert.Equal(drugsFirst.Rules, listFirst.Rules);
        Assert.Equal(drugsFirst.Stored, listFirst.Stored);
        Assert.Equal(8, drugsFirst.Stored.Count);
        Assert.Equal(drugsFirst.RulesPerSource, listFirst.RulesPerSource);

        // What is left unmatched is the same in both orders, and it is what the list's import warns about when the drugs
        // are in first. Imported first, the list also warned about names the drugs then brought, and about a pair of two
        // names of one entry; those warnings were true when given.
        Assert.Equal(new Dictionary<string, int> { [InteractionSources.DdInter] = 1 }, drugsFirst.Unmatched);
        Assert.Equal(drugsFirst.Unmatched, listFirst.Unmatched);
        Assert.Equal(1, Count(drugsFirst.Outputs["ddinter"], "warnings"));
        Assert.Contains("'Examplamab' matches no catalogue drug yet", drugsFirst.Outputs["ddinter"], StringComparison.Ordinal);
        Assert.Equal(4, Count(listFirst.Outputs["ddinter"], "warnings"));
        Assert.Contains("'Magnesium oxide' and 'Magnesium hydroxide' are both magnesium in the catalogue", listFirst.Outputs["ddinter"], StringComparison.Ordinal);
        foreach (var outputs in new[] { drugsFirst.Outputs, listFirst.Outputs })
        {
            Assert.Equal(0, Count(outputs["ddinter"], "rejected"));
            Assert.Equal(8, Count(outputs["ddinter"], "added"));
            Assert.Equal(1, Count(outputs["ddinter"], "unchanged"));
        }
    }

    [Fact]
    public async Task The_real_files_give_the_same_rules_in_either_order()
    {
        var drugs = Path.Combine(SharedData.Require("fda-drugsatfda"), "drugsatfda20190702.zip");
        var ddinter = SharedData.Require("ddinter");
        // Four imports of the whole files take about two minutes on a 2-core machine (docs/benchmarks.md); the providers
        // differ in nothing this compares, so it runs once, on SQLite.
        Assert.SkipWhen(TestDatabase.ProviderUnderTest != "sqlite", "the real-file import order comparison runs on SQLite only (about two minutes)");

        var clock = Stopwatch.StartNew();
        var drugsFirst = await ImportAsync(("drugsatfda", drugs), ("ddinter", ddinter));
        var listFirst = await ImportAsync(("ddinter", ddinter), ("drugsatfda", drugs));
        TestContext.Current.TestOutputHelper?.WriteLine($"both orders: {clock.Elapsed.TotalSeconds:0} s; {drugsFirst.Rules.Count:N0} DDInter rules, {drugsFirst.Stored.Count:N0} stored pairs, unmatched names {string.Join(", ", drugsFirst.Unmatched)}");
        foreach (var (order, outputs) in new[] { ("drugs first", drugsFirst.Outputs), ("DDInter first", listFirst.Outputs) })
            TestContext.Current.TestOutputHelper?.WriteLine($"{order}:\n{outputs["drugsatfda"]}\n{outputs["ddinter"]}");

        Assert.Equal(drugsFirst.RulesPerSource, listFirst.RulesPerSource);
        Assert.Equal(drugsFirst.Rules.Count, listFirst.Rules.Count);
        Assert.Empty(drugsFirst.Rules.Where(r => !listFirst.Rules.TryGetValue(r.Key, out var s) || s != r.Value).Take(10));
        Assert.Equal(drugsFirst.Stored.Count, listFirst.Stored.Count);
        Assert.Equal(drugsFirst.Unmatched, listFirst.Unmatched);
        Assert.Equal(Count(drugsFirst.Outputs["ddinter"], "warnings"), drugsFirst.Unmatched[InteractionSources.DdInter]);
        Assert.Equal(0, Count(drugsFirst.Outputs["ddinter"], "rejected"));
        Assert.Equal(0, Count(listFirst.Outputs["ddinter"], "rejected"));
    }

    private sealed record Imported(
        Dictionary<(string A, string B), InteractionSeverity> Rules,
        Dictionary<(string A, string B), InteractionSeverity> Stored,
        IReadOnlyDictionary<string, int> RulesPerSource,
        IReadOnlyDictionary<string, int> Unmatched,
        Dictionary<string, string> Outputs);

    /// <summary>Runs the imports in this order on a fresh database and reads what the checker then has.</summary>
    private static async Task<Imported> ImportAsync(params (string Source, string Path)[] imports)
    {
        await using var app = await MedAtlasApp.StartAsync();
        var outputs = new Dictionary<string, string>();
        foreach (var (source, path) in imports)
        {
            var (exitCode, output) = await app.RunCommandAsync("import", source, path);
            Assert.True(exitCode == 0, output);
            outputs[source] = output;
        }

        var rules = await RulesAsync(app, InteractionSources.DdInter);
        var snapshot = await app.Services.GetRequiredService<InteractionIndex>().CurrentAsync(TestContext.Current.CancellationToken);
        return new Imported(rules, await StoredRulesAsync(app, InteractionSources.DdInter),
            snapshot.RulesPerSource.ToDictionary(), await UnmatchedNamesAsync(app), outputs);
    }

    private static long Count(string output, string line) =>
        long.Parse(Regex.Match(output, $@"^\s+{line}\s+([0-9,]+)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal) : "0",
            System.Globalization.CultureInfo.InvariantCulture);
}
