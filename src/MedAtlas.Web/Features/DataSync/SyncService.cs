using System.Diagnostics;
using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// Syncs one source: resolves its files, downloads each (<see cref="Downloader"/>), checks it (<see cref="FileChecks"/>)
/// and hands it to the source's importer (an <see cref="IImporter"/> picked by its <c>Source</c> name, run by
/// <see cref="ImportRunner"/>). A failed download or a refused file never reaches the importer; the importers
/// commit per batch, so a failed import keeps every earlier batch and the rows it did not reach as they were.
/// Every file's run ends in <see cref="FinishAsync"/>, which records it in <c>data_sync_runs</c>.
/// </summary>
internal sealed class SyncService(
    IEnumerable<IImporter> importers,
    SyncSettings settings,
    Downloader downloader,
    FileChecks checks,
    JobSettings jobs,
    DataStamps stamps,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    /// <summary>The sources that have an importer in this build, in the order <c>help</c> lists them.</summary>
    public IReadOnlyList<SyncSource> Sources => [.. settings.Sources.Where(s => ImporterFor(s) is not null)];

    public IImporter? ImporterFor(SyncSource source) =>
        importers.FirstOrDefault(i => string.Equals(i.Source, source.Name, StringComparison.Ordinal));

    /// <summary>Runs every file of <paramref name="source"/>; <paramref name="trigger"/> is <c>command</c>, <c>schedule</c> or <c>admin</c>.</summary>
    public async Task<IReadOnlyList<SyncRun>> RunAsync(SyncSource source, string trigger, TextWriter output, CancellationToken cancellationToken)
    {
        var importer = ImporterFor(source) ?? throw new InvalidOperationException($"No importer for {source.Name}.");
        var runId = Guid.NewGuid().ToString("N");
        var runs = new List<SyncRun>();
        await output.WriteLineAsync($"Syncing {source.Name}");

        IReadOnlyList<Uri> files = source.Addresses(Now);
        if (source.Manifest is { } manifest && files.Count > 0)
        {
            var started = Now;
            var clock = Stopwatch.StartNew();
            try
            {
                files = (await Task.WhenAll(files.Select(u => downloader.ResolveManifestAsync(u, manifest, cancellationToken)))).SelectMany(f => f).ToList();
            }
            catch (Exception e) when (e is SyncSourceException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var message = e is SyncSourceException ? e.Message : $"the manifest {files[0]} could not be read: {e.Message}";
                runs.Add(await FinishAsync(New(runId, source, files[0], trigger, started) with { Outcome = SyncOutcome.DownloadFailed, Message = message }, clock, output, cancellationToken));
                return runs;
            }
        }

        foreach (var url in files)
            runs.Add(await SyncFileAsync(runId, source, importer, url, trigger, output, cancellationToken));
        return runs;
    }

    private async Task<SyncRun> SyncFileAsync(string runId, SyncSource source, IImporter importer, Uri url, string trigger, TextWriter output, CancellationToken cancellationToken)
    {
        var run = New(runId, source, url, trigger, Now);
        var clock = Stopwatch.StartNew();
        var download = await downloader.DownloadAsync(source, url, await LastValidatorsAsync(source, url, cancellationToken), output, cancellationToken);
        run = run with { Bytes = download.Bytes, ETag = download.Validators?.ETag, LastModified = download.Validators?.LastModified };
        switch (download.Status)
        {
            case DownloadStatus.NotModified:
                return await FinishAsync(run with { Outcome = SyncOutcome.Unchanged }, clock, output, cancellationToken);
            case DownloadStatus.Failed:
                return await FinishAsync(run with { Outcome = SyncOutcome.DownloadFailed, Message = download.Message }, clock, output, cancellationToken);
            case DownloadStatus.Refused:
                return await FinishAsync(run with { Outcome = SyncOutcome.Refused, Message = download.Message }, clock, output, cancellationToken);
        }

        var path = download.Path!;
        if (await checks.CheckAsync(source, url, path, cancellationToken) is { } problem)
        {
            Downloader.Discard(path);
            return await FinishAsync(run with { Outcome = SyncOutcome.Refused, Message = problem }, clock, output, cancellationToken);
        }

        var result = await importer.RunAsync(new ImportRunner(scopes, output, time), ImportInput.Open(path), cancellationToken);
        // What was just imported shows at once in this process, not after the stamps' cache expires.
        stamps.Invalidate();
        var tally = result.Tally;
        run = run with { Added = tally.Added, Updated = tally.Updated, Unchanged = tally.Unchanged, Rejected = tally.Rejected };
        if (result.Status != ImportStatus.Completed)
        {
            return await FinishAsync(run with
            {
                Outcome = SyncOutcome.ImportFailed,
                Message = $"the import {result.Status switch { ImportStatus.WrongFormat => "did not start", ImportStatus.Refused => "was refused", _ => "stopped" }}: {result.Error}; the download is kept for the next sync",
            }, clock, output, cancellationToken);
        }

        Downloader.Discard(path);
        return await FinishAsync(run with { Outcome = SyncOutcome.Imported }, clock, output, cancellationToken);
    }

    /// <summary>
    /// The one place a file's sync ends (outcome, duration, source): recorded in <c>data_sync_runs</c> and printed.
    /// Sync metrics belong here too.
    /// </summary>
    private async Task<SyncRun> FinishAsync(SyncRunRecord record, Stopwatch clock, TextWriter output, CancellationToken cancellationToken)
    {
        var row = record.ToRow(record.StartedAt + clock.Elapsed);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            db.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        MedAtlasMetrics.RecordSyncRun(row.Source, OutcomeName(row.Outcome), clock.Elapsed.TotalSeconds);
        var file = Path.GetFileName(record.Url);
        await output.WriteLineAsync(row.Outcome switch
        {
            SyncOutcome.Imported => string.Create(CultureInfo.InvariantCulture,
                $"Sync of {row.Source} ({file}): imported; {row.Added:N0} added, {row.Updated:N0} updated, {row.Unchanged:N0} unchanged, {row.Rejected:N0} rejected"),
            SyncOutcome.Unchanged => $"Sync of {row.Source} ({file}): unchanged, nothing imported",
            _ => $"Sync of {row.Source} ({file}) failed: {row.Message}",
        });
        return row;
    }

    /// <summary>The outcome as the <c>medatlas.sync.outcome</c> attribute spells it: imported, unchanged, download_failed, refused, import_failed.</summary>
    private static string OutcomeName(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Imported => "imported",
        SyncOutcome.Unchanged => "unchanged",
        SyncOutcome.DownloadFailed => "download_failed",
        SyncOutcome.Refused => "refused",
        _ => "import_failed",
    };

    /// <summary>The validators of the last file of this address that was imported or confirmed unchanged.</summary>
    private async Task<DownloadValidators?> LastValidatorsAsync(SyncSource source, Uri url, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var address = url.ToString();
        var last = await db.Set<SyncRun>().AsNoTracking()
            .Where(r => r.Source == source.Name && r.Url == address && (r.Outcome == SyncOutcome.Imported || r.Outcome == SyncOutcome.Unchanged))
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.ETag, r.LastModified })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null || (last.ETag is null && last.LastModified is null) ? null : new DownloadValidators(last.ETag, last.LastModified);
    }

    private SyncRunRecord New(string runId, SyncSource source, Uri url, string trigger, DateTime started) =>
        new(runId, source.Name, url.ToString(), trigger, jobs.Node, started, SyncOutcome.DownloadFailed, 0, 0, 0, 0, 0, null, null, null);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A run being built up, immutable so each step says what it adds.</summary>
    private sealed record SyncRunRecord(
        string RunId, string Source, string Url, string Trigger, string Node, DateTime StartedAt, SyncOutcome Outcome,
        long Added, long Updated, long Unchanged, long Rejected, long Bytes, string? ETag, string? LastModified, string? Message)
    {
        public SyncRun ToRow(DateTime finished) => new()
        {
            RunId = RunId,
            Source = Source,
            Url = Url,
            Trigger = Trigger,
            Node = Node,
            StartedAt = StartedAt,
            FinishedAt = finished,
            Outcome = Outcome,
            Added = Added,
            Updated = Updated,
            Unchanged = Unchanged,
            Rejected = Rejected,
            Bytes = Bytes,
            ETag = Truncate(ETag, 300),
            LastModified = Truncate(LastModified, 100),
            Message = Truncate(Message, 1000),
        };

        private static string? Truncate(string? value, int max) => value is { Length: var n } && n > max ? value[..max] : value;
    }
}
