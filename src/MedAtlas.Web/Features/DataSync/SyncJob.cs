using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// The scheduled sync (job <c>data-sync</c>, one node at a time): every <c>MedAtlas:Sync:CheckMinutes</c> it syncs
/// each source that an Admin asked for ("Sync now") or whose <c>Schedule</c> has come round since its last run
/// (an hour after a failed run, if that is sooner: <see cref="SyncStatuses.RetryAfterFailure"/>).
/// The job host's lease keeps a second node from syncing at the same time; the run is recorded before the
/// lease is released, so the next node sees the source as done.
/// </summary>
internal sealed class SyncJob(SyncService sync, SyncRequests requests, MedAtlasDbContext db, TimeProvider time, ILogger<SyncJob> logger) : IJob
{
    public const string JobName = "data-sync";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var asked = await requests.ListAsync(cancellationToken);
        foreach (var source in sync.Sources)
        {
            var request = asked.FirstOrDefault(r => r.Source == source.Name);
            if (request is null && !await DueAsync(source, cancellationToken))
                continue;
            if (request is not null)
                await requests.ClearAsync(request, cancellationToken);
            if (source.Urls.Count == 0)
            {
                logger.LogWarning("Sync of {Source} was asked for, but it has no address (MedAtlas:Sync:Sources:{Source}:Url)", source.Name, source.Name);
                continue;
            }

            await using var output = new LogWriter(logger);
            await sync.RunAsync(source, request is null ? "schedule" : "admin", output, cancellationToken);
        }
    }

    private async Task<bool> DueAsync(SyncSource source, CancellationToken cancellationToken)
    {
        if (source.Schedule is null || source.Urls.Count == 0)
            return false;
        var last = await SyncStatuses.LastRunAsync(db, source.Name, cancellationToken);
        return SyncStatuses.NextRun(source, last?.Started, last?.Failed ?? false) <= time.GetUtcNow().UtcDateTime;
    }

    /// <summary>The sync's printed lines, as log entries (public file names and counts only).</summary>
    private sealed class LogWriter(ILogger logger) : TextWriter
    {
        private readonly StringBuilder line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                logger.LogInformation("{Line}", line.ToString().TrimEnd('\r'));
                line.Clear();
            }
            else
            {
                line.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            line.Append(value);
            Write('\n');
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}

/// <summary>"Sync now": a request row the job clears when it starts the source, so any node holding the lease runs it.</summary>
internal sealed class SyncRequests(MedAtlasDbContext db, JobTriggers triggers, TimeProvider time)
{
    public Task<List<SyncRequest>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<SyncRequest>().AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>Asks for <paramref name="source"/> and wakes the job on this node.</summary>
    public async Task RequestAsync(string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // ON CONFLICT reads the same on SQLite and PostgreSQL; two Admins pressing at once leave one request.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO data_sync_requests ("Source", "RequestedAt") VALUES ({source}, {now}) ON CONFLICT ("Source") DO UPDATE SET "RequestedAt" = excluded."RequestedAt" """,
            cancellationToken);
        triggers.Wake(SyncJob.JobName);
    }

    /// <summary>Clears the request the job is about to serve (not a newer one made meanwhile).</summary>
    public Task ClearAsync(SyncRequest request, CancellationToken cancellationToken) =>
        db.Set<SyncRequest>().Where(r => r.Source == request.Source && r.RequestedAt <= request.RequestedAt).ExecuteDeleteAsync(cancellationToken);
}
