using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.StarterData;

namespace MedAtlas.Web.Infrastructure.Commands;

/// <summary>
/// The executable's commands besides serving the site: <c>migrate</c>, <c>import &lt;source&gt; &lt;path&gt;</c>, <c>sync [source...]</c>, <c>admin create &lt;email&gt;</c>, <c>backup</c> and <c>restore</c>.
/// They run on the same host configuration as the site, so they see the same database.
/// </summary>
internal static class AppCommands
{
    private static readonly string[] Names = ["import", "migrate", "admin", "sync", "help", "backup", "restore", "export-starter"];

    /// <summary>The words of the command line that are a command, and the rest (<c>--Key=value</c>) for the host.</summary>
    public static (string[] Command, string[] HostArgs) Split(string[] args)
    {
        if (args.Length == 0 || !Names.Contains(args[0], StringComparer.OrdinalIgnoreCase))
            return ([], args);

        var command = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            // backup/restore (issue 17): --force is the command's own flag, not a host setting.
            if (string.Equals(args[i], Backup.BackupCommand.Force, StringComparison.OrdinalIgnoreCase))
            {
                command.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                    host.Add(args[++i]);
            }
            else
            {
                command.Add(args[i]);
            }
        }

        return ([.. command], [.. host]);
    }

    public static void ConfigureForCommand(WebApplicationBuilder builder)
    {
        // A person reads a command's output: plain lines, and only warnings from the framework. Set through
        // configuration, because appsettings' LogLevel entries would otherwise override a coded minimum.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss ",
        });
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] command, TextWriter output, CancellationToken cancellationToken = default)
    {
        switch (command[0].ToLowerInvariant())
        {
            case "migrate":
                return await MigrateAsync(services, output, cancellationToken);
            case "import":
                return await ImportAsync(services, command[1..], output, cancellationToken);
            case "admin":
                await PrepareDatabaseAsync(services, cancellationToken);
                return await Features.Accounts.AdminCommand.RunAsync(services, command[1..], output, cancellationToken);
            // Issue 17 part 3: a maintainer's tool behind scripts/make-pill-starter.sh, so not in the usage text.
            case "export-starter":
                await PrepareDatabaseAsync(services, cancellationToken);
                return await Features.Pills.PillsStarterExport.RunAsync(services, command[1..], output, cancellationToken);
            // Issue 17 part 2: download the official files and import them (Features/DataSync).
            case "sync":
                return await Features.DataSync.SyncCommand.RunAsync(services, command[1..], output, cancellationToken);
            // Backup and restore (issue 17): never migrate first, so a restore finds the database as it was.
            case "backup" or "restore":
                return await Backup.BackupCommand.RunAsync(services, command[0].ToLowerInvariant(), command[1..], output, cancellationToken);
            default:
                await WriteUsageAsync(services, output);
                return 0;
        }
    }

    /// <summary>Schema, then starter data: what the site does at start, without serving.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<StarterDataLoader>().LoadAsync(cancellationToken);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await output.WriteLineAsync(applied.Count == 0
            ? "The database schema is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");

        var loaded = await scope.ServiceProvider.GetRequiredService<StarterDataLoader>().LoadAsync(cancellationToken);
        foreach (var set in loaded)
            await output.WriteLineAsync($"Starter data {set.Name}: {(set.Applied ? "loaded" : "already current")}");

        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var importers = services.GetServices<IImporter>().OrderBy(i => i.Source, StringComparer.Ordinal).ToList();
        if (arguments.Length != 2)
        {
            await output.WriteLineAsync("Usage: import <source> <path>");
            await WriteSourcesAsync(importers, output);
            return 2;
        }

        var importer = importers.FirstOrDefault(i => string.Equals(i.Source, arguments[0], StringComparison.OrdinalIgnoreCase));
        if (importer is null)
        {
            await output.WriteLineAsync($"Unknown import source '{arguments[0]}'.");
            await WriteSourcesAsync(importers, output);
            return 2;
        }

        ImportInput input;
        try
        {
            input = ImportInput.Open(arguments[1]);
        }
        catch (ImportFormatException e)
        {
            await output.WriteLineAsync($"Import of {importer.Source} did not start: {e.Message}");
            return 2;
        }

        await PrepareDatabaseAsync(services, cancellationToken);
        var runner = new ImportRunner(services.GetRequiredService<IServiceScopeFactory>(), output, TimeProvider.System);
        var result = await importer.RunAsync(runner, input, cancellationToken);
        // In the site's own process (tests, an admin task), what was just imported must show at once,
        // not after the stamps' few-second cache expires.
        services.GetRequiredService<DataStamps>().Invalidate();
        return result.ExitCode;
    }

    private static async Task WriteSourcesAsync(IReadOnlyList<IImporter> importers, TextWriter output)
    {
        await output.WriteLineAsync("Known sources:");
        foreach (var importer in importers)
            await output.WriteLineAsync($"  {importer.Source,-12} {importer.Description}");
    }

    private static async Task WriteUsageAsync(IServiceProvider services, TextWriter output)
    {
        await output.WriteLineAsync($"""
            MedAtlas
              (no command)              serve the site (migrates and loads starter data first)
              migrate                   apply database migrations and starter data, then exit
              import <source> <path>    import a public data file (progress and a summary are printed)
              {Features.DataSync.SyncCommand.Usage}
              admin create <email>      make the account an Admin (creating it if missing) and print a one-time sign-in link
              backup <file> [--force]   copy the database to <file> while the site runs (PostgreSQL: pg_dump); see docs/deployment.md
              restore <file> [--force]  replace the database with a backup (stop the site first); --force when one exists
              help                      this text
            Configuration comes from appsettings.json, environment variables (Database__Provider=postgres)
            or --Key=value arguments; see docs/configuration.md.
            """);
        await WriteSourcesAsync(services.GetServices<IImporter>().OrderBy(i => i.Source, StringComparer.Ordinal).ToList(), output);
    }
}
