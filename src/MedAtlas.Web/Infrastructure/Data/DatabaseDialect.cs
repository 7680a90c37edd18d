using MedAtlas.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// What SQLite and PostgreSQL do differently, in one place. Features ask this instead of testing the provider.
/// </summary>
internal interface IDatabaseDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>
    /// Serializes writers that must not run twice at once across app instances (starter data, migrations
    /// of reference data). Call inside a transaction; the lock is released when it ends.
    /// </summary>
    Task LockForExclusiveWriteAsync(MedAtlasDbContext db, string lockName, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the sub-SELECT of an <c>UPDATE ... WHERE id IN (SELECT ... LIMIT n &lt;this&gt;)</c> that claims rows,
    /// so that nodes claiming at the same time skip each other's rows instead of waiting on them.
    /// </summary>
    string SkipLockedRows { get; }

    /// <summary>Full-text queries over <c>search_documents</c> (FTS5 or tsvector): see <see cref="FullTextIndex"/>.</summary>
    IFullTextDialect FullText { get; }
}

internal sealed class SqliteDialect : IDatabaseDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which already takes the one write lock.
    public Task LockForExclusiveWriteAsync(MedAtlasDbContext db, string lockName, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // One writer at a time: a claiming UPDATE never sees another claim half done.
    public string SkipLockedRows => "";

    public IFullTextDialect FullText { get; } = new SqliteFullText();
}

internal sealed class PostgresDialect : IDatabaseDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public Task LockForExclusiveWriteAsync(MedAtlasDbContext db, string lockName, CancellationToken cancellationToken)
    {
        // Several web servers may start at once against one database; a transaction-scoped advisory lock
        // makes the second wait for the first instead of failing on a unique key.
        var key = StableHash(lockName);
        return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    public string SkipLockedRows => "FOR UPDATE SKIP LOCKED";

    public IFullTextDialect FullText { get; } = new PostgresFullText();

    private static long StableHash(string value)
    {
        // string.GetHashCode is randomized per process; every instance must agree on the key.
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
        return BitConverter.ToInt64(hash, 0);
    }
}
