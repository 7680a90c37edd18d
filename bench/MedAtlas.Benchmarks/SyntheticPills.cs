using System.Globalization;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Pills;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// <c>generate-pills N</c>: fills the benchmark data folder with N SYNTHETIC pills, so the pill identifier is measured
/// at DailyMed's scale (about 100,000 solid oral products) without the full DailyMed download. The pills are made up:
/// every one is <see cref="Pill.IsSynthetic"/>, named "SYNTHETIC ...", labelled by "Synthetic Labeler", with no NDC
/// and no set id, so nothing can pass one off as a real identification. Their look follows the mix real labels show
/// (mostly white, round or oval; a tenth two-tone capsules; imprints like "M;A15", "54 543", "TEVA;3109"), linked to
/// the catalogue's drugs. Running it again replaces the synthetic pills and leaves real ones alone.
/// </summary>
internal static class SyntheticPillCatalogue
{
    public const string Command = "generate-pills";
    public const string ProductPrefix = "SYNTHETIC";
    public const string Labeler = "Synthetic Labeler";

    private const int BatchSize = 5000;

    // Seeded: the same N gives the same catalogue, so benchmark runs compare like with like.
    private const int Seed = 20261123;

    // Weights read roughly as percentages; WHITE dominates real labels, then the yellow/orange/pink/blue family.
    private static readonly (string Value, int Weight)[] Colors =
    [
        ("WHITE", 46), ("YELLOW", 12), ("ORANGE", 9), ("PINK", 9), ("BLUE", 8), ("GREEN", 4), ("RED", 3), ("BROWN", 3),
        ("PURPLE", 2), ("GRAY", 2), ("BLACK", 1), ("TURQUOISE", 1),
    ];

    // Capsules are drawn separately (two-tone ones included) so the total CAPSULE share lands near a fifth.
    private static readonly (string Value, int Weight)[] TabletShapes =
    [
        ("ROUND", 56), ("OVAL", 26), ("CAPSULE", 6), ("TRIANGLE", 2), ("DIAMOND", 2), ("RECTANGLE", 2), ("SQUARE", 1),
        ("PENTAGON (5 SIDES)", 1), ("HEXAGON (6 SIDES)", 1), ("OCTAGON (8 SIDES)", 1), ("FREEFORM", 1), ("TEAR", 1),
    ];

    private static readonly string[] MakerCodes = ["TEVA", "APO", "MYLAN", "WATSON", "SANDOZ", "LUPIN", "ZYDUS", "PD", "IG", "GG", "AN", "TV"];

    private static readonly string[] Strengths = ["1 mg", "2 mg", "5 mg", "10 mg", "20 mg", "25 mg", "40 mg", "50 mg", "100 mg", "200 mg", "250 mg", "500 mg"];

    /// <summary>Handles <c>generate-pills N</c> before BenchmarkDotNet sees the arguments; false for anything else.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Command)
            return false;

        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 10_000_000)
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/MedAtlas.Benchmarks -- {Command} <count 1..10000000>  (into MEDATLAS_BENCH_DATA)");
            exitCode = 2;
            return true;
        }

        GenerateAsync(count, Console.Out).GetAwaiter().GetResult();
        return true;
    }

    private static async Task GenerateAsync(int count, TextWriter output)
    {
        // Run as a plain program (not under BenchmarkDotNet or a test host), the factory guesses the app's content
        // root from the solution folder and misses src/; its documented override names the project folder.
        const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_MEDATLAS_WEB";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ContentRootVariable)) && WebProjectFolder() is { } folder)
            Environment.SetEnvironmentVariable(ContentRootVariable, folder);

        await using var app = new BenchApp();
        // Starting the app migrates the database the other prepare steps filled.
        app.CreateClient().Dispose();
        var started = TimeProvider.System.GetTimestamp();

        List<(int Id, string Name)> drugs;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            var removed = await db.Set<Pill>().Where(p => p.IsSynthetic).ExecuteDeleteAsync();
            if (removed > 0)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Removed {removed:N0} synthetic pills from an earlier run."));
            drugs = [.. (await db.Set<Drug>().AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync()).Select(d => (d.Id, d.Name))];
        }

        if (drugs.Count == 0)
            throw new InvalidOperationException("The catalogue has no drugs to link synthetic pills to: run bench/prepare.sh's imports first.");

        var random = new Random(Seed);
        for (var done = 0; done < count; done += BatchSize)
        {
            var size = Math.Min(BatchSize, count - done);
            // A fresh context per batch keeps the change tracker from growing with N.
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddRange(Enumerable.Range(0, size).Select(_ => Make(random, drugs[random.Next(drugs.Count)])));
            if (done + size >= count)
                await DataStamps.BumpAsync(db, "pills", CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {done + size:N0} of {count:N0} synthetic pills written"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Generated {count:N0} SYNTHETIC pills (not real; IsSynthetic) over {drugs.Count:N0} drugs in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s into {BenchApp.DataDirectory}"));
    }

    internal static string? WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "MedAtlas.Web");
            if (File.Exists(Path.Combine(candidate, "MedAtlas.Web.csproj")))
                return candidate;
        }

        return null;
    }

    private static Pill Make(Random random, (int Id, string Name) drug)
    {
        var twoTone = random.Next(10) == 0;
        var shape = twoTone ? "CAPSULE" : Pick(random, TabletShapes);
        string[] colors = twoTone ? TwoColors(random) : [Pick(random, Colors)];
        var name = $"{ProductPrefix} {drug.Name}";
        return new Pill
        {
            DrugId = drug.Id,
            ProductName = name.Length <= 300 ? name : name[..300],
            Strength = Strengths[random.Next(Strengths.Length)],
            Labeler = Labeler,
            Imprint = Imprint(random),
            Colors = [.. colors],
            Shape = shape,
            SizeMm = Size(random, shape),
            // Capsules are not scored; most tablets are not either, some are halved, a few quartered.
            Score = shape == "CAPSULE" ? 1 : random.Next(100) switch { < 72 => 1, < 94 => 2, < 96 => 3, _ => 4 },
            IsSynthetic = true,
            Origin = ContentOrigin.Imported,
        };
    }

    /// <summary>The imprint forms labels show: one block with a space, a letter code and a number, a maker and a number.</summary>
    private static string Imprint(Random random)
    {
        string Number(int digits) => random.Next((int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture);
        char Letter() => (char)('A' + random.Next(26));

        return random.Next(100) switch
        {
            < 2 => "", // a few real pills carry no imprint at all
            < 20 => $"{Letter()}{Letter()} {Number(3)}",                                  // "AB 123"
            < 36 => $"{Letter()};{Letter()}{Number(random.Next(1, 4))}",                  // "M;A15"
            < 50 => $"{Number(2)} {Number(3)}",                                           // "54 543"
            < 66 => $"{Letter()};{Number(4)}",                                            // "G;3722"
            < 76 => $"{Letter()};{Number(1)}",                                            // "I;2"
            < 90 => $"{MakerCodes[random.Next(MakerCodes.Length)]};{Number(4)}",          // "TEVA;3109"
            _ => $"{MakerCodes[random.Next(MakerCodes.Length)]};{Number(3)};{Number(2)}", // "PD;155;10"
        };
    }

    /// <summary>Longest side, 5 to 22 mm: round tablets small, capsules and ovals longer.</summary>
    private static decimal Size(Random random, string shape) => shape switch
    {
        "ROUND" => random.Next(5, 13),
        "CAPSULE" => random.Next(11, 23),
        "OVAL" => random.Next(8, 20),
        _ => random.Next(5, 16),
    };

    private static string[] TwoColors(Random random)
    {
        var first = Pick(random, Colors);
        string second;
        do
            second = Pick(random, Colors);
        while (second == first);
        return [first, second];
    }

    private static string Pick(Random random, (string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
                return value;
            roll -= weight;
        }

        return choices[0].Value;
    }
}
