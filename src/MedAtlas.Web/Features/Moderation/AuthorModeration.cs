using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// What a content type shows the author on their own content that is not published: the state in words, the
/// reason, and whether (and where) they may appeal. From <see cref="AuthorModeration.ForAuthorAsync"/>.
/// </summary>
internal sealed record AuthorView(ContentState State, string StateText, string? Reason, bool CanAppeal, string AppealPath);

/// <summary>One of the author's cases on /account/moderation.</summary>
internal sealed record AuthorCase(long CaseId, string Label, string Title, string? Path, AuthorView View, DateTime At, string? AppealText, DateTime? AppealedAt);

/// <summary>The outcome of an appeal: done, or refused with a sentence for the form.</summary>
internal sealed record AppealResult(bool Done, string? Problem);

/// <summary>
/// The author's side of moderation: the state of their content that is held, hidden or removed, with the reason,
/// their warnings and suspensions, and one appeal per case.
/// </summary>
internal sealed class AuthorModeration(MedAtlasDbContext db, ModeratedContentTypes types, TimeProvider time)
{
    public const string PagePath = "/account/moderation";
    public const int AppealMinLength = 20;
    public const int AppealMaxLength = 2000;
    public const string AlreadyAppealed = "You have already appealed this decision. Each decision can be appealed once; a moderator reads every appeal.";

    /// <summary>
    /// For the content's own page: how <paramref name="authorId"/>'s item stands when it is not published; null when
    /// it is published (or not theirs, or moderation never saw it).
    /// </summary>
    public async Task<AuthorView?> ForAuthorAsync(string type, long id, string authorId, CancellationToken cancellationToken)
    {
        var found = await db.Set<ModerationCase>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ContentType == type && c.ContentId == id && c.AuthorId == authorId && c.State != ContentState.Published, cancellationToken);
        return found is null ? null : View(found);
    }

    /// <summary>The person's cases whose content is held, hidden or removed, newest change first.</summary>
    public async Task<IReadOnlyList<AuthorCase>> CasesAsync(string accountId, CancellationToken cancellationToken)
    {
        var cases = await db.Set<ModerationCase>().AsNoTracking()
            .Where(c => c.AuthorId == accountId && c.State != ContentState.Published)
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
        var rows = new List<AuthorCase>(cases.Count);
        foreach (var c in cases)
        {
            var item = await types.ItemAsync(c.ContentType, c.ContentId, cancellationToken);
            rows.Add(new AuthorCase(c.Id, types.Label(c.ContentType), item?.Title ?? "Something you wrote that no longer exists", item?.Path, View(c), c.UpdatedAt, c.AppealText, c.AppealedAt));
        }

        return rows;
    }

    /// <summary>The person's warnings and suspensions, newest first.</summary>
    public async Task<IReadOnlyList<AuthorSanction>> SanctionsAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<AuthorSanction>().AsNoTracking().Where(s => s.AccountId == accountId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(100).ToListAsync(cancellationToken);

    /// <summary>Appeals the person's case; null when the case is not theirs or does not exist (404).</summary>
    public async Task<AppealResult?> AppealAsync(string accountId, long caseId, string? text, CancellationToken cancellationToken)
    {
        var found = await db.Set<ModerationCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId && c.AuthorId == accountId, cancellationToken);
        if (found is null)
            return null;
        if (found.AppealedAt is not null)
            return new AppealResult(false, AlreadyAppealed);
        if (found.State is not (ContentState.Hidden or ContentState.Removed))
            return new AppealResult(false, "There is nothing to appeal: only hidden or removed writing can be appealed.");
        var appeal = UserText.Normalize(text ?? "");
        if (appeal.Length < AppealMinLength)
            return new AppealResult(false, $"Tell the moderators why in at least {AppealMinLength} characters.");
        if (appeal.Length > AppealMaxLength)
            return new AppealResult(false, $"Keep the appeal to {AppealMaxLength:N0} characters; it has {appeal.Length:N0}.");

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A compare-and-set on "never appealed": two appeals sent at once make one.
        var changed = await db.Set<ModerationCase>().Where(c => c.Id == caseId && c.AppealedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AppealText, appeal).SetProperty(c => c.AppealedAt, now)
                .SetProperty(c => c.Queue, ModerationQueue.Appealed).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (changed == 0)
            return new AppealResult(false, AlreadyAppealed);
        db.Add(new ModerationLogEntry
        {
            At = now, ModeratorName = "The author", CaseId = found.Id, ContentType = found.ContentType, ContentId = found.ContentId,
            AuthorId = accountId, Action = ModerationActions.Appeal,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AppealResult(true, null);
    }

    private static AuthorView View(ModerationCase c)
    {
        var reason = c.State switch
        {
            ContentState.Held => c.HeldReason,
            ContentState.Hidden => c.DecisionReason ?? (c.OpenReports > 0 ? "Several people reported it." : null),
            _ => c.DecisionReason,
        };
        var canAppeal = c.State is ContentState.Hidden or ContentState.Removed && c.AppealedAt is null;
        return new AuthorView(c.State, ModerationWords.State(c.State), reason, canAppeal, $"{PagePath}#case-{c.Id}");
    }
}
