using System.Diagnostics;
using System.Globalization;
using MedAtlas.Web.Features.Foods;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// "Food search ≤ 10 ms p95 over the full SR28" (issue 16): <c>food-search &lt;SR28 folder&gt;</c>. On a fresh database
/// (SQLite folder, or PostgreSQL with MEDATLAS_BENCH_POSTGRES) imports the folder, builds the search index once, then
/// times each of 40 queries (whole words, typos, prefixes, several words) 50 times through the index the API calls,
/// server-side, and prints the percentiles.
/// </summary>
internal static class FoodSearchBench
{
    private const string Command = "food-search";
    private const int Rounds = 50;

    private static readonly string[] Queries =
    [
        "banana", "apple", "apples", "greek yogurt", "yogurt greek", "chicken breast", "chiken breast", "chick", "c", "ch",
        "brocoli", "whole milk", "milk", "cheddar cheese", "cheese", "ketchup", "hot dog", "big mac", "baby food banana",
        "egg", "eggs scrambled", "strawberies", "salmon", "tuna canned in water", "rice", "brown rice cooked", "pasta",
        "spaghetti", "bread whole wheat", "peanut butter", "orange juice", "coffee", "beer", "potato", "sweet potatoes",
        "beef ground 85", "oatmeal", "almonds", "olive oil", "pizza cheese",
    ];

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Command)
            return false;
        if (args.Length != 2 || !Directory.Exists(args[1]))
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/MedAtlas.Benchmarks -- {Command} <SR28 folder>");
            exitCode = 2;
            return true;
        }

        RunAsync(Path.GetFullPath(args[1])).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(string folder)
    {
        await using var app = FreshBenchApp.Start("foods");
        var imported = await app.ImportAsync("usda-sr28", folder);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {imported.TotalSeconds:0.0} s"));
        var index = app.Services.GetRequiredService<FoodSearchIndex>();
        var clock = Stopwatch.StartNew();
        var first = await index.SearchAsync("banana", 20, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index build and first search: {clock.Elapsed.TotalMilliseconds:0} ms ({first.Count} hits)"));

        var times = new List<double>(Queries.Length * Rounds);
        var worst = (Query: "", Ms: 0.0);
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var query in Queries)
            {
                var started = Stopwatch.GetTimestamp();
                await index.SearchAsync(query, 20, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                times.Add(ms);
                if (ms > worst.Ms)
                    worst = (query, ms);
            }
        }

        times.Sort();
        double At(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search, {times.Count} queries ({Queries.Length} x {Rounds}), limit 20: p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, p99 {At(0.99):0.00} ms, max {worst.Ms:0.00} ms (\"{worst.Query}\")"));
    }
}
