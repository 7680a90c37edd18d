using BenchmarkDotNet.Attributes;
using MedAtlas.Web.Features.Pills;

namespace MedAtlas.Benchmarks;

/// <summary>
/// The pill identifier's search over 100,000 synthetic pills held in memory, the size the issue names (DailyMed's
/// solid oral products are of that order). The budget is 20 ms at p95 for a partial imprint; no database is touched.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class PillSearchBenchmarks
{
    private PillIndex index = null!;

    // A partial number, letters and number typed with a space, all blocks out of order, one character (the most
    // matches), and imprint with filters; the last two are colour and shape alone.
    [Params("155", "pd 155", "10 155 pd", "3", "m 3|WHITE|ROUND", "|WHITE|ROUND", "|BLUE,WHITE|CAPSULE")]
    public string Search { get; set; } = "";

    private PillQuery query = PillQuery.None;

    [GlobalSetup]
    public void Setup()
    {
        index = PillIndex.Build(SyntheticPills.Generate(100_000));
        var parts = Search.Split('|');
        query = new PillQuery(
            parts[0].Length > 0 ? parts[0] : null,
            parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [],
            parts.Length > 2 ? parts[2] : null,
            null);
    }

    [Benchmark]
    public int FirstPage() => index.Search(query, 1, 24).Total;
}

/// <summary>Pills that look like label data (letter codes, numbers, one to four blocks) but are generated.</summary>
public static class SyntheticPills
{
    private static readonly string[] Codes = ["PD", "M", "IP", "TEVA", "G", "AN", "L", "WATSON", "APO", "93", "R", "E", "MYLAN", "S", "ZA", "C"];

    internal static List<PillCard> Generate(int count)
    {
        var random = new Random(20261123);
        var pills = new List<PillCard>(count);
        var colors = SplAppearance.Colors.Select(c => c.Name).ToArray();
        var shapes = SplAppearance.Shapes.Select(s => s.Name).ToArray();
        for (var i = 1; i <= count; i++)
        {
            var blocks = new List<string>();
            var blockCount = random.Next(100) switch { < 10 => 1, < 70 => 2, < 95 => 3, _ => 4 };
            blocks.Add(random.Next(3) == 0 ? random.Next(1, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) : Codes[random.Next(Codes.Length)]);
            while (blocks.Count < blockCount)
                blocks.Add(random.Next(1, random.Next(2) == 0 ? 100 : 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string[] pillColors = random.Next(5) == 0 ? [colors[random.Next(colors.Length)], colors[random.Next(colors.Length)]] : [random.Next(2) == 0 ? "WHITE" : colors[random.Next(colors.Length)]];
            pills.Add(new PillCard(
                i, string.Join(';', blocks), [.. pillColors.Distinct()], random.Next(2) == 0 ? "ROUND" : shapes[random.Next(shapes.Length)],
                random.Next(4, 23), random.Next(1, 3), $"drug-{i % 3000}", $"Drug {i % 3000}", $"Product {i % 5000}", "10 mg", "Synthetic Labeler",
                null, null, IsSynthetic: true));
        }

        return pills;
    }
}
