using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>A mail that was given up on, as Admins see it: never its contents, the recipient masked (<c>j***@example.org</c>).</summary>
internal sealed record FailedMail(long Id, string Kind, string Recipient, string? Reason, int Attempts, DateTime CreatedAt, DateTime FailedAt);

/// <summary>Lists failed mail for Admins and sends one again.</summary>
internal sealed class FailedMails(MedAtlasDbContext db, JobTriggers triggers, TimeProvider time)
{
    public async Task<IReadOnlyList<FailedMail>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.NextAttemptAt).ThenByDescending(m => m.Id)
            .Take(limit)
            .Select(m => new { m.Id, m.Kind, m.To, m.LastError, m.Attempts, m.CreatedAt, m.NextAttemptAt })
            .ToListAsync(cancellationToken);
        return rows
            .Select(m => new FailedMail(m.Id, m.Kind, AddressMask.Mask(m.To), m.LastError, m.Attempts,
                DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(m.NextAttemptAt, DateTimeKind.Utc)))
            .ToList();
    }

    /// <summary>Queues a failed mail again with a fresh set of attempts. False when it is not (or no longer) failed.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (changed == 0)
            return false;
        triggers.Wake(OutboxSender.JobName);
        return true;
    }
}
