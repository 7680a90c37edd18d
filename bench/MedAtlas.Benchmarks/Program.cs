using BenchmarkDotNet.Running;

namespace MedAtlas.Benchmarks;

// Not top-level statements: those would declare a second `Program`, clashing with the app's, which the factory needs.
public static class BenchmarkEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchApp).Assembly).Run(args);
}
