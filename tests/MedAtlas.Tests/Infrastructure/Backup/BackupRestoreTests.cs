using System.Data.Common;
using System.Globalization;
using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Search;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Backup;

/// <summary>
/// <c>backup</c> while the site takes writes, <c>restore</c> into a fresh data folder (or a fresh PostgreSQL database,
/// through pg_dump / pg_restore), and the site started on the restored copy: the same rows, a consistent snapshot,
/// and the same sign-ins.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string PairPrefix = "backup-pair-";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_into_a_fresh_folder_as_one_consistent_snapshot()
    {
        await using var source = await MedAtlasApp.StartAsync();
        var account = await source.CreateAccountAsync("backup-{n}@example.org", "Backup Person");
        var signInCookies = await SignInCookiesAsync(source, account);
        var file = Path.Combine(source.Database.DataDirectory, "..", $"medatlas-backup-{Guid.NewGuid():N}.bak");
        await using (var scope = source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FullTextIndex>().UpsertAsync("backup-test", "1", "Backed up", "Psoriasis plaques.", cancellationToken: Ct);
            await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync(Ct);
        }

        // The writer commits pairs of rows, each pair in one transaction: a consistent copy holds whole pairs only.
        using var stop = new CancellationTokenSource();
        var committed = 0;
        var tenCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await using var scope = source.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                db.Add(new DataStamp { Name = $"{PairPrefix}{n:D6}-a", Version = n, ChangedAt = DateTimeOffset.UtcNow });
                db.Add(new DataStamp { Name = $"{PairPrefix}{n:D6}-b", Version = n, ChangedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                if (Interlocked.Increment(ref committed) == 10)
                    tenCommitted.SetResult();
            }
        }, CancellationToken.None);

        await tenCommitted.Task.WaitAsync(Ct);
        var committedBefore = Volatile.Read(ref committed);
        var (backupExit, backupOutput) = await source.RunCommandAsync("backup", file);
        var committedAfter = Volatile.Read(ref committed);
        await stop.CancelAsync();
        await writer;

        Assert.True(backupExit == 0, backupOutput);
        Assert.Matches(@"Backed up .* to .*: [\d.]+ [KMG]B in [\d.]+ s", backupOutput);
        if (source.Database.Provider == "postgres")
            Assert.Contains("Running: pg_dump --format=custom", backupOutput, StringComparison.Ordinal);
        var sourceCounts = await CountsAsync(source);
        var sourceSample = await SampleAsync(source);

        await using var restoredDatabase = await TestDatabase.CreateAsync();
        var (restoreExit, restoreOutput) = await CommandLine.RunAsync(restoredDatabase, "restore", file);
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("Restored", restoreOutput, StringComparison.Ordinal);

        await using var restored = new MedAtlasApp(restoredDatabase.Share());
        await restored.InitializeAsync();
        using var visitor = restored.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/healthz/live", Ct)).StatusCode);
        var restoredCounts = await CountsAsync(restored);

        // Whole pairs, and exactly those committed by some moment between the backup's start and its end.
        var pairs = await restored.WithDbAsync(db => db.Set<DataStamp>().Where(s => s.Name.StartsWith(PairPrefix)).Select(s => s.Name).ToListAsync(Ct));
        var byPair = pairs.GroupBy(n => n[..^2]).ToList();
        Assert.All(byPair, pair => Assert.Equal([$"{pair.Key}-a", $"{pair.Key}-b"], pair.Order(StringComparer.Ordinal)));
        Assert.InRange(byPair.Count, committedBefore, committedAfter);
        Assert.Equal(
            Enumerable.Range(0, byPair.Count).Select(n => $"{PairPrefix}{n:D6}").ToList(),
            byPair.Select(p => p.Key).Order(StringComparer.Ordinal).ToList());

        // Every other table as it was (job_states moves with the jobs both apps run), and a sample of rows of each.
        foreach (var (table, count) in sourceCounts.Where(c => c.Key is not "data_stamps" and not "job_states"))
            Assert.True(restoredCounts.GetValueOrDefault(table) == count, $"{table}: {count} rows in the source, {restoredCounts.GetValueOrDefault(table)} restored");
        Assert.Equal(sourceSample, await SampleAsync(restored));
        Assert.Contains(sourceCounts, c => c.Key == "drugs" && c.Value > 0);

        // The full-text index (FTS5's shadow tables through VACUUM INTO, the tsvector generated column through pg_dump) works on the copy.
        await using (var scope = restored.Services.CreateAsyncScope())
            Assert.Single(await scope.ServiceProvider.GetRequiredService<FullTextIndex>().SearchAsync("psoriasis", ["backup-test"], cancellationToken: Ct));

        // The data protection keys are in the database: the sign-in cookie from before the backup still signs in.
        using var signedIn = restored.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", signInCookies);
        var account200 = await signedIn.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, account200.StatusCode);
        Assert.Contains(account.Email, await account200.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await Eventually.WaitAsync(async () => (await visitor.GetAsync("/healthz/ready", Ct)).StatusCode, s => s == HttpStatusCode.OK, "the restored site to be ready");
        File.Delete(file);
    }

    [Fact]
    public async Task Backup_never_overwrites_a_file_without_force_and_restore_refuses_what_is_not_a_MedAtlas_database()
    {
        Assert.SkipWhen(TestDatabase.ProviderUnderTest == "postgres", "the SQLite file checks; PostgreSQL's are pg_restore's");
        await using var source = await MedAtlasApp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("medatlas-backup-").FullName;
        var file = Path.Combine(folder, "site.bak");
        await File.WriteAllTextAsync(file, "an operator's other file", Ct);

        var (refused, refusal) = await source.RunCommandAsync("backup", file);
        Assert.Equal(2, refused);
        Assert.Contains("exists", refusal, StringComparison.Ordinal);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);
        Assert.Equal("an operator's other file", await File.ReadAllTextAsync(file, Ct));

        var (forced, forcedOutput) = await CommandLine.RunAsync(source.Database, "backup", file, "--force");
        Assert.True(forced == 0, forcedOutput);
        Assert.Equal(["site.bak"], Directory.GetFiles(folder).Select(Path.GetFileName));

        await using var fresh = await TestDatabase.CreateAsync();
        var notADatabase = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(notADatabase, "not a database", Ct);
        var (wrong, wrongOutput) = await CommandLine.RunAsync(fresh, "restore", notADatabase);
        Assert.Equal(2, wrong);
        Assert.Contains("not a readable SQLite database", wrongOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrongOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fresh.DataDirectory, DatabaseSettings.DefaultSqliteFileName)));

        // The running site's own database: it exists (say what would be replaced), and with --force it is in use.
        var (exists, existsOutput) = await CommandLine.RunAsync(source.Database, "restore", file);
        Assert.Equal(2, exists);
        Assert.Matches(@"medatlas\.db exists \([\d.]+ [KMG]B, last written .* schema \d+_\w+\)", existsOutput);
        var (inUse, inUseOutput) = await CommandLine.RunAsync(source.Database, "restore", file, "--force");
        Assert.Equal(2, inUse);
        Assert.Contains("is in use", inUseOutput, StringComparison.Ordinal);
        using var client = source.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_PostgreSQL_restore_over_a_MedAtlas_database_needs_force_and_replaces_it_whole()
    {
        Assert.SkipWhen(TestDatabase.ProviderUnderTest != "postgres", "pg_dump and pg_restore are the PostgreSQL path");
        await using var source = await MedAtlasApp.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"medatlas-{Guid.NewGuid():N}.dump");
        // The server trusts local connections, so any password works; it goes to pg_dump, never to the output.
        var (backupExit, backupOutput) = await CommandLine.RunAsync(
            source.Database, "backup", file, $"--ConnectionStrings:Default={source.Database.ConnectionString};Password=not-shown-8d1f");
        Assert.True(backupExit == 0, backupOutput);
        Assert.DoesNotContain("not-shown-8d1f", backupOutput, StringComparison.Ordinal);

        // A database the site already migrated: restore refuses without --force, then replaces it.
        await using var target = await TestDatabase.CreateAsync();
        await using (var other = new MedAtlasApp(target.Share()))
        {
            await other.InitializeAsync();
            other.CreateClient().Dispose();
            await other.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO data_stamps (\"Name\", \"Version\", \"ChangedAt\") VALUES ('only-in-target', 1, now())", Ct));
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        var (refused, refusal) = await CommandLine.RunAsync(target, "restore", file);
        Assert.Equal(2, refused);
        Assert.Contains("holds a MedAtlas schema", refusal, StringComparison.Ordinal);

        var (forced, forcedOutput) = await CommandLine.RunAsync(target, "restore", file, "--force");
        Assert.True(forced == 0, forcedOutput);
        Assert.Contains("| psql --single-transaction", forcedOutput, StringComparison.Ordinal);

        await using var restored = new MedAtlasApp(target.Share());
        await restored.InitializeAsync();
        restored.CreateClient().Dispose();
        Assert.False(await restored.WithDbAsync(db => db.Set<DataStamp>().AnyAsync(s => s.Name == "only-in-target", Ct)));
        Assert.Equal((await CountsAsync(source))["drugs"], (await CountsAsync(restored))["drugs"]);
        File.Delete(file);
    }

    /// <summary>The cookies a browser holds after signing in, as one Cookie header.</summary>
    private static async Task<string> SignInCookiesAsync(MedAtlasApp app, TestAccount account)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/sign-in", Ct);
        var antiforgery = Cookies(form);
        var token = AccountTestClient.TokenIn(await form.Content.ReadAsStringAsync(Ct))!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = account.Email,
                ["Input.Password"] = account.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static async Task<Dictionary<string, long>> CountsAsync(MedAtlasApp app) =>
        await app.WithDbAsync(async db =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in Tables(db))
            {
                // The table names come from the model, not from input.
                var sql = $"SELECT count(*) AS \"Value\" FROM \"{table}\"";
                counts[table] = await db.Database.SqlQueryRaw<long>(sql).SingleAsync(Ct);
            }
            return counts;
        });

    /// <summary>The first rows of every table (all columns, in a full order), as text.</summary>
    private static async Task<List<string>> SampleAsync(MedAtlasApp app) =>
        await app.WithDbAsync(async db =>
        {
            var rows = new List<string>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(Ct);
            foreach (var table in Tables(db).Where(t => t is not "data_stamps" and not "job_states"))
            {
                await using var shape = connection.CreateCommand();
                shape.CommandText = $"SELECT * FROM \"{table}\" LIMIT 0";
                int columns;
                await using (var reader = await shape.ExecuteReaderAsync(Ct))
                    columns = reader.FieldCount;

                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", Enumerable.Range(1, columns))} LIMIT 10";
                await using var rowsReader = await command.ExecuteReaderAsync(Ct);
                while (await rowsReader.ReadAsync(Ct))
                    rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, columns).Select(i => Text(rowsReader, i))));
            }

            return rows;
        });

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "NULL" : reader.GetValue(column) switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };

    private static IEnumerable<string> Tables(MedAtlasDbContext db) =>
        db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Append("__EFMigrationsHistory").Distinct().Order(StringComparer.Ordinal);
}
