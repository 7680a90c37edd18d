using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using MedAtlas.Web.Features.HealthCenters.Media;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// The health centers' share of "download my data" and "delete my account", for staff: the revisions a person wrote or
/// medically reviewed, what they did in the editorial history, and the images they uploaded. Erasing keeps the content and
/// the fact of its review (its date and validity stay, so the gate and the overdue list still hold) without the person:
/// bylines become "a former MedAtlas writer" / "a former MedAtlas medical reviewer", the history and the media library
/// say "deleted account".
/// </summary>
internal sealed class HealthPersonalData(MedAtlasDbContext db) : IPersonalDataSource
{
    public const string FormerWriter = "a former MedAtlas writer";
    public const string FormerReviewer = "a former MedAtlas medical reviewer";
    public const string DeletedAccount = "deleted account";

    public string Name => "healthContent";

    public IReadOnlyList<Type> Entities { get; } = [typeof(ContentRevision), typeof(ContentEvent), typeof(MediaAsset)];

    /// <summary>A byline that stands for someone who deleted their account: shown as the team's, never as a person.</summary>
    public static bool IsFormer(string? name) => name is FormerWriter or FormerReviewer;

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var revisions = await db.Set<ContentRevision>().AsNoTracking()
            .Where(r => r.AuthorAccountId == accountId || r.ReviewerAccountId == accountId)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                Kind = r.Item.Kind.ToString(), Center = r.Item.Center.Slug, r.Item.Slug, Revision = r.Number, r.Title, State = r.State.ToString(),
                YouWroteIt = r.AuthorAccountId == accountId, YouReviewedIt = r.ReviewerAccountId == accountId,
                r.AuthorName, r.ReviewerName, r.ReviewerCredentials, r.WrittenOn, r.ReviewedOn, r.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        var history = await db.Set<ContentEvent>().AsNoTracking().Where(e => e.ActorAccountId == accountId).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.Comment, e.At, e.Revision!.Title, Revision = e.Revision.Number })
            .ToListAsync(cancellationToken);
        var media = await db.Set<MediaAsset>().AsNoTracking().Where(a => a.UploaderAccountId == accountId).OrderBy(a => a.Id)
            .Select(a => new { a.FileName, a.Alt, a.UploadedAt, Address = MediaLibrary.PathOf(a.Key, a.Width) })
            .ToListAsync(cancellationToken);
        if (revisions.Count == 0 && history.Count == 0 && media.Count == 0)
            return null;
        return new { Revisions = revisions, EditorialHistory = history, UploadedImages = media };
    }

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        var revisions = db.Set<ContentRevision>();
        var bylines = await revisions.Where(r => r.AuthorAccountId == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AuthorAccountId, (string?)null)
            .SetProperty(r => r.AuthorName, FormerWriter), cancellationToken);
        bylines += await revisions.Where(r => r.ReviewerAccountId == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ReviewerAccountId, (string?)null)
            .SetProperty(r => r.ReviewerName, FormerReviewer)
            .SetProperty(r => r.ReviewerCredentials, (string?)null), cancellationToken);
        await db.Set<ContentEvent>().Where(e => e.ActorAccountId == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ActorAccountId, (string?)null)
            .SetProperty(e => e.ActorName, DeletedAccount), cancellationToken);
        await db.Set<MediaAsset>().Where(a => a.UploaderAccountId == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.UploaderAccountId, (string?)null)
            .SetProperty(a => a.UploaderName, DeletedAccount), cancellationToken);
        if (bylines > 0)
        {
            // Published pages show bylines: every node drops its copies of the health content.
            await DataStamps.BumpAsync(db, ContentWorkflow.Stamp, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
