using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Interactions;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

public sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}

/// <summary>Autocomplete: what one keystroke costs the server, on the catalogue with Drugs@FDA imported.</summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class AutocompleteBenchmarks
{
    private BenchApp app = null!;
    private DrugSearchIndex index = null!;

    [Params("met", "ibuprofin", "lipiter", "high blood pressure", "amlodipine besylate", "xq")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        app = new BenchApp();
        index = app.Services.GetRequiredService<DrugSearchIndex>();
        index.SearchAsync("warm", 8, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => app.Dispose();

    [Benchmark]
    public int Suggest() => index.SearchAsync(Query, 8, CancellationToken.None).GetAwaiter().GetResult().Count;
}

/// <summary>Checking 30 medicines against every rule, with DDInter imported (about 160,000 pairs).</summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class InteractionCheckBenchmarks
{
    public static readonly string[] ThirtyMedicines =
    [
        "warfarin", "ibuprofen", "simvastatin", "clarithromycin", "sertraline", "tramadol", "metformin", "lisinopril",
        "spironolactone", "amiodarone", "digoxin", "omeprazole", "clopidogrel", "lithium", "hydrochlorothiazide", "alprazolam",
        "oxycodone", "fluconazole", "ciprofloxacin", "tizanidine", "levothyroxine", "amlodipine", "atorvastatin", "prednisone",
        "methotrexate", "sulfamethoxazole-trimethoprim", "phenelzine", "sildenafil", "nitroglycerin", "st-johns-wort",
    ];

    private BenchApp app = null!;
    private InteractionChecker checker = null!;
    private IReadOnlyList<CheckedInput> found = [];

    [GlobalSetup]
    public void Setup()
    {
        app = new BenchApp();
        checker = app.Services.GetRequiredService<InteractionChecker>();
        (found, _) = checker.ResolveAsync(ThirtyMedicines, CancellationToken.None).GetAwaiter().GetResult();
        if (found.Count != ThirtyMedicines.Length)
            throw new InvalidOperationException($"Only {found.Count} of 30 medicines are in the catalogue.");
    }

    [GlobalCleanup]
    public void Cleanup() => app.Dispose();

    [Benchmark]
    public int CheckThirty() => checker.CheckAsync(found, [], CancellationToken.None).GetAwaiter().GetResult().Interactions.Count;

    [Benchmark]
    public int ResolveAndCheckThirty()
    {
        var (resolved, unknown) = checker.ResolveAsync(ThirtyMedicines, CancellationToken.None).GetAwaiter().GetResult();
        return checker.CheckAsync(resolved, unknown, CancellationToken.None).GetAwaiter().GetResult().Interactions.Count;
    }
}
