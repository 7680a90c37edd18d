using BenchmarkDotNet.Running;

namespace MedAtlas.Benchmarks;

// Not top-level statements: those would declare a second `Program`, clashing with the app's, which the factory needs.
public static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        // A data step (bench/prepare.sh), not a benchmark: handled before BenchmarkDotNet parses the arguments.
        if (SyntheticPillCatalogue.TryRun(args, out var exitCode))
            return exitCode;
        if (AlertMatchingBench.TryRun(args, out exitCode))
            return exitCode;
        if (ReviewSeed.TryRun(args, out exitCode))
            return exitCode;
        if (FoodSearchBench.TryRun(args, out exitCode))
            return exitCode;
        if (FullTextSearchBench.TryRun(args, out exitCode))
            return exitCode;

        BenchmarkSwitcher.FromAssembly(typeof(BenchApp).Assembly).Run(args);
        return 0;
    }
}
