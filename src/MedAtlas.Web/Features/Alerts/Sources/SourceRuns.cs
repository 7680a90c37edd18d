using System.Globalization;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Sources;

/// <summary>What one run against one source did, kept while it runs and written as its <see cref="AlertSourceRun"/> row.</summary>
internal sealed class SourceRun(string source, string mode, DateTime startedAt)
{
    public const string Incremental = "incremental";
    public const string FullCheck = "full re-check";

    public string Source { get; } = source;

    public string Mode { get; } = mode;

    public DateTime StartedAt { get; } = startedAt;

    /// <summary>Added, updated, unchanged and rejected records, counted only once committed.</summary>
    public ImportTally Tally { get; } = new();

    public int Requests { get; set; }

    public int Retries { get; set; }

    /// <summary>Why the run stopped early (the source failed, a page was unreadable); null when it read everything.</summary>
    public string? Error { get; set; }

    /// <summary>Whether anything of this run was committed: with an <see cref="Error"/> that makes it Partial, not Failed.</summary>
    public bool StoredSome { get; set; }

    public AlertRunOutcome Outcome => Error is not null
        ? StoredSome ? AlertRunOutcome.Partial : AlertRunOutcome.Failed
        : Tally.Rejected > 0 ? AlertRunOutcome.Partial : AlertRunOutcome.Succeeded;

    /// <summary>What Admins read on the run's row: the error, then the first rejected records with their index.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (Error is not null)
            parts.Add(Error);
        if (Tally.Rejected > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Tally.Rejected} rejected: ")
                + string.Join("; ", Tally.FirstRejections.Take(5).Select(r => $"{r.Row}: {r.Reason}")));
        }

        var text = parts.Count == 0 ? null : string.Join(" | ", parts);
        return text is { Length: > 2000 } ? text[..1999] + "…" : text;
    }
}

/// <summary>
/// Writes each run's <see cref="AlertSourceRun"/> row (Admins read them on /admin/alerts), keeps the last
/// <see cref="Kept"/> per source, and wakes the jobs that tell people when a run stored something new or changed.
/// </summary>
internal sealed class SourceRuns(IServiceScopeFactory scopes, JobTriggers triggers, TimeProvider time, ILogger<SourceRuns> logger)
{
    public const int Kept = 200;

    /// <summary>
    /// Runs one part of a job against a source (<paramref name="part"/>) and writes its row whatever happens: the source
    /// failing (<see cref="SourceUnavailableException"/>) becomes the row's error; anything else is recorded and rethrown.
    /// </summary>
    public async Task RunAsync(SourceRun run, SourceClient client, Func<Task> part, CancellationToken cancellationToken)
    {
        var (requests, retries) = (client.Requests, client.Retries);
        try
        {
            await part();
        }
        catch (SourceUnavailableException e)
        {
            run.Error = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Error = "stopped because the app is shutting down";
        }
        catch (Exception e)
        {
            run.Error = JobHost.Describe(e);
            throw;
        }
        finally
        {
            run.Requests = client.Requests - requests;
            run.Retries = client.Retries - retries;
            await RecordAsync(run, CancellationToken.None);
            logger.LogInformation(
                "Source {Source} {Mode}: {Outcome}; {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected; {Requests} requests, {Retries} retries",
                run.Source, run.Mode, run.Outcome, run.Tally.Added, run.Tally.Updated, run.Tally.Unchanged, run.Tally.Rejected, run.Requests, run.Retries);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RecordAsync(SourceRun run, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var t = run.Tally;
        db.Add(new AlertSourceRun
        {
            Source = run.Source, Mode = run.Mode, StartedAt = run.StartedAt, FinishedAt = time.GetUtcNow().UtcDateTime, Outcome = run.Outcome,
            Added = (int)t.Added, Updated = (int)t.Updated, Unchanged = (int)t.Unchanged, Rejected = (int)t.Rejected,
            Requests = run.Requests, Retries = run.Retries, Error = run.Describe(),
        });
        // Shutdown must not lose the record of what was stored.
        await db.SaveChangesAsync(CancellationToken.None);

        var oldestKept = await db.Set<AlertSourceRun>().Where(r => r.Source == run.Source)
            .OrderByDescending(r => r.Id).Skip(Kept - 1).Select(r => (long?)r.Id).FirstOrDefaultAsync(CancellationToken.None);
        if (oldestKept is { } id)
            await db.Set<AlertSourceRun>().Where(r => r.Source == run.Source && r.Id < id).ExecuteDeleteAsync(CancellationToken.None);

        if (t.Added + t.Updated > 0)
        {
            triggers.Wake(AlertJobs.Notify);
            triggers.Wake(AlertJobs.PublicMail);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Requests this source made in the last 24 hours, from its run rows: what is left of a daily budget survives restarts and moves between nodes.</summary>
    public async Task<int> RequestsSinceAsync(string source, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var since = time.GetUtcNow().UtcDateTime - window;
        return await db.Set<AlertSourceRun>().Where(r => r.Source == source && r.StartedAt >= since).SumAsync(r => r.Requests, cancellationToken);
    }
}
