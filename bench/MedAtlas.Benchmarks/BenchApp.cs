using System.Diagnostics;
using MedAtlas.Web.Infrastructure.Commands;
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

/// <summary>
/// The real app on a fresh database of its own (a new SQLite folder, or PostgreSQL with MEDATLAS_BENCH_POSTGRES),
/// Production, jobs off: for the steps that import a public file and measure what follows. The folder goes with it.
/// </summary>
public sealed class FreshBenchApp : WebApplicationFactory<Program>
{
    private readonly string dataDirectory;
    private readonly (string Key, string Value)[] settings;

    private FreshBenchApp(string dataDirectory, (string Key, string Value)[] settings)
    {
        this.dataDirectory = dataDirectory;
        this.settings = settings;
    }

    /// <summary>Starts it (migrations and starter data run); <paramref name="name"/> names the temporary folder.</summary>
    public static FreshBenchApp Start(string name, params (string Key, string Value)[] settings)
    {
        const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_MEDATLAS_WEB";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ContentRootVariable)) && SyntheticPillCatalogue.WebProjectFolder() is { } folder)
            Environment.SetEnvironmentVariable(ContentRootVariable, folder);
        var app = new FreshBenchApp(Directory.CreateTempSubdirectory($"medatlas-bench-{name}-").FullName, settings);
        app.CreateClient().Dispose();
        return app;
    }

    /// <summary>Runs <c>import</c> with <paramref name="arguments"/> as the command line does; how long it took.</summary>
    public async Task<TimeSpan> ImportAsync(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        using var output = new StringWriter();
        var exit = await AppCommands.RunAsync(Services, ["import", .. arguments], output, CancellationToken.None);
        if (exit != 0)
            throw new InvalidOperationException(output.ToString());
        return clock.Elapsed;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("MedAtlas:DataDirectory", dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Jobs:Enabled", "false");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (Environment.GetEnvironmentVariable("MEDATLAS_BENCH_POSTGRES") is { Length: > 0 } postgres)
        {
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Default", postgres);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
