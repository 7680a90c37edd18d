using System.Diagnostics;
using Npgsql;

namespace MedAtlas.Web.Infrastructure.Backup;

/// <summary>
/// PostgreSQL backups are PostgreSQL's own tools: <c>pg_dump --format=custom</c> (one snapshot, so consistent
/// while the site writes) and, to restore, <c>pg_restore</c> piped into <c>psql --single-transaction</c> after
/// emptying the schema, so the database ends as the old one or the backup, never a mix. The commands are printed
/// (without the password, which goes to the tools as <c>PGPASSWORD</c>) and run when the tools are on PATH.
/// </summary>
internal sealed class PostgresBackup(string connectionString, TextWriter output)
{
    private readonly NpgsqlConnectionStringBuilder connection = new(connectionString);

    public async Task BackupAsync(string file, bool force, CancellationToken cancellationToken)
    {
        if (Directory.Exists(file))
            throw new BackupRefusedException($"{file} is a folder; name a file.");
        if (File.Exists(file) && !force)
            throw new BackupRefusedException($"{file} exists ({BackupCommand.Size(new FileInfo(file).Length)}). Name another file, or add --force to overwrite it.");

        var temporary = BackupCommand.TemporaryBeside(file);
        string[] dump = ["pg_dump", "--format=custom", $"--file={temporary}", .. ConnectionArguments()];
        await output.WriteLineAsync($"Running: {Shown(dump, temporary, file)}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunAsync(dump, cancellationToken);
            File.Move(temporary, file, overwrite: force);
        }
        catch (IOException e)
        {
            throw new BackupFailedException($"the dump could not be put at {file}: {e.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }

        await output.WriteLineAsync(
            $"Backed up database {connection.Database} on {connection.Host}:{connection.Port} to {file}: {BackupCommand.Size(new FileInfo(file).Length)} in {BackupCommand.Seconds(Stopwatch.GetElapsedTime(started))}.");
    }

    public async Task RestoreAsync(string file, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
            throw new BackupRefusedException($"{file} does not exist.");

        // pg_restore --list reads the archive's table of contents: it fails on anything that is not a pg_dump archive.
        var contents = await RunAsync(["pg_restore", "--list", file], cancellationToken, refuseOnError: true);
        if (!contents.Contains("TABLE DATA public __EFMigrationsHistory", StringComparison.Ordinal))
            throw new BackupRefusedException($"{file} is a PostgreSQL dump but not of a MedAtlas database (it has no migrations history).");

        var (migrations, others) = await InspectTargetAsync(cancellationToken);
        if (others > 0)
            throw new BackupRefusedException($"database {connection.Database} is in use ({others} other connection(s)). Stop the site on every node first, then run restore again.");
        if (migrations > 0 && !force)
            throw new BackupRefusedException($"database {connection.Database} on {connection.Host}:{connection.Port} holds a MedAtlas schema ({migrations} migrations applied). Restoring would replace everything in it; back it up if you may want it, then run restore again with --force.");

        string[] extract = ["pg_restore", "--no-owner", "--no-privileges", "--file=-", file];
        string[] load = ["psql", "--single-transaction", "--set=ON_ERROR_STOP=1", "--quiet", "--no-psqlrc", "--output=/dev/null",
            "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", "--file=-", .. ConnectionArguments()];
        await output.WriteLineAsync($"Running: {Shown(extract)} | {Shown(load)}");
        var started = Stopwatch.GetTimestamp();
        await RunPipeAsync(extract, load, cancellationToken);
        await output.WriteLineAsync(
            $"Restored {file} into database {connection.Database} on {connection.Host}:{connection.Port} in {BackupCommand.Seconds(Stopwatch.GetElapsedTime(started))}. " +
            "Starting the site (or the migrate command) applies any migrations this version has that the backup lacks.");
    }

    private async Task<(long Migrations, long OtherConnections)> InspectTargetAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()), to_regclass('public.\"__EFMigrationsHistory\"') IS NOT NULL", db);
            long others;
            bool hasHistory;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                others = reader.GetInt64(0);
                hasHistory = reader.GetBoolean(1);
            }

            if (!hasHistory)
                return (0, others);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", db);
            return ((long)(await count.ExecuteScalarAsync(cancellationToken))!, others);
        }
        catch (NpgsqlException e)
        {
            throw new BackupRefusedException($"database {connection.Database} on {connection.Host}:{connection.Port} cannot be reached ({e.Message}). Create it first (createdb), or check ConnectionStrings:Default.");
        }
    }

    private IEnumerable<string> ConnectionArguments()
    {
        yield return $"--host={connection.Host}";
        yield return $"--port={connection.Port}";
        if (!string.IsNullOrEmpty(connection.Username))
            yield return $"--username={connection.Username}";
        yield return $"--dbname={connection.Database}";
        yield return "--no-password";
    }

    private ProcessStartInfo StartInfo(string[] command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command[1..])
            start.ArgumentList.Add(argument);
        if (!string.IsNullOrEmpty(connection.Password))
            start.Environment["PGPASSWORD"] = connection.Password;
        if (connection.SslMode != SslMode.Disable && connection.SslMode != SslMode.Prefer)
            start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch { "verifyca" => "verify-ca", "verifyfull" => "verify-full", var m => m };
        return start;
    }

    private Process Start(string[] command, bool redirectInput = false)
    {
        var start = StartInfo(command);
        start.RedirectStandardInput = redirectInput;
        try
        {
            return Process.Start(start) ?? throw new BackupFailedException($"{command[0]} did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupRefusedException(
                $"{command[0]} is not on PATH. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client, the server's major version or newer) or run the command above yourself.");
        }
    }

    private async Task<string> RunAsync(string[] command, CancellationToken cancellationToken, bool refuseOnError = false)
    {
        using var process = Start(command);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var message = $"{command[0]} exited with {process.ExitCode}: {LastLine(await stderr)}";
            throw refuseOnError ? new BackupRefusedException(message) : new BackupFailedException(message);
        }

        return await stdout;
    }

    private async Task RunPipeAsync(string[] producer, string[] consumer, CancellationToken cancellationToken)
    {
        using var from = Start(producer);
        using var to = Start(consumer, redirectInput: true);
        var fromErrors = from.StandardError.ReadToEndAsync(cancellationToken);
        var toErrors = to.StandardError.ReadToEndAsync(cancellationToken);
        var toOutput = to.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await from.StandardOutput.BaseStream.CopyToAsync(to.StandardInput.BaseStream, cancellationToken);
        }
        catch (IOException)
        {
            // psql stopped reading (ON_ERROR_STOP); its exit code and message say why.
        }

        await from.WaitForExitAsync(cancellationToken);
        if (from.ExitCode != 0)
        {
            // psql commits when its input ends; ended by a kill instead, the server rolls the transaction back.
            to.Kill();
            await to.WaitForExitAsync(CancellationToken.None);
            throw new BackupFailedException($"pg_restore exited with {from.ExitCode}, so nothing was restored and the database is as it was: {LastLine(await fromErrors)}");
        }

        to.StandardInput.Close();
        await to.WaitForExitAsync(cancellationToken);
        await toOutput;
        if (to.ExitCode != 0)
            throw new BackupFailedException($"psql exited with {to.ExitCode}, so its transaction was rolled back and the database is as it was: {LastLine(await toErrors)}");
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no message)";

    private static string Shown(string[] command, string? temporary = null, string? file = null) =>
        string.Join(' ', command.Select(a => temporary is not null ? a.Replace(temporary, file, StringComparison.Ordinal) : a)
            .Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}
