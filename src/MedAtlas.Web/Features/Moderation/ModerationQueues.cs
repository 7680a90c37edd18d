using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>One row of a queue: the case, what the content is, who wrote it, and why it waits.</summary>
internal sealed record QueueRow(ModerationCase Case, string Label, string Title, string Excerpt, string? Path, string Author, IReadOnlyList<string> Reasons);

/// <summary>A page of one queue, with how many cases wait in each.</summary>
internal sealed record QueuePage(ModerationQueue Queue, IReadOnlyList<QueueRow> Rows, IReadOnlyDictionary<ModerationQueue, int> Counts, int Page, int Total);

/// <summary>One report as the moderator sees it: the reporter by display name only.</summary>
internal sealed record ReportView(long Id, string Reporter, ReportReason Reason, string? Note, DateTime CreatedAt, bool Open);

/// <summary>Everything the case page shows. <see cref="Item"/> is null when the content no longer exists.</summary>
internal sealed record CaseView(ModerationCase Case, string Label, ModeratedItem? Item, string Author, IReadOnlyList<ReportView> Reports, IReadOnlyList<ModerationLogEntry> History)
{
    /// <summary>The newest report the moderator saw: an action closes the open reports up to it, not ones that came in since.</summary>
    public long LastReportId => Reports.Count == 0 ? 0 : Reports.Max(r => r.Id);
}

/// <summary>The moderator's reading side: the three queues, a case, the log.</summary>
internal sealed class ModerationQueues(MedAtlasDbContext db, ModeratedContentTypes types, Authors authors)
{
    public const int PageSize = 25;
    public const int LogPageSize = 50;
    public const string DeletedAccount = "Deleted account";

    public static readonly IReadOnlyList<ModerationQueue> Queues = [ModerationQueue.Reported, ModerationQueue.Held, ModerationQueue.Appealed];

    /// <summary>The page number a list's query asks for; 1 for anything else.</summary>
    public static int PageNumber(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page is > 0 and < 100_000 ? page : 1;

    public async Task<QueuePage> ListAsync(ModerationQueue queue, int page, CancellationToken cancellationToken)
    {
        var counts = await db.Set<ModerationCase>().AsNoTracking().Where(c => c.Queue != ModerationQueue.None)
            .GroupBy(c => c.Queue).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var total = counts.GetValueOrDefault(queue);
        var cases = await db.Set<ModerationCase>().AsNoTracking().Where(c => c.Queue == queue)
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var reasons = (await db.Set<ContentReport>().AsNoTracking().Where(r => ids.Contains(r.CaseId) && r.Open)
                .GroupBy(r => new { r.CaseId, r.Reason }).Select(g => new { g.Key.CaseId, g.Key.Reason, Count = g.Count() }).ToListAsync(cancellationToken))
            .GroupBy(r => r.CaseId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderByDescending(r => r.Count).ThenBy(r => r.Reason)
                .Select(r => r.Count > 1 ? $"{ModerationWords.Reason(r.Reason)} ({r.Count})" : ModerationWords.Reason(r.Reason))]);
        var badges = await authors.BadgesAsync(cases.Where(c => c.AuthorId is not null).Select(c => c.AuthorId!), cancellationToken);

        var rows = new List<QueueRow>(cases.Count);
        foreach (var c in cases)
        {
            var item = await types.ItemAsync(c.ContentType, c.ContentId, cancellationToken);
            rows.Add(new QueueRow(c, types.Label(c.ContentType), item?.Title ?? "Content that no longer exists", item is null ? "" : TextExcerpt.Of(item.Text, 200),
                item?.Path, AuthorName(c.AuthorId, badges), reasons.GetValueOrDefault(c.Id, [])));
        }

        return new QueuePage(queue, rows, counts, Math.Max(1, page), total);
    }

    public async Task<CaseView?> CaseAsync(long id, CancellationToken cancellationToken)
    {
        var found = await db.Set<ModerationCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
            return null;
        var item = await types.ItemAsync(found.ContentType, found.ContentId, cancellationToken);
        var reports = await db.Set<ContentReport>().AsNoTracking().Where(r => r.CaseId == id)
            .OrderByDescending(r => r.Open).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var history = await db.Set<ModerationLogEntry>().AsNoTracking().Where(e => e.CaseId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var authorId = found.AuthorId ?? item?.AuthorId;
        var badges = await authors.BadgesAsync([.. reports.Where(r => r.ReporterId is not null).Select(r => r.ReporterId!), .. authorId is null ? [] : new[] { authorId }],
            cancellationToken);
        return new CaseView(found, types.Label(found.ContentType), item, AuthorName(authorId, badges),
            [.. reports.Select(r => new ReportView(r.Id, AuthorName(r.ReporterId, badges), r.Reason, r.Note, r.CreatedAt, r.Open))], history);
    }

    /// <summary>The log, newest first; <paramref name="action"/> filters by one of <see cref="ModerationActions"/>.</summary>
    public async Task<(IReadOnlyList<ModerationLogEntry> Entries, int Total)> LogAsync(string? action, int page, CancellationToken cancellationToken)
    {
        var entries = db.Set<ModerationLogEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(action))
            entries = entries.Where(e => e.Action == action);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((Math.Max(1, page) - 1) * LogPageSize).Take(LogPageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    private static string AuthorName(string? accountId, IReadOnlyDictionary<string, AuthorBadge> badges) =>
        accountId is not null && badges.TryGetValue(accountId, out var badge) ? badge.DisplayName : DeletedAccount;
}
