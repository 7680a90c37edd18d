using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>
/// Claims and marks outbox rows. A claim is one UPDATE that stamps a batch of due rows with this node and a
/// claim deadline; on PostgreSQL its sub-SELECT skips rows another node is claiming at that moment, on
/// SQLite the single writer serializes claims. A node that dies leaves its claims to expire, and then any
/// node takes them again.
/// </summary>
internal sealed class OutboxStore(MedAtlasDbContext db, IDatabaseDialect dialect, TimeProvider time)
{
    private DbSet<OutboxMessage> Messages => db.Set<OutboxMessage>();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string node, int limit, TimeSpan claim, CancellationToken cancellationToken)
    {
        var now = Now;
        // A read first: most polls find nothing, and a read takes no write lock (SQLite has only one).
        var anyDue = await Messages.AnyAsync(
            m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now),
            cancellationToken);
        if (!anyDue)
            return [];

        var until = now + claim;
        // The only text spliced in is the dialect's constant clause; every value is a parameter.
        var sql = $$"""
            UPDATE outbox SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM outbox
                WHERE "Status" = {2} AND "NextAttemptAt" <= {3} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {3})
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {4} {{dialect.SkipLockedRows}})
            RETURNING "Id" AS "Value"
            """;
        var ids = await db.Database.SqlQueryRaw<long>(sql, node, until, nameof(OutboxStatus.Pending), now, limit).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return [];

        return await Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == node)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
    }

    public Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now;
        return Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>Gives up on the row: a permanent refusal, or too many attempts. <c>NextAttemptAt</c> keeps the time it failed.</summary>
    public Task MarkFailedAsync(long id, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        return Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Failed)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    public Task MarkForRetryAsync(long id, string reason, DateTime nextAttemptAt, CancellationToken cancellationToken) =>
        Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);

    /// <summary>Hands back rows this node claimed but did not try, without counting an attempt; <paramref name="notBefore"/> postpones them.</summary>
    public Task ReleaseAsync(IReadOnlyCollection<long> ids, string node, DateTime? notBefore, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return Task.CompletedTask;
        var rows = Messages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == node && m.Status == OutboxStatus.Pending);
        return notBefore is { } later
            ? rows.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, later)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken)
            : rows.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    public Task<int> DeleteSentBeforeAsync(DateTime before, CancellationToken cancellationToken) =>
        Messages.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
}
