using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>A failed mail as an Admin sees it: the kind and a masked address, never the contents.</summary>
internal sealed record FailedMail(long Id, string Kind, string MaskedTo, string? Reason, int Attempts, DateTime CreatedAt);

/// <summary>
/// What /admin/jobs shows, read straight from <c>job_states</c> and <c>outbox</c>. Kept in one class so that the
/// job host and the mail sender, written in parallel, can replace it with their own services when they merge.
/// </summary>
internal sealed class AdminJobsView(MedAtlasDbContext db, TimeProvider time)
{
    public const int FailedMailLimit = 100;

    public Task<List<JobState>> JobsAsync(CancellationToken cancellationToken) =>
        db.Set<JobState>().AsNoTracking().OrderBy(j => j.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<FailedMail>> FailedMailAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(FailedMailLimit)
            .Select(m => new { m.Id, m.Kind, m.To, m.LastError, m.Attempts, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new FailedMail(m.Id, m.Kind, MaskAddress(m.To), m.LastError, m.Attempts, m.CreatedAt))];
    }

    public Task<int> FailedMailCountAsync(CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);

    /// <summary>Puts a failed mail back in the queue for the sender's next pass; false when there is no such failed mail.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        return changed > 0;
    }

    /// <summary>"a***@example.org": enough to tell two mails apart, not enough to read the address off the screen.</summary>
    public static string MaskAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
            return "***";
        return address[0] + "***" + address[at..];
    }
}
