using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// The <c>job_states</c> rows: the single-node lease and the record of each run. Every change is one
/// conditional UPDATE, which both PostgreSQL (row lock, then the condition re-checked) and SQLite (one
/// writer) apply atomically, so two nodes can never both believe they took a lease.
/// </summary>
internal sealed class JobStateStore(MedAtlasDbContext db, TimeProvider time)
{
    private DbSet<JobState> States => db.Set<JobState>();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates the row if it is missing, so the lease has a row to update and Admins see the job before its first run.</summary>
    public async Task EnsureAsync(string name, CancellationToken cancellationToken)
    {
        // ON CONFLICT DO NOTHING reads the same on SQLite and PostgreSQL; nodes starting together do not collide.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO job_states ("Name", "LastDurationMs", "ConsecutiveFailures", "Runs") VALUES ({name}, 0, 0, 0) ON CONFLICT ("Name") DO NOTHING""",
            cancellationToken);
    }

    public Task<DateTime?> LastStartedAsync(string name, CancellationToken cancellationToken) =>
        States.Where(j => j.Name == name).Select(j => j.LastStartedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Takes the lease when it is free, expired, or already this node's; also renews it.</summary>
    public async Task<bool> TryTakeLeaseAsync(string name, string node, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + lease;
        var taken = await States
            .Where(j => j.Name == name && (j.LeaseHolder == null || j.LeaseUntil == null || j.LeaseUntil < now || j.LeaseHolder == node))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseHolder, node).SetProperty(j => j.LeaseUntil, until), cancellationToken);
        return taken == 1;
    }

    public Task ReleaseLeaseAsync(string name, string node, CancellationToken cancellationToken) =>
        States
            .Where(j => j.Name == name && j.LeaseHolder == node)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseHolder, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), cancellationToken);

    public Task RecordAsync(string name, string node, DateTime started, DateTime finished, string? error, CancellationToken cancellationToken)
    {
        var durationMs = (long)(finished - started).TotalMilliseconds;
        var row = States.Where(j => j.Name == name);
        return error is null
            ? row.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LastStartedAt, started)
                .SetProperty(j => j.LastFinishedAt, finished)
                .SetProperty(j => j.LastDurationMs, durationMs)
                .SetProperty(j => j.LastNode, node)
                .SetProperty(j => j.Runs, j => j.Runs + 1)
                .SetProperty(j => j.LastError, (string?)null)
                .SetProperty(j => j.ConsecutiveFailures, 0), cancellationToken)
            : row.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LastStartedAt, started)
                .SetProperty(j => j.LastFinishedAt, finished)
                .SetProperty(j => j.LastDurationMs, durationMs)
                .SetProperty(j => j.LastNode, node)
                .SetProperty(j => j.Runs, j => j.Runs + 1)
                .SetProperty(j => j.LastError, error)
                .SetProperty(j => j.ConsecutiveFailures, j => j.ConsecutiveFailures + 1), cancellationToken);
    }
}
