using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>One source on <c>/admin/data</c>: its files, schedule, the files of its last run, and when it runs next.</summary>
/// <param name="NextRun">Null when it has no schedule; <see cref="DateTime.MinValue"/> when it is due at the job's next check.</param>
internal sealed record SyncSourceStatus(SyncSource Source, IReadOnlyList<SyncRun> LastRun, DateTime? NextRun, DateTime? RequestedAt)
{
    public DateTime? LastStartedAt => LastRun.Count == 0 ? null : LastRun.Min(r => r.StartedAt);

    public DateTime? LastFinishedAt => LastRun.Count == 0 ? null : LastRun.Max(r => r.FinishedAt);

    /// <summary>The worst outcome among the run's files (a failed part makes the run failed).</summary>
    public SyncOutcome? Outcome => LastRun.Count == 0 ? null : LastRun.Max(r => r.Outcome);
}

/// <summary>Reads each source's last run and next scheduled run for Admins.</summary>
internal sealed class SyncStatuses(SyncService sync, SyncSettings settings, MedAtlasDbContext db)
{
    public SyncSettings Settings => settings;

    public async Task<IReadOnlyList<SyncSourceStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var requests = await db.Set<SyncRequest>().AsNoTracking().ToDictionaryAsync(r => r.Source, r => Utc(r.RequestedAt), cancellationToken);
        var statuses = new List<SyncSourceStatus>();
        foreach (var source in sync.Sources)
        {
            var lastRunId = await db.Set<SyncRun>().AsNoTracking().Where(r => r.Source == source.Name)
                .OrderByDescending(r => r.Id).Select(r => r.RunId).FirstOrDefaultAsync(cancellationToken);
            var rows = lastRunId is null
                ? []
                : await db.Set<SyncRun>().AsNoTracking().Where(r => r.RunId == lastRunId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                row.StartedAt = Utc(row.StartedAt);
                row.FinishedAt = Utc(row.FinishedAt);
            }

            var next = NextRun(source, rows.Count == 0 ? null : rows.Min(r => r.StartedAt), rows.Any(r => r.Outcome > SyncOutcome.Unchanged));
            statuses.Add(new SyncSourceStatus(source, rows, next, requests.TryGetValue(source.Name, out var at) ? at : null));
        }

        return statuses;
    }

    /// <summary>A failed run is tried again after this long, or at its schedule if that is sooner (a daily update not published yet).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromHours(1);

    /// <summary>
    /// When the job syncs <paramref name="source"/> next: null when it has no schedule (or no address),
    /// <see cref="DateTime.MinValue"/> when it never ran, else its schedule (or <see cref="RetryAfterFailure"/>) after the last run.
    /// </summary>
    public static DateTime? NextRun(SyncSource source, DateTime? lastStarted, bool lastFailed)
    {
        if (source.Schedule is not { } every || source.Urls.Count == 0)
            return null;
        if (lastStarted is not { } last)
            return DateTime.MinValue;
        return last + (lastFailed && RetryAfterFailure < every ? RetryAfterFailure : every);
    }

    /// <summary>The start of <paramref name="source"/>'s last run and whether any of its files failed.</summary>
    internal static async Task<(DateTime Started, bool Failed)?> LastRunAsync(MedAtlasDbContext db, string source, CancellationToken cancellationToken)
    {
        var lastRunId = await db.Set<SyncRun>().AsNoTracking().Where(r => r.Source == source)
            .OrderByDescending(r => r.Id).Select(r => r.RunId).FirstOrDefaultAsync(cancellationToken);
        if (lastRunId is null)
            return null;
        var rows = await db.Set<SyncRun>().AsNoTracking().Where(r => r.RunId == lastRunId)
            .Select(r => new { r.StartedAt, r.Outcome }).ToListAsync(cancellationToken);
        return (Utc(rows.Min(r => r.StartedAt)), rows.Any(r => r.Outcome > SyncOutcome.Unchanged));
    }

    // SQLite hands times back unspecified; they were written as UTC.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
