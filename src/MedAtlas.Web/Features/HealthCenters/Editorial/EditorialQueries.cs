using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters.Editorial;

/// <summary>A revision in an editorial list.</summary>
internal sealed record RevisionRow(
    int RevisionId, int Number, ContentKind Kind, string CenterName, string Title, RevisionState State, string AuthorName,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishAt, DateOnly? ReviewValidUntil)
{
    public string Path => $"/admin/content/revisions/{RevisionId}";
}

/// <summary>/admin/content's lists, each as the actor may act on it.</summary>
internal sealed record EditorialDashboard(
    IReadOnlyList<RevisionRow> MyDrafts, IReadOnlyList<RevisionRow> WaitingForMyReview, IReadOnlyList<RevisionRow> ReadyToPublish,
    IReadOnlyList<RevisionRow> Scheduled, IReadOnlyList<RevisionRow> Overdue, IReadOnlyList<RevisionRow> Featured,
    IReadOnlyList<CatalogLink> Centers);

/// <summary>One history line: who did what, when, to which revision number.</summary>
internal sealed record HistoryEntry(int RevisionId, int Number, string Action, string ActorName, string? Comment, DateTimeOffset At);

/// <summary>A revision with its item, the item's other revisions and its history, for the revision page.</summary>
internal sealed record RevisionView(
    ContentRevision Revision, ContentKind Kind, int ItemId, string Slug, string CenterSlug, string CenterName, int? PublishedRevisionId,
    bool Featured, IReadOnlyList<RevisionRow> Revisions, IReadOnlyList<HistoryEntry> History)
{
    public string PublicPath => ContentItem.PathOf(Kind, CenterSlug, Slug);
}

/// <summary>The reads of the editorial pages (the changes are <see cref="ContentWorkflow"/>'s).</summary>
internal sealed class EditorialQueries(MedAtlasDbContext db, TimeProvider time)
{
    private const int ListSize = 50;

    public async Task<EditorialDashboard> DashboardAsync(EditorialActor actor, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var myDrafts = await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.Draft && r.AuthorAccountId == actor.AccountId)
            .OrderByDescending(r => r.Id), cancellationToken);
        var review = actor.Roles.Contains(Accounts.StaffRoles.MedicalReviewer)
            ? await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.InReview && r.AuthorAccountId != actor.AccountId)
                .OrderBy(r => r.Id), cancellationToken)
            : [];
        List<RevisionRow> ready = [], scheduled = [], overdue = [], featured = [];
        if (actor.IsEditor)
        {
            ready = await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.Approved && r.PublishAt == null).OrderBy(r => r.Id), cancellationToken);
            // SQLite cannot order by a DateTimeOffset column: the (few) scheduled revisions are ordered here.
            scheduled = [.. (await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.Approved && r.PublishAt != null).OrderBy(r => r.Id), cancellationToken))
                .OrderBy(r => r.PublishAt)];
            overdue = await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.Published && r.Medical && r.ReviewValidUntil < today)
                .OrderBy(r => r.ReviewValidUntil), cancellationToken);
            featured = await Rows(db.Set<ContentRevision>().Where(r => r.State == RevisionState.Published && r.Item.Featured)
                .OrderBy(r => r.Item.Center.Order).ThenBy(r => r.Title), cancellationToken);
        }

        var centers = await db.Set<HealthCenter>().AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new CatalogLink(c.Slug, c.Name)).ToListAsync(cancellationToken);
        return new EditorialDashboard(myDrafts, review, ready, scheduled, overdue, featured, centers);
    }

    public async Task<RevisionView?> RevisionAsync(int id, CancellationToken cancellationToken)
    {
        var revision = await db.Set<ContentRevision>().AsNoTracking().Include(r => r.Slides).Include(r => r.Item).ThenInclude(i => i.Center)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (revision is null)
            return null;
        var item = revision.Item;
        var revisions = await Rows(db.Set<ContentRevision>().Where(r => r.ItemId == item.Id).OrderByDescending(r => r.Number), cancellationToken);
        var numbers = revisions.ToDictionary(r => r.RevisionId, r => r.Number);
        var history = await db.Set<ContentEvent>().AsNoTracking().Where(e => e.ItemId == item.Id)
            .OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return new RevisionView(
            revision, item.Kind, item.Id, item.Slug, item.Center.Slug, item.Center.Name, item.PublishedRevisionId, item.Featured, revisions,
            [.. history.Select(e => new HistoryEntry(e.RevisionId, numbers.GetValueOrDefault(e.RevisionId), e.Action, e.ActorName, e.Comment, e.At))]);
    }

    /// <summary>The item a revision belongs to; null when there is no such revision. A cheap check before an action.</summary>
    public async Task<int?> ItemIdOfAsync(int revisionId, CancellationToken cancellationToken) =>
        await db.Set<ContentRevision>().Where(r => r.Id == revisionId).Select(r => (int?)r.ItemId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Two revisions of the same item (null when either is missing or they belong to different items).</summary>
    public async Task<(ContentRevision Old, ContentRevision New)?> PairAsync(int oldId, int newId, CancellationToken cancellationToken)
    {
        var pair = await db.Set<ContentRevision>().AsNoTracking().Where(r => r.Id == oldId || r.Id == newId).ToListAsync(cancellationToken);
        var old = pair.FirstOrDefault(r => r.Id == oldId);
        var @new = pair.FirstOrDefault(r => r.Id == newId);
        return old is null || @new is null || old.ItemId != @new.ItemId ? null : (old, @new);
    }

    private static async Task<List<RevisionRow>> Rows(IQueryable<ContentRevision> query, CancellationToken cancellationToken) =>
        await query.AsNoTracking().Take(ListSize).Select(r => new RevisionRow(
            r.Id, r.Number, r.Item.Kind, r.Item.Center.Name, r.Title, r.State, r.AuthorName, r.CreatedAt, r.PublishAt, r.ReviewValidUntil))
            .ToListAsync(cancellationToken);
}
