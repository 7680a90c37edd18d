using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedAtlas.Web.Infrastructure.Observability;

/// <summary>
/// The app's own instruments on the <c>MedAtlas</c> meter, named in the OpenTelemetry semantic-conventions style
/// (dotted lower-case names, units in UCUM, durations in seconds). Nothing personal goes into an attribute: sources,
/// outcomes and index names only. Without a listener (no exporter configured) recording costs next to nothing.
/// </summary>
internal static class MedAtlasMetrics
{
    public const string MeterName = "MedAtlas";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ImportRecords = Meter.CreateCounter<long>(
        "medatlas.import.records", "{record}", "Records an import wrote or passed over, by source and outcome (added, updated, unchanged, rejected).");

    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "medatlas.import.duration", "s", "How long an import ran, by source and status (completed, failed, wrong_format, refused).");

    private static readonly Counter<long> SyncRuns = Meter.CreateCounter<long>(
        "medatlas.sync.runs", "{run}", "Sync runs (download and import of a public source), by source and outcome.");

    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>(
        "medatlas.sync.duration", "s", "How long a sync run took, by source and outcome.");

    private static readonly Counter<long> OutboxSent = Meter.CreateCounter<long>(
        "medatlas.outbox.sent", "{message}", "Mails the outbox sender handed to the mail server.");

    private static readonly Counter<long> OutboxFailed = Meter.CreateCounter<long>(
        "medatlas.outbox.failed", "{message}", "Mails given up on (refused for good, or out of attempts).");

    private static readonly Counter<long> CacheRebuilds = Meter.CreateCounter<long>(
        "medatlas.cache.rebuilds", "{rebuild}", "Rebuilds of an in-memory index (drug search, pills, interactions, foods) after its data changed.");

    private static readonly Histogram<double> CacheRebuildDuration = Meter.CreateHistogram<double>(
        "medatlas.cache.rebuild.duration", "s", "How long an in-memory index took to rebuild.");

    public static void RecordImport(string source, ImportTallyCounts counts, string status, TimeSpan elapsed)
    {
        var from = new KeyValuePair<string, object?>("medatlas.import.source", source);
        Add(ImportRecords, counts.Added, from, "added");
        Add(ImportRecords, counts.Updated, from, "updated");
        Add(ImportRecords, counts.Unchanged, from, "unchanged");
        Add(ImportRecords, counts.Rejected, from, "rejected");
        ImportDuration.Record(elapsed.TotalSeconds, from, new KeyValuePair<string, object?>("medatlas.import.status", status));
    }

    /// <summary>For the sync command and its scheduled job: one call per source and run.</summary>
    public static void RecordSyncRun(string source, string outcome, double seconds)
    {
        var tags = new TagList { { "medatlas.sync.source", source }, { "medatlas.sync.outcome", outcome } };
        SyncRuns.Add(1, tags);
        SyncDuration.Record(seconds, tags);
    }

    public static void MailSent() => OutboxSent.Add(1);

    public static void MailFailed() => OutboxFailed.Add(1);

    public static void RecordCacheRebuild(string index, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("medatlas.cache.name", index);
        CacheRebuilds.Add(1, tag);
        CacheRebuildDuration.Record(elapsed.TotalSeconds, tag);
    }

    private static void Add(Counter<long> counter, long value, KeyValuePair<string, object?> source, string outcome)
    {
        if (value > 0)
            counter.Add(value, source, new KeyValuePair<string, object?>("medatlas.import.outcome", outcome));
    }
}

/// <summary>An import's counts, as <see cref="MedAtlasMetrics.RecordImport"/> takes them.</summary>
internal readonly record struct ImportTallyCounts(long Added, long Updated, long Unchanged, long Rejected);
