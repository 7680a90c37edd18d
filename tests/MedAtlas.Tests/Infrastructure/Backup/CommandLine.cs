using System.Diagnostics;

namespace MedAtlas.Tests.Infrastructure.Backup;

/// <summary>
/// A command of the executable run as an operator runs it: <c>dotnet MedAtlas.Web.dll restore file --force</c> in
/// its own process, on a test's database, so nothing of the test's own process (its open connections) helps it.
/// </summary>
internal static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, params string[] command)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MedAtlas.Web.dll"));
        // The command's verb comes first (that is how the executable tells a command from serving).
        start.ArgumentList.Add(command[0]);
        start.ArgumentList.Add($"--Database:Provider={database.Provider}");
        start.ArgumentList.Add($"--ConnectionStrings:Default={database.ConnectionString ?? ""}");
        start.ArgumentList.Add($"--MedAtlas:DataDirectory={database.DataDirectory}");
        // Last, so a setting among them overrides the database's.
        foreach (var word in command[1..])
            start.ArgumentList.Add(word);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start MedAtlas.Web.dll");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
