using System.Globalization;
using System.Net;
using MedAtlas.Web.Features.Alerts.Sources;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Feeds;

/// <summary>
/// The <c>fda-feeds</c> job: fetches each configured RSS feed (FDA's press-release recalls, MedWatch safety alerts)
/// and stores its items as <see cref="SafetyNotice"/> rows, idempotent on (source, item key): an item seen again
/// changes nothing, a changed title or summary updates it. Each notice is matched to catalogue drugs by the names in
/// its title and summary (<see cref="NoticeNames"/>, always <see cref="RecallMatch.Low"/>); an editor's manual link
/// stays unless the text now finds the same drug, as in the recall import. One feed failing does not stop the others;
/// each writes its own run row.
/// </summary>
internal sealed class FdaFeeds(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    FeedSettings settings,
    SourceRuns runs,
    TimeProvider time) : IJob
{
    public const string JobName = "fda-feeds";

    private static readonly HttpStatusCode[] NotModified = [HttpStatusCode.NotModified];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var feed in settings.Feeds)
        {
            var run = new SourceRun(feed.Name, SourceRun.Incremental, Now);
            var client = new SourceClient(httpClients.CreateClient(AlertSourcesHttp.ClientName), settings.Http, time);
            await runs.RunAsync(run, client, () => FetchAsync(feed, run, client, cancellationToken), cancellationToken);
            if (run.Error is not null)
                failures.Add($"{feed.Name}: {run.Error}");
        }

        // Thrown so /admin/jobs shows the failure; the run rows say which feed and why.
        if (failures.Count > 0)
            throw new SourceUnavailableException(string.Join("; ", failures));
    }

    private async Task FetchAsync(FeedSource feed, SourceRun run, SourceClient client, CancellationToken cancellationToken)
    {
        var described = $"{feed.Name} ({feed.Url.Host}{feed.Url.AbsolutePath})";
        var response = await client.GetAsync(feed.Url, described, NotModified, headers => headers.Accept.ParseAdd("application/rss+xml, application/xml;q=0.9, */*;q=0.1"), cancellationToken);
        if (response.Status == HttpStatusCode.NotModified)
            return;

        var items = FeedReader.Read(response.Body, out var rejected);
        foreach (var (row, reason) in rejected)
            run.Tally.Reject(row, reason);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var codes = new DrugCodes(db);
        var keys = items.Select(i => i.ItemKey).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Set<SafetyNotice>()
            .Where(n => n.Source == feed.Name && keys.Contains(n.ItemKey))
            .Include(n => n.Matches)
            .ToDictionaryAsync(n => n.ItemKey, StringComparer.Ordinal, cancellationToken);

        var now = Now;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tally = new Infrastructure.Import.ImportTally();
        foreach (var item in items)
        {
            if (!seen.Add(item.ItemKey))
            {
                tally.Reject(item.Row, "the same guid as an earlier item; the first is kept");
                continue;
            }

            var found = await NoticeNames.DrugsNamedAsync(codes, item.Title + " " + item.Summary, cancellationToken);
            var published = item.PublishedAt ?? (existing.TryGetValue(item.ItemKey, out var before) ? DateTime.SpecifyKind(before.PublishedAt, DateTimeKind.Utc) : now);
            if (!existing.TryGetValue(item.ItemKey, out var notice))
            {
                db.Add(new SafetyNotice
                {
                    Source = feed.Name, ItemKey = item.ItemKey, Title = item.Title, Link = item.Link, PublishedAt = published, Summary = item.Summary,
                    FirstSeenAt = now, UpdatedAt = now,
                    Matches = [.. found.Select(slug => new SafetyNoticeMatch { DrugSlug = slug, How = RecallMatchKind.Name, Confidence = RecallMatch.Low })],
                });
                tally.Added++;
                continue;
            }

            if (Apply(notice, item, published, found))
            {
                notice.UpdatedAt = now;
                tally.Updated++;
            }
            else
            {
                tally.Unchanged++;
            }
        }

        var newest = items.Where(i => i.PublishedAt is not null).Select(i => i.PublishedAt!.Value).DefaultIfEmpty().Max();
        var source = await db.Set<AlertSource>().SingleOrDefaultAsync(s => s.Name == feed.Name, cancellationToken);
        if (source is null)
            db.Add(source = new AlertSource { Name = feed.Name });
        var mark = newest == default ? null : newest.ToString("O", CultureInfo.InvariantCulture);
        if (mark is not null && (source.Watermark is null || string.CompareOrdinal(mark, source.Watermark) > 0))
            source.Watermark = mark;
        source.LastRunAt = now;
        await db.SaveChangesAsync(cancellationToken);

        run.Tally.Merge(tally);
        run.StoredSome = true;
    }

    /// <summary>Brings a stored notice in line with the feed; whether anything changed.</summary>
    private static bool Apply(SafetyNotice notice, FeedItem item, DateTime published, IReadOnlyList<string> found)
    {
        var changed = false;
        if (notice.Title != item.Title)
            (notice.Title, changed) = (item.Title, true);
        if (notice.Link != item.Link)
            (notice.Link, changed) = (item.Link, true);
        if (notice.Summary != item.Summary)
            (notice.Summary, changed) = (item.Summary, true);
        if (DateTime.SpecifyKind(notice.PublishedAt, DateTimeKind.Utc) != published)
            (notice.PublishedAt, changed) = (published, true);

        // An editor's link stays unless the text itself now finds the same drug.
        var wanted = found.ToHashSet(StringComparer.Ordinal);
        changed |= notice.Matches.RemoveAll(m => m.How != RecallMatchKind.Manual && !wanted.Contains(m.DrugSlug)) > 0;
        changed |= notice.Matches.RemoveAll(m => m.How == RecallMatchKind.Manual && wanted.Contains(m.DrugSlug)) > 0;
        var have = notice.Matches.Select(m => m.DrugSlug).ToHashSet(StringComparer.Ordinal);
        foreach (var slug in found.Where(s => !have.Contains(s)))
        {
            notice.Matches.Add(new SafetyNoticeMatch { DrugSlug = slug, How = RecallMatchKind.Name, Confidence = RecallMatch.Low });
            changed = true;
        }

        return changed;
    }
}
