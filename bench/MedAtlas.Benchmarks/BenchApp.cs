using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedAtlas.Benchmarks;

/// <summary>
/// The real app on the data folder bench/prepare.sh filled (Drugs@FDA and DDInter imported), so the
/// benchmarks measure the catalogue sizes the issues name, not the starter data.
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("MEDATLAS_BENCH_DATA") is { Length: > 0 } dir
            ? dir
            : throw new InvalidOperationException("Set MEDATLAS_BENCH_DATA to the data folder bench/prepare.sh filled (bench/run-benchmarks.sh does).");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("MedAtlas:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
