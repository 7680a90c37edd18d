using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Backup;

/// <summary>A backup or restore that cannot go ahead; the message says why and what to do. Exit code 2, nothing written.</summary>
internal sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>A backup or restore that started and failed (a tool's error, a full disk); nothing half-written is left. Exit code 1.</summary>
internal sealed class BackupFailedException(string message) : Exception(message);

/// <summary>
/// The <c>backup &lt;file&gt; [--force]</c> and <c>restore &lt;file&gt; [--force]</c> commands: SQLite through
/// <see cref="SqliteBackup"/>, PostgreSQL through <see cref="PostgresBackup"/> (pg_dump / pg_restore).
/// </summary>
internal static class BackupCommand
{
    public const string Force = "--force";

    public static async Task<int> RunAsync(IServiceProvider services, string verb, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var force = arguments.Contains(Force, StringComparer.OrdinalIgnoreCase);
        var files = arguments.Where(a => !string.Equals(a, Force, StringComparison.OrdinalIgnoreCase)).ToList();
        if (files.Count != 1)
        {
            await output.WriteLineAsync($"Usage: {verb} <file> [--force]");
            return 2;
        }

        var settings = services.GetRequiredService<DatabaseSettings>();
        var file = Path.GetFullPath(files[0]);
        try
        {
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                var postgres = new PostgresBackup(settings.ConnectionString, output);
                await (verb == "backup" ? postgres.BackupAsync(file, force, cancellationToken) : postgres.RestoreAsync(file, force, cancellationToken));
            }
            else
            {
                await using var scope = services.CreateAsyncScope();
                var known = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().Database.GetMigrations().ToList();
                var sqlite = new SqliteBackup(settings.ConnectionString, known, output);
                await (verb == "backup" ? sqlite.BackupAsync(file, force, cancellationToken) : sqlite.RestoreAsync(file, force, cancellationToken));
            }

            return 0;
        }
        catch (BackupRefusedException e)
        {
            await output.WriteLineAsync($"{Capitalized(verb)} refused: {e.Message}");
            return 2;
        }
        catch (BackupFailedException e)
        {
            await output.WriteLineAsync($"{Capitalized(verb)} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Bytes as a person reads them: 812 KB, 41.3 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };

    /// <summary>A hidden name beside <paramref name="file"/> (same folder, so the final rename is atomic) for a copy being written.</summary>
    public static string TemporaryBeside(string file) =>
        Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.partial");

    public static string Seconds(TimeSpan elapsed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");

    private static string Capitalized(string verb) => char.ToUpperInvariant(verb[0]) + verb[1..];
}
