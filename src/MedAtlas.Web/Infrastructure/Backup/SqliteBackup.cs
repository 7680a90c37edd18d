using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace MedAtlas.Web.Infrastructure.Backup;

/// <summary>
/// Backs up and restores the SQLite database file. A backup is <c>VACUUM INTO</c> a temporary name beside the
/// target, then a rename: it reads inside one read transaction, so under WAL it is a consistent snapshot while
/// the site keeps reading and writing, and a file at the target name is always whole. A restore checks the file,
/// copies it beside the database and renames it into place, so the database is either the old or the new file.
/// </summary>
internal sealed class SqliteBackup(string connectionString, IReadOnlyList<string> knownMigrations, TextWriter output)
{
    /// <summary>UNIX_SHM_DMS in SQLite's os_unix.c: (22 + 8) * 4 + 8.</summary>
    private const long DeadManSwitch = 128;

    private string DatabasePath { get; } = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public async Task BackupAsync(string file, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath))
            throw new BackupRefusedException($"there is no database at {DatabasePath} to back up (check MedAtlas:DataDirectory).");
        RefuseExisting(file, force);

        var temporary = BackupCommand.TemporaryBeside(file);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using (var connection = Open(DatabasePath, SqliteOpenMode.ReadWrite))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $file";
                command.Parameters.AddWithValue("$file", temporary);
                // A large database takes longer than the default 30 s; the copy is bounded by the disk, not a lock.
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var migrations = await CheckAsync(temporary, cancellationToken);
            File.Move(temporary, file, overwrite: force);
            await output.WriteLineAsync(
                $"Backed up {DatabasePath} to {file}: {BackupCommand.Size(new FileInfo(file).Length)} in {BackupCommand.Seconds(Stopwatch.GetElapsedTime(started))} " +
                $"(schema {migrations[^1]}, {migrations.Count} migrations).");
        }
        catch (SqliteException e)
        {
            throw new BackupFailedException($"SQLite could not write the copy: {e.Message}");
        }
        catch (IOException e)
        {
            throw new BackupFailedException(File.Exists(file) && !force
                ? $"{file} appeared while the backup ran; it was left alone (use --force to overwrite it)."
                : $"the copy could not be written: {e.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task RestoreAsync(string file, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
            throw new BackupRefusedException($"{file} does not exist.");

        var migrations = await CheckAsync(file, cancellationToken);
        var unknown = migrations.Except(knownMigrations, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new BackupRefusedException($"{file} was made by a newer MedAtlas (its schema has {string.Join(", ", unknown)}, which this version does not know). Restore it with that version or a later one.");

        if (File.Exists(DatabasePath))
        {
            var replaced = await DescribeAsync(DatabasePath, cancellationToken);
            if (!force)
                throw new BackupRefusedException($"{DatabasePath} exists ({replaced}). Restoring would replace it; back it up if you may want it, then run restore again with --force.");
            await EnsureUnusedAsync(cancellationToken);
            await output.WriteLineAsync($"Replacing {DatabasePath} ({replaced}).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var temporary = BackupCommand.TemporaryBeside(DatabasePath);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(target, cancellationToken);
                target.Flush(flushToDisk: true);
            }

            // The old file's WAL and shared-memory index belong to it: left beside the new file, SQLite would replay
            // the old WAL into it. The old database was checkpointed and closed above, so they hold nothing of value.
            File.Delete(DatabasePath + "-wal");
            File.Delete(DatabasePath + "-shm");
            File.Delete(DatabasePath + "-journal");
            File.Move(temporary, DatabasePath, overwrite: true);
        }
        catch (IOException e)
        {
            throw new BackupFailedException($"the database could not be written: {e.Message}. {DatabasePath} was not changed.");
        }
        finally
        {
            File.Delete(temporary);
        }

        var pending = knownMigrations.Except(migrations, StringComparer.Ordinal).Count();
        await output.WriteLineAsync(
            $"Restored {file} into {DatabasePath}: {BackupCommand.Size(new FileInfo(DatabasePath).Length)} in {BackupCommand.Seconds(Stopwatch.GetElapsedTime(started))} (schema {migrations[^1]}).");
        await output.WriteLineAsync(pending == 0
            ? "Its schema is this version's. Start the site."
            : $"It is {pending} migration(s) behind this version; starting the site (or the migrate command) applies them.");
    }

    /// <summary>Whole, and a MedAtlas database: SQLite's integrity check passes and it has the migrations history. Answers the applied migrations, oldest first.</summary>
    private static async Task<IReadOnlyList<string>> CheckAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open(file, SqliteOpenMode.ReadOnly);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            check.CommandTimeout = 0;
            var verdict = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (verdict != "ok")
                throw new BackupRefusedException($"{file} is damaged (SQLite's integrity check: {verdict}).");

            await using var history = connection.CreateCommand();
            history.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (Convert.ToInt64(await history.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                throw new BackupRefusedException($"{file} is an SQLite database but not a MedAtlas one (it has no migrations history).");

            history.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"";
            var migrations = new List<string>();
            await using (var reader = await history.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    migrations.Add(reader.GetString(0));
            }

            return migrations.Count > 0
                ? migrations
                : throw new BackupRefusedException($"{file} has an empty migrations history: it is not a MedAtlas database.");
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException($"{file} is not a readable SQLite database ({e.Message}).");
        }
    }

    private static async Task<string> DescribeAsync(string file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        string schema;
        try
        {
            var migrations = await CheckAsync(file, cancellationToken);
            schema = $"schema {migrations[^1]}";
        }
        catch (BackupRefusedException)
        {
            schema = "not a readable MedAtlas database";
        }

        return $"{BackupCommand.Size(info.Length)}, last written {info.LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC, {schema}";
    }

    /// <summary>
    /// Every process with the database open in WAL mode holds a shared lock on one byte of the <c>-shm</c> file (SQLite's
    /// "dead man switch", byte 128 in its Unix VFS) for as long as it is open, idle or not: if a write lock on that byte
    /// cannot be had, the site (or an import) is running. Then, holding SQLite's exclusive lock, the WAL is checkpointed
    /// into the old file, and closing the last connection removes the WAL.
    /// </summary>
    private async Task EnsureUnusedAsync(CancellationToken cancellationToken)
    {
        var inUse = new BackupRefusedException($"{DatabasePath} is in use (another process has it open). Stop the site (and any import) first, then run restore again.");
        // FileStream.Lock is fcntl on Linux (the platform this is deployed on) and unsupported on macOS.
        if (!OperatingSystem.IsMacOS() && File.Exists(DatabasePath + "-shm"))
        {
            try
            {
                using var shm = new FileStream(DatabasePath + "-shm", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                shm.Lock(DeadManSwitch, 1);
                shm.Unlock(DeadManSwitch, 1);
            }
            catch (IOException)
            {
                throw inUse;
            }
        }

        try
        {
            await using var connection = Open(DatabasePath, SqliteOpenMode.ReadWrite, timeoutSeconds: 2);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw inUse;
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode, int timeoutSeconds = 30)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void RefuseExisting(string file, bool force)
    {
        if (Directory.Exists(file))
            throw new BackupRefusedException($"{file} is a folder; name a file.");
        if (Path.GetDirectoryName(file) is { } folder && !Directory.Exists(folder))
            throw new BackupRefusedException($"the folder {folder} does not exist.");
        if (File.Exists(file) && !force)
            throw new BackupRefusedException($"{file} exists ({BackupCommand.Size(new FileInfo(file).Length)}, {new FileInfo(file).LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC). Name another file, or add --force to overwrite it.");
    }
}
