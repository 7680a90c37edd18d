using System.Diagnostics;
using System.Text;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// The real app as a separate process (<c>dotnet MedAtlas.Web.dll</c>, built beside the tests) on a test's
/// database, for what an in-process host cannot show: being killed with SIGKILL, or two servers at once.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    /// <summary>What the process wrote so far, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>Starts the site on <paramref name="database"/> on a random loopback port, with <paramref name="settings"/> as command-line settings.</summary>
    public static AppProcess Start(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MedAtlas.Web.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.ArgumentList.Add(dll);
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Default"] = database.ConnectionString ?? "",
            ["MedAtlas:DataDirectory"] = database.DataDirectory,
            ["urls"] = "http://127.0.0.1:0",
            // No test reaches the Internet (see MedAtlasApp).
            ["Alerts:OpenFda:BaseUrl"] = "",
            ["Alerts:Feeds:fda-recalls-rss:Url"] = "",
            ["Alerts:Feeds:fda-medwatch-rss:Url"] = "",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        foreach (var (key, value) in all)
            start.ArgumentList.Add($"--{key}={value}");

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start MedAtlas.Web.dll"));
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a server loses power or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
