using System.Globalization;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>
/// What /alerts is narrowed to. <see cref="Classification"/> and <see cref="Status"/> are the stored words
/// ("Class II", "Terminated"); notices have neither, so either one leaves only recalls. <see cref="Source"/> is
/// <see cref="AlertCatalog.EnforcementSource"/> (every recall) or a feed's name (its notices).
/// </summary>
internal sealed record AlertFilter(
    string? Classification = null, string? Status = null, string? Source = null, DateOnly? From = null, DateOnly? To = null,
    string? DrugSlug = null, bool UnmatchedOnly = false)
{
    public bool WantsRecalls => Source is null || Source == AlertCatalog.EnforcementSource;

    public bool WantsNotices => Classification is null && Status is null && Source != AlertCatalog.EnforcementSource;
}

/// <summary>That a record concerns a catalogue drug, with the drug's name for the link.</summary>
internal sealed record AlertDrugMatch(string Slug, string Name, RecallMatchKind How, string Confidence)
{
    /// <summary>How sure the match is, in words a reader can act on.</summary>
    public string HowSure => (How, Confidence) switch
    {
        (RecallMatchKind.Manual, _) => "linked by an editor",
        (RecallMatchKind.Ndc, RecallMatch.High) => "by NDC from openFDA: a sure match",
        (RecallMatchKind.Ndc, _) => "by an NDC in FDA's text: a likely match",
        _ => "by name only, a weak match: check the lot on your bottle",
    };

    public bool IsWeak => How == RecallMatchKind.Name;
}

/// <summary>One line of /alerts: a recall or a notice, in FDA's words (shortened; the full text is on its page).</summary>
internal sealed record AlertRow(
    AlertKind Kind, int Id, string Path, DateOnly? Date, string Title, string? Classification, string? Status, string SourceName,
    string? Firm, string Reason, IReadOnlyList<AlertDrugMatch> Matches);

internal sealed record AlertPage(IReadOnlyList<AlertRow> Rows, int Recalls, int Notices, int Page, int PageSize)
{
    public int Total => Recalls + Notices;
}

/// <summary>A recall as its own page shows it: everything FDA said, its history and its matches.</summary>
internal sealed record RecallView(
    Recall Recall, IReadOnlyList<string> Ndcs, IReadOnlyList<string> Lots, IReadOnlyList<RecallStatusChange> History, IReadOnlyList<AlertDrugMatch> Matches);

internal sealed record NoticeView(SafetyNotice Notice, IReadOnlyList<AlertDrugMatch> Matches);

/// <summary>How many recalls were matched which way, as /admin/alerts shows them.</summary>
internal sealed record MatchCounts(int RecallsByNdc, int RecallsByNameOnly, int RecallsByHandOnly, int RecallsUnmatched, int NoticesMatched, int NoticesUnmatched);

internal sealed record AlertRunView(string Source, DateTime StartedAt, DateTime FinishedAt, AlertRunOutcome Outcome, string Mode, int Requests, int Retries,
    int Added, int Updated, int Unchanged, int Rejected, string? Error);

/// <summary>A record an editor linked to a drug by hand, with the link that can be removed.</summary>
internal sealed record ManualLink(AlertKind Kind, int Id, string Path, string Title, DateOnly? Date, string DrugSlug, string DrugName);

/// <summary>
/// The read side of the FDA alerts: /alerts (recalls and notices together, newest first, filtered and paged in the
/// database), a recall's and a notice's page, the lines on a drug's page, and the editors' overview. Recalls are
/// dated by report_date, notices by their publication day; the two lists are one UNION ALL of (kind, id, date)
/// keys ordered and paged by the database, so page N is the same whatever the mix, and only that page's rows are
/// loaded in full.
/// </summary>
internal sealed class AlertCatalog(MedAtlasDbContext db, DrugCatalog drugs) : IDrugAlerts
{
    public const int PageSize = 25;

    /// <summary>The source filter's value for recalls (openFDA's enforcement reports, from the bulk file or the API).</summary>
    public const string EnforcementSource = "openfda";

    public const string FdaRecallsPage = "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts";

    public const string MedWatchPage = "https://www.fda.gov/safety/medwatch-fda-safety-information-and-adverse-event-reporting-program";

    /// <summary>The class filter: form value, stored words, and FDA's definition.</summary>
    public static readonly IReadOnlyList<(string Value, string Stored, string Meaning)> Classes =
    [
        ("I", "Class I", "a dangerous or defective product that could cause serious health problems or death"),
        ("II", "Class II", "a product that might cause a temporary health problem, or pose a slight threat of a serious nature"),
        ("III", "Class III", "a product that is unlikely to cause any adverse health reaction, but that violates FDA labeling or manufacturing laws"),
        ("unclassified", "Not Yet Classified", "FDA has not yet classified how serious the problem is"),
    ];

    public static readonly IReadOnlyList<string> Statuses = ["Ongoing", "Completed", "Terminated"];

    public static readonly IReadOnlyList<(string Value, string Label)> Sources =
    [
        (EnforcementSource, "openFDA enforcement reports (recalls)"),
        (SafetyNotice.RecallsFeed, "FDA recalls feed (press releases)"),
        (SafetyNotice.MedWatchFeed, "MedWatch safety alerts"),
    ];

    /// <summary>What a notice is, by its feed.</summary>
    public static string NoticeKind(string source) => source switch
    {
        SafetyNotice.RecallsFeed => "FDA recall announcement",
        SafetyNotice.MedWatchFeed => "FDA safety alert",
        _ => "FDA notice",
    };

    public static string ClassMeaning(string classification) =>
        Classes.FirstOrDefault(c => string.Equals(c.Stored, classification, StringComparison.OrdinalIgnoreCase)).Meaning
        ?? "FDA's classification of how serious the problem is";

    public static string RecallPath(string recallNumber) => "/alerts/" + Uri.EscapeDataString(recallNumber);

    public static string NoticePath(int id) => "/alerts/notices/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>openFDA's API answer for this one recall: the record as FDA publishes it.</summary>
    public static string OpenFdaQuery(string recallNumber) =>
        "https://api.fda.gov/drug/enforcement.json?search=recall_number:%22" + Uri.EscapeDataString(recallNumber) + "%22";

    public static string Shorten(string text, int max) => TextExcerpt.Of(text, max);

    public async Task<AlertPage> ListAsync(AlertFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var recalls = Recalls(filter);
        var notices = Notices(filter);
        var recallCount = recalls is null ? 0 : await recalls.CountAsync(cancellationToken);
        var noticeCount = notices is null ? 0 : await notices.CountAsync(cancellationToken);
        var pages = Math.Max(1, (recallCount + noticeCount + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        if (recallCount + noticeCount == 0)
            return new AlertPage([], 0, 0, page, pageSize);

        var recallKeys = recalls?.Select(r => new AlertKey { Kind = 0, Id = r.Id, Date = r.ReportDate });
        var noticeKeys = notices?.Select(n => new AlertKey { Kind = 1, Id = n.Id, Date = (DateOnly?)DateOnly.FromDateTime(n.PublishedAt) });
        var keys = recallKeys is not null && noticeKeys is not null ? recallKeys.Concat(noticeKeys) : recallKeys ?? noticeKeys!;
        // Undated records last on both providers (PostgreSQL sorts NULL first when descending, SQLite last).
        var pageKeys = await keys
            .OrderBy(k => k.Date == null).ThenByDescending(k => k.Date).ThenBy(k => k.Kind).ThenByDescending(k => k.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        var rows = await RowsAsync(pageKeys, cancellationToken);
        return new AlertPage(rows, recallCount, noticeCount, page, pageSize);
    }

    public async Task<DrugAlertList> ForDrugAsync(string slug, int newest, CancellationToken cancellationToken)
    {
        var found = await ListAsync(new AlertFilter(DrugSlug: slug), 1, newest, cancellationToken);
        if (found.Total == 0)
            return DrugAlertList.None;
        var lines = found.Rows.Select(r => new DrugAlertLine(
            r.Date, r.Kind == AlertKind.Recall ? "Recall" : r.SourceName, Shorten(r.Title, 140), r.Path, r.Classification, r.Status,
            r.Matches.FirstOrDefault(m => m.Slug == slug)?.HowSure ?? "")).ToList();
        return new DrugAlertList(lines, found.Total, "/alerts?drug=" + Uri.EscapeDataString(slug));
    }

    /// <summary>The recall with this number (any case), or null.</summary>
    public async Task<RecallView?> RecallAsync(string? recallNumber, CancellationToken cancellationToken)
    {
        var number = (recallNumber ?? "").Trim().ToUpperInvariant();
        if (number.Length is 0 or > 40)
            return null;
        var recall = await db.Set<Recall>().AsNoTracking().AsSplitQuery()
            .Include(r => r.ProductCodes).Include(r => r.Lots).Include(r => r.Matches).Include(r => r.StatusChanges)
            .FirstOrDefaultAsync(r => r.RecallNumber == number, cancellationToken);
        if (recall is null)
            return null;
        var matches = await NamedAsync(recall.Matches.Select(m => (m.DrugSlug, m.How, m.Confidence)), cancellationToken);
        return new RecallView(
            recall,
            [.. recall.ProductCodes.Select(c => Ndc(c.Code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. recall.Lots.Select(l => l.Lot).Order(StringComparer.Ordinal)],
            [.. recall.StatusChanges.OrderBy(s => s.ChangedAt).ThenBy(s => s.Id)],
            matches);
    }

    public async Task<NoticeView?> NoticeAsync(int id, CancellationToken cancellationToken)
    {
        var notice = await db.Set<SafetyNotice>().AsNoTracking().Include(n => n.Matches).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        return notice is null ? null : new NoticeView(notice, await NamedAsync(notice.Matches.Select(m => (m.DrugSlug, m.How, m.Confidence)), cancellationToken));
    }

    /// <summary>"D-0206-2024" for a recall, the title for a notice; null when there is no such record.</summary>
    public async Task<string?> RecordNameAsync(AlertKind kind, int id, CancellationToken cancellationToken) =>
        kind == AlertKind.Recall
            ? await db.Set<Recall>().Where(r => r.Id == id).Select(r => r.RecallNumber).FirstOrDefaultAsync(cancellationToken)
            : await db.Set<SafetyNotice>().Where(n => n.Id == id).Select(n => n.Title).FirstOrDefaultAsync(cancellationToken) is { } title ? "“" + Shorten(title, 80) + "”" : null;

    public async Task<string?> DrugNameAsync(string slug, CancellationToken cancellationToken) =>
        (await drugs.NamesAsync([slug], cancellationToken)).GetValueOrDefault(slug);

    public async Task<MatchCounts> MatchCountsAsync(CancellationToken cancellationToken)
    {
        var recalls = db.Set<Recall>();
        var byNdc = await recalls.CountAsync(r => r.Matches.Any(m => m.How == RecallMatchKind.Ndc), cancellationToken);
        var byName = await recalls.CountAsync(
            r => r.Matches.Any(m => m.How == RecallMatchKind.Name) && !r.Matches.Any(m => m.How == RecallMatchKind.Ndc), cancellationToken);
        var byHand = await recalls.CountAsync(
            r => r.Matches.Any() && r.Matches.All(m => m.How == RecallMatchKind.Manual), cancellationToken);
        var unmatched = await recalls.CountAsync(r => !r.Matches.Any(), cancellationToken);
        var noticesMatched = await db.Set<SafetyNotice>().CountAsync(n => n.Matches.Any(), cancellationToken);
        var noticesUnmatched = await db.Set<SafetyNotice>().CountAsync(n => !n.Matches.Any(), cancellationToken);
        return new MatchCounts(byNdc, byName, byHand, unmatched, noticesMatched, noticesUnmatched);
    }

    public Task<List<AlertSource>> SourcesAsync(CancellationToken cancellationToken) =>
        db.Set<AlertSource>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<List<AlertRunView>> RecentRunsAsync(int count, CancellationToken cancellationToken) =>
        db.Set<AlertSourceRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(count)
            .Select(r => new AlertRunView(r.Source, r.StartedAt, r.FinishedAt, r.Outcome, r.Mode, r.Requests, r.Retries, r.Added, r.Updated, r.Unchanged, r.Rejected, r.Error))
            .ToListAsync(cancellationToken);

    /// <summary>The records editors linked by hand, newest first (at most <paramref name="count"/>).</summary>
    public async Task<IReadOnlyList<ManualLink>> ManualLinksAsync(int count, CancellationToken cancellationToken)
    {
        var recalls = await db.Set<RecallMatch>().AsNoTracking().Where(m => m.How == RecallMatchKind.Manual)
            .Join(db.Set<Recall>(), m => m.RecallId, r => r.Id, (m, r) => new { r.Id, r.RecallNumber, r.ProductDescription, r.ReportDate, m.DrugSlug, MatchId = m.Id })
            .OrderByDescending(x => x.MatchId).Take(count)
            .ToListAsync(cancellationToken);
        var notices = await db.Set<SafetyNoticeMatch>().AsNoTracking().Where(m => m.How == RecallMatchKind.Manual)
            .Join(db.Set<SafetyNotice>(), m => m.NoticeId, n => n.Id, (m, n) => new { n.Id, n.Title, n.PublishedAt, m.DrugSlug, MatchId = m.Id })
            .OrderByDescending(x => x.MatchId).Take(count)
            .ToListAsync(cancellationToken);
        var names = await drugs.NamesAsync(recalls.Select(r => r.DrugSlug).Concat(notices.Select(n => n.DrugSlug)), cancellationToken);
        return [.. recalls.Select(r => new ManualLink(AlertKind.Recall, r.Id, RecallPath(r.RecallNumber), $"{r.RecallNumber}: {Shorten(r.ProductDescription, 120)}", r.ReportDate, r.DrugSlug, names.GetValueOrDefault(r.DrugSlug, r.DrugSlug)))
            .Concat(notices.Select(n => new ManualLink(AlertKind.Notice, n.Id, NoticePath(n.Id), Shorten(n.Title, 120), DateOnly.FromDateTime(n.PublishedAt), n.DrugSlug, names.GetValueOrDefault(n.DrugSlug, n.DrugSlug))))
            .OrderByDescending(l => l.Date).Take(count)];
    }

    private IQueryable<Recall>? Recalls(AlertFilter filter)
    {
        if (!filter.WantsRecalls)
            return null;
        var recalls = db.Set<Recall>().AsNoTracking();
        if (filter.Classification is { } classification)
            recalls = recalls.Where(r => r.Classification == classification);
        if (filter.Status is { } status)
            recalls = recalls.Where(r => r.Status == status);
        if (filter.From is { } from)
            recalls = recalls.Where(r => r.ReportDate >= from);
        if (filter.To is { } to)
            recalls = recalls.Where(r => r.ReportDate <= to);
        if (filter.DrugSlug is { } slug)
            recalls = recalls.Where(r => r.Matches.Any(m => m.DrugSlug == slug));
        if (filter.UnmatchedOnly)
            recalls = recalls.Where(r => !r.Matches.Any());
        return recalls;
    }

    private IQueryable<SafetyNotice>? Notices(AlertFilter filter)
    {
        if (!filter.WantsNotices)
            return null;
        var notices = db.Set<SafetyNotice>().AsNoTracking();
        if (filter.Source is { } source)
            notices = notices.Where(n => n.Source == source);
        // Whole days in UTC, as the date column shows them.
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            notices = notices.Where(n => n.PublishedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            notices = notices.Where(n => n.PublishedAt < end);
        }

        if (filter.DrugSlug is { } slug)
            notices = notices.Where(n => n.Matches.Any(m => m.DrugSlug == slug));
        if (filter.UnmatchedOnly)
            notices = notices.Where(n => !n.Matches.Any());
        return notices;
    }

    private async Task<List<AlertRow>> RowsAsync(List<AlertKey> keys, CancellationToken cancellationToken)
    {
        var recallIds = keys.Where(k => k.Kind == 0).Select(k => k.Id).ToList();
        var noticeIds = keys.Where(k => k.Kind == 1).Select(k => k.Id).ToList();
        var recalls = recallIds.Count == 0 ? [] : await db.Set<Recall>().AsNoTracking().AsSplitQuery().Include(r => r.Matches)
            .Where(r => recallIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var notices = noticeIds.Count == 0 ? [] : await db.Set<SafetyNotice>().AsNoTracking().AsSplitQuery().Include(n => n.Matches)
            .Where(n => noticeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var names = await drugs.NamesAsync(
            recalls.Values.SelectMany(r => r.Matches.Select(m => m.DrugSlug)).Concat(notices.Values.SelectMany(n => n.Matches.Select(m => m.DrugSlug))), cancellationToken);

        var rows = new List<AlertRow>(keys.Count);
        foreach (var key in keys)
        {
            if (key.Kind == 0 && recalls.TryGetValue(key.Id, out var r))
            {
                rows.Add(new AlertRow(AlertKind.Recall, r.Id, RecallPath(r.RecallNumber), r.ReportDate, Shorten(r.ProductDescription, 200),
                    r.Classification, r.Status, "openFDA enforcement report", r.RecallingFirm, Shorten(r.ReasonForRecall, 200),
                    Named(r.Matches.Select(m => (m.DrugSlug, m.How, m.Confidence)), names)));
            }
            else if (key.Kind == 1 && notices.TryGetValue(key.Id, out var n))
            {
                rows.Add(new AlertRow(AlertKind.Notice, n.Id, NoticePath(n.Id), DateOnly.FromDateTime(n.PublishedAt), n.Title, null, null,
                    NoticeKind(n.Source), null, Shorten(n.Summary, 200), Named(n.Matches.Select(m => (m.DrugSlug, m.How, m.Confidence)), names)));
            }
        }

        return rows;
    }

    private async Task<IReadOnlyList<AlertDrugMatch>> NamedAsync(IEnumerable<(string Slug, RecallMatchKind How, string Confidence)> matches, CancellationToken cancellationToken)
    {
        var list = matches.ToList();
        return Named(list, await drugs.NamesAsync(list.Select(m => m.Slug), cancellationToken));
    }

    // The surest matches first, so a weak one never hides a sure one.
    private static List<AlertDrugMatch> Named(IEnumerable<(string Slug, RecallMatchKind How, string Confidence)> matches, IReadOnlyDictionary<string, string> names) =>
        [.. matches
            .Select(m => new AlertDrugMatch(m.Slug, names.GetValueOrDefault(m.Slug, m.Slug), m.How, m.Confidence))
            .OrderBy(m => m.Confidence switch { RecallMatch.High => 0, RecallMatch.Medium => 1, _ => 2 })
            .ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>An 11-digit package NDC as 5-4-2, a 9-digit product code as 5-4 (how FDA's pages write them).</summary>
    private static string Ndc(string code) => code.Length switch
    {
        11 => $"{code[..5]}-{code[5..9]}-{code[9..]}",
        9 => $"{code[..5]}-{code[5..]}",
        _ => code,
    };

    /// <summary>One record of either kind in the merged list: what the database orders and pages.</summary>
    private sealed class AlertKey
    {
        public int Kind { get; init; }

        public int Id { get; init; }

        public DateOnly? Date { get; init; }
    }
}
