using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Alerts.Import;
using MedAtlas.Web.Features.Alerts.Sources;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Poll;

/// <summary>
/// The <c>openfda-poll</c> job: asks openFDA's drug enforcement API for the records reported since the newest
/// report_date it has seen (the <c>openfda-api</c> row of <c>alert_sources</c>), and every
/// <c>Alerts:OpenFda:FullCheckDays</c> re-reads every recall not yet terminated, by recall number, to catch status
/// changes (openFDA does not move report_date when a status changes). Pages are stored by the bulk import's own
/// <see cref="OpenFdaEnforcementImporter.WriteAsync"/>, one transaction per page together with the watermark, so
/// matching, lots, status history and editors' links behave as in <c>import openfda-enforcement</c>, a failure
/// loses nothing already stored, and reading a page again changes nothing.
/// </summary>
internal sealed partial class OpenFdaPoller(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    OpenFdaSettings settings,
    SourceRuns runs,
    TimeProvider time) : IJob
{
    public const string JobName = "openfda-poll";

    /// <summary>The <see cref="AlertSource"/> and <see cref="AlertSourceRun.Source"/> name.</summary>
    public const string SourceName = "openfda-api";

    /// <summary>The earliest report_date openFDA's enforcement data has (2004): where a site with no recalls yet starts.</summary>
    private const string Beginning = "20040101";

    /// <summary>Recall numbers per re-check query: keeps the URL well under common limits (about 1 KB).</summary>
    private const int NumbersPerQuery = 50;

    private static readonly HttpStatusCode[] NoMatchesIsAnAnswer = [HttpStatusCode.NotFound];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (settings.BaseUrl is null)
            return;

        var used = await runs.RequestsSinceAsync(SourceName, TimeSpan.FromDays(1), cancellationToken);
        var client = new SourceClient(httpClients.CreateClient(AlertSourcesHttp.ClientName), settings.Http, time, Math.Max(0, settings.DailyRequests - used));
        // One importer per run: it reads the catalogue's label NDCs once and keeps them for the run's pages.
        var importer = new OpenFdaEnforcementImporter(time);
        var source = await SourceAsync(cancellationToken);

        var incremental = new SourceRun(SourceName, SourceRun.Incremental, Now);
        await runs.RunAsync(incremental, client, () => IncrementalAsync(incremental, client, importer, source.Watermark, cancellationToken), cancellationToken);
        var failed = incremental.Error;

        var fullDue = settings.FullCheckEvery == TimeSpan.Zero || source.LastFullCheckAt is not { } last
            || Now - DateTime.SpecifyKind(last, DateTimeKind.Utc) >= settings.FullCheckEvery;
        if (failed is null && fullDue)
        {
            var full = new SourceRun(SourceName, SourceRun.FullCheck, Now);
            await runs.RunAsync(full, client, () => FullCheckAsync(full, client, importer, cancellationToken), cancellationToken);
            failed = full.Error;
        }

        // Thrown so /admin/jobs shows the failure and the job host retries with its backoff; the run rows say more.
        if (failed is not null)
            throw new SourceUnavailableException($"openFDA: {failed}");
    }

    /// <summary>
    /// Pages through <c>report_date:[watermark TO 99991231]</c>, oldest first. The boundary day is read again each
    /// run (storing is idempotent). openFDA refuses a skip above 25,000, so past <see cref="OpenFdaSettings.MaxSkip"/>
    /// the window restarts at the newest report_date stored so far.
    /// </summary>
    private async Task IncrementalAsync(SourceRun run, SourceClient client, OpenFdaEnforcementImporter importer, string? watermark, CancellationToken cancellationToken)
    {
        var from = watermark ?? await NewestStoredAsync(cancellationToken) ?? Beginning;
        var mark = watermark;
        var skip = 0;
        while (true)
        {
            if (skip > settings.MaxSkip)
            {
                if (mark is null || string.CompareOrdinal(mark, from) <= 0)
                    throw new SourceUnavailableException(string.Create(CultureInfo.InvariantCulture,
                        $"more than {settings.MaxSkip:N0} records have report_date {from}, more than openFDA pages through; the rest waits"));
                from = mark;
                skip = 0;
            }

            var search = $"report_date:[{from}+TO+99991231]";
            var page = await FetchAsync(client, search, settings.PageSize, skip, cancellationToken);
            if (page is null)
                return;

            var pageMark = page.Records.Select(r => r.TryGetProperty("report_date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)
                .Where(d => d is { Length: 8 } && d.All(char.IsAsciiDigit))
                .Max(StringComparer.Ordinal);
            if (pageMark is not null && (mark is null || string.CompareOrdinal(pageMark, mark) > 0))
                mark = pageMark;
            var at = skip;
            await StoreAsync(run, importer, page.Records, i => $"record {(at + i + 1).ToString(CultureInfo.InvariantCulture)} from {from}", mark, cancellationToken);

            skip += page.Records.Count;
            if (page.Records.Count < settings.PageSize || skip >= page.Total)
                return;
        }
    }

    /// <summary>Re-reads every stored recall not yet terminated, by recall number, so a status change reaches the record and its history.</summary>
    private async Task FullCheckAsync(SourceRun run, SourceClient client, OpenFdaEnforcementImporter importer, CancellationToken cancellationToken)
    {
        List<string> open;
        await using (var scope = scopes.CreateAsyncScope())
        {
            open = await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().Set<Recall>()
                .Where(r => r.Source == Recall.OpenFdaEnforcement && r.Status != "Terminated")
                .OrderBy(r => r.RecallNumber)
                .Select(r => r.RecallNumber)
                .ToListAsync(cancellationToken);
        }

        foreach (var chunk in open.Where(n => RecallNumberShape().IsMatch(n)).Chunk(NumbersPerQuery))
        {
            var search = $"recall_number:({string.Join('+', chunk.Select(n => $"\"{n}\""))})";
            var page = await FetchAsync(client, search, chunk.Length, 0, cancellationToken);
            if (page is not null)
                await StoreAsync(run, importer, page.Records, i => $"{chunk[0]}.. record {(i + 1).ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);
        }

        await using var done = scopes.CreateAsyncScope();
        var db = done.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var source = await db.Set<AlertSource>().SingleAsync(s => s.Name == SourceName, cancellationToken);
        source.LastFullCheckAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record Page(IReadOnlyList<JsonElement> Records, int Total);

    /// <summary>One page of results, or null for openFDA's "no matches" (a 404 with error code NOT_FOUND).</summary>
    private async Task<Page?> FetchAsync(SourceClient client, string search, int limit, int skip, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"drug/enforcement.json?search={search}&sort=report_date:asc&limit={limit}&skip={skip}");
        // The key is a secret: it goes on the wire only, never into run rows or logs.
        var url = new Uri(settings.BaseUrl!, settings.ApiKey is null ? query : $"{query}&api_key={Uri.EscapeDataString(settings.ApiKey)}");
        var described = query.Length > 160 ? query[..160] + "…" : query;
        var response = await client.GetAsync(url, described, NoMatchesIsAnAnswer, null, cancellationToken);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new SourceUnavailableException($"{described} answered with JSON that cannot be read ({e.Message}); nothing of that page was stored");
        }

        var root = document.RootElement;
        if (response.Status == HttpStatusCode.NotFound)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "NOT_FOUND")
                return null;
            throw new SourceUnavailableException($"{described} answered HTTP 404 without openFDA's NOT_FOUND: {Snippet(response.Body)}");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            throw new SourceUnavailableException($"{described} answered without a results array: {Snippet(response.Body)}");
        var total = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("results", out var counts) && counts.ValueKind == JsonValueKind.Object
            && counts.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : int.MaxValue;
        return new Page([.. results.EnumerateArray()], total);
    }

    /// <summary>
    /// Stores one page in one transaction with the new watermark (when given): parsed by the bulk import's
    /// <see cref="OpenFdaEnforcementImporter.Parse"/>, written by its <see cref="OpenFdaEnforcementImporter.WriteAsync"/>.
    /// A malformed record is rejected with its index and the others stored.
    /// </summary>
    private async Task StoreAsync(
        SourceRun run, OpenFdaEnforcementImporter importer, IReadOnlyList<JsonElement> results, Func<int, string> rowName, string? mark, CancellationToken cancellationToken)
    {
        var tally = new ImportTally();
        var parsed = new List<(string Row, EnforcementRecord Record)>();
        for (var i = 0; i < results.Count; i++)
        {
            if (OpenFdaEnforcementImporter.Parse(results[i], out var record) is { } problem)
                tally.Reject(rowName(i), problem);
            else
                parsed.Add((rowName(i), record!));
        }

        // A recall number twice in one page is stored as its later record says, as in the bulk import.
        var lastAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Count; i++)
            lastAt[parsed[i].Record.RecallNumber] = i;
        var records = parsed.Select((p, i) => lastAt[p.Record.RecallNumber] == i ? p : (p.Row, p.Record with { SupersededBy = parsed[lastAt[p.Record.RecallNumber]].Row })).ToList();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (records.Count > 0)
                await importer.WriteAsync(new ImportBatch<EnforcementRecord>(db, records, tally), cancellationToken);
            var source = await db.Set<AlertSource>().SingleAsync(s => s.Name == SourceName, cancellationToken);
            if (mark is not null && (source.Watermark is null || string.CompareOrdinal(mark, source.Watermark) > 0))
                source.Watermark = mark;
            source.LastRunAt = Now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        run.Tally.Merge(tally);
        run.StoredSome = true;
    }

    /// <summary>The source's row, made on the first run.</summary>
    private async Task<AlertSource> SourceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        if (await db.Set<AlertSource>().AsNoTracking().SingleOrDefaultAsync(s => s.Name == SourceName, cancellationToken) is { } existing)
            return existing;
        var created = new AlertSource { Name = SourceName };
        db.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>The newest report_date already stored (the bulk import's), so a first poll after an import asks only for what came since.</summary>
    private async Task<string?> NewestStoredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var newest = await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().Set<Recall>()
            .MaxAsync(r => r.ReportDate, cancellationToken);
        return newest?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return body.Length > 300 ? text + "…" : text;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecallNumberShape();
}
