using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Pills;

namespace MedAtlas.Tests.Architecture;

/// <summary>
/// One feature uses another only where docs/architecture.md ("Feature boundaries") says it may, and only through the
/// types that table names: the test reads the table and fails on any other reference it finds in the web assembly.
/// </summary>
public sealed partial class FeatureBoundaryTests
{
    private const string Marker = "<!-- feature-boundaries";

    /// <summary>An allowed dependency: <see cref="From"/> may use these types of <see cref="To"/> (all of them when "*").</summary>
    private sealed record Edge(string From, string To, IReadOnlySet<string> Types, int Line)
    {
        public bool Allows(string type) => Types.Contains("*") || Types.Contains(type);
    }

    private static string ArchitectureDoc
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MedAtlas.slnx")))
                    return Path.Combine(dir.FullName, "docs", "architecture.md");
            }

            throw new InvalidOperationException($"No MedAtlas.slnx above {AppContext.BaseDirectory}: the test runs from the repository's build output.");
        }
    }

    /// <summary>The rows of the table after the marker comment: | From | To | types (in backticks) | why |.</summary>
    private static List<Edge> AllowedEdges()
    {
        var lines = File.ReadAllLines(ArchitectureDoc);
        var start = Array.FindIndex(lines, l => l.StartsWith(Marker, StringComparison.Ordinal));
        Assert.True(start >= 0, $"{ArchitectureDoc} has no line starting with \"{Marker}\" before the table of allowed feature dependencies");
        var edges = new List<Edge>();
        for (var i = start + 1; i < lines.Length && (lines[i].StartsWith('|') || edges.Count == 0 && lines[i].Trim().Length == 0); i++)
        {
            var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3 || cells[0] is "From" || cells[0].StartsWith("---", StringComparison.Ordinal))
                continue;
            var types = Backticked().Matches(cells[2]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            edges.Add(new Edge(cells[0], cells[1], types, i + 1));
        }

        Assert.NotEmpty(edges);
        return edges;
    }

    [Fact]
    public void No_feature_uses_another_feature_except_as_the_architecture_doc_allows()
    {
        var edges = AllowedEdges();
        var violations = FeatureReferences.Find(typeof(PillsFeature).Assembly)
            .Where(r => !edges.Any(e => e.From == r.From && e.To == r.To && e.Allows(r.ToType)))
            .ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} reference(s) from one feature to another that docs/architecture.md does not allow:\n"
            + string.Join("\n", violations.Select(v =>
                $"  {v.From} uses {v.To}: {v.FromType} refers to {v.To}.{v.ToType}"
                + (edges.FirstOrDefault(e => e.From == v.From && e.To == v.To) is { } row
                    ? $" (the {v.From} | {v.To} row, line {row.Line}, does not list `{v.ToType}`)"
                    : $" (no {v.From} | {v.To} row)")))
            + "\nGo through a small service the other feature owns and the table lists, or, if this dependency is right, add the type"
            + $" to its row (or a new row: | {violations.FirstOrDefault()?.From} | {violations.FirstOrDefault()?.To} | `Type` | why |) in the"
            + $" \"Feature boundaries\" table of {ArchitectureDoc}.");
    }

    [Fact]
    public void Every_dependency_the_architecture_doc_allows_is_still_used()
    {
        var used = FeatureReferences.Find(typeof(PillsFeature).Assembly);
        var stale = AllowedEdges()
            .SelectMany(e => e.Types.Where(t => t != "*").DefaultIfEmpty("*").Select(t => (Edge: e, Type: t)))
            .Where(x => !used.Any(r => r.From == x.Edge.From && r.To == x.Edge.To && (x.Type == "*" || r.ToType == x.Type)))
            .Select(x => $"  line {x.Edge.Line}: {x.Edge.From} | {x.Edge.To} lists `{x.Type}`, which {x.Edge.From} no longer uses")
            .ToList();

        Assert.True(stale.Count == 0,
            $"The feature boundaries table of {ArchitectureDoc} allows more than the code uses; remove these so the list stays the truth:\n"
            + string.Join("\n", stale));
    }

    [Fact]
    public void The_scan_sees_references_in_method_bodies_lambdas_async_methods_and_razor_pages()
    {
        var references = FeatureReferences.Find(typeof(PillsFeature).Assembly);

        // Only in an async method's body (its state machine): the DailyMed importer hands labels to the Pills feature's writer.
        Assert.Contains(references, r => r is { From: "Drugs", FromType: "DailyMedImporter", To: "Pills", ToType: "LabelPills" });
        // A compiled Razor page (the condition page's view) naming another feature's record.
        Assert.Contains(references, r => r.From == "Conditions" && r.FromType.StartsWith("Features_Conditions_Pages_", StringComparison.Ordinal));
        Assert.Equal("Pills", FeatureReferences.FeatureOf(typeof(PillsFeature)));
        Assert.Null(FeatureReferences.FeatureOf(typeof(MedAtlas.Web.Infrastructure.Data.MedAtlasDbContext)));
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
