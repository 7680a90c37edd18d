using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>What the Admin jobs page shows for one job. The state fields are null or zero until its first run.</summary>
internal sealed record JobStatus(
    string Name,
    TimeSpan Interval,
    bool SingleNode,
    DateTime? LastStartedAt,
    DateTime? LastFinishedAt,
    long LastDurationMs,
    string? LastError,
    string? LastNode,
    int ConsecutiveFailures,
    long Runs,
    string? LeaseHolder,
    DateTime? LeaseUntil);

/// <summary>Every registered job with its recorded state, for Admins.</summary>
internal sealed class JobStatuses(IEnumerable<JobDefinition> jobs, MedAtlasDbContext db)
{
    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var states = await db.Set<JobState>().AsNoTracking().ToDictionaryAsync(j => j.Name, cancellationToken);
        return jobs
            .DistinctBy(j => j.Name)
            .OrderBy(j => j.Name, StringComparer.Ordinal)
            .Select(j => states.TryGetValue(j.Name, out var s)
                ? new JobStatus(j.Name, j.Interval, j.SingleNode, Utc(s.LastStartedAt), Utc(s.LastFinishedAt), s.LastDurationMs,
                    s.LastError, s.LastNode, s.ConsecutiveFailures, s.Runs, s.LeaseHolder, Utc(s.LeaseUntil))
                : new JobStatus(j.Name, j.Interval, j.SingleNode, null, null, 0, null, null, 0, 0, null, null))
            .ToList();
    }

    // SQLite hands times back unspecified; they were written as UTC.
    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
