using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>What the trust rules say about a new piece of content: publish it, or hold it with the reason a moderator reads.</summary>
/// <param name="LinksClickable">Whether links in it may be clickable (the author's account is old enough).</param>
internal sealed record Admission(ContentState State, string? HeldReason, bool LinksClickable);

/// <summary>
/// The moderation core's side that content types call while writing: may this person write now, and does new
/// content go out or wait. Everything is added to the caller's DbContext, so it commits with the content.
/// </summary>
/// <remarks>
/// The content types are resolved when needed, not injected: they depend on this class (their stores admit through
/// it), and a constructor dependency back would be a cycle.
/// </remarks>
internal sealed class ContentModeration(MedAtlasDbContext db, Authors authors, IServiceProvider services, ModerationSettings settings, TimeProvider time)
{
    public const string HeldFirst = "First contribution from a new account";
    public const string HeldDuplicate = "The same text was posted elsewhere";

    /// <summary>Null when the account may write and report; else the sentence that says why not (a suspension and its end).</summary>
    public async Task<string?> BlockedAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = await db.Set<AuthorSanction>().AsNoTracking()
            .Where(s => s.AccountId == accountId && s.Kind == SanctionKind.Suspension && s.Until > now)
            .MaxAsync(s => (DateTime?)s.Until, cancellationToken);
        return until is { } end
            ? $"A moderator has suspended your account from writing and reporting until {end:MMMM d, yyyy HH:mm} UTC."
            : null;
    }

    /// <summary>
    /// Decides whether new (or newly edited) content is published or held. <paramref name="duplicateElsewhere"/> is
    /// the content type's finding that the same text is already on another page.
    /// </summary>
    public async Task<Admission> AdmitAsync(string authorId, bool duplicateElsewhere, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var standing = await authors.StandingAsync(authorId, cancellationToken);
        var isNew = standing is null || settings.IsNew(standing.CreatedAt, now);
        if (duplicateElsewhere)
            return new Admission(ContentState.Held, HeldDuplicate, !isNew);
        if (settings.HoldFirstContributions && isNew)
        {
            var published = 0;
            foreach (var type in services.GetServices<IModeratedContent>())
                published += await type.PublishedCountAsync(authorId, cancellationToken);
            if (published == 0)
                return new Admission(ContentState.Held, HeldFirst, false);
        }

        return new Admission(ContentState.Published, null, !isNew);
    }

    /// <summary>Puts held content in the Held queue (and the log). Call after the content is saved with its id, before the commit.</summary>
    public async Task HoldAsync(ModeratedItem item, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.Set<ModerationCase>().FirstOrDefaultAsync(c => c.ContentType == item.Type && c.ContentId == item.Id, cancellationToken);
        if (found is null)
        {
            found = new ModerationCase { ContentType = item.Type, ContentId = item.Id, AuthorId = item.AuthorId, CreatedAt = now };
            db.Add(found);
        }

        found.State = ContentState.Held;
        found.Queue = ModerationQueue.Held;
        found.HeldReason = reason;
        found.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new ModerationLogEntry
        {
            At = now, ModeratorName = ModerationActions.TrustRules, CaseId = found.Id, ContentType = item.Type, ContentId = item.Id,
            AuthorId = item.AuthorId, Action = ModerationActions.Hold, Reason = reason,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The words the moderation log stores for each action.</summary>
internal static class ModerationActions
{
    /// <summary>The log's "moderator" for what the trust rules did on their own.</summary>
    public const string TrustRules = "Trust rules";

    public const string Hold = "hold";
    public const string Approve = "approve";
    public const string AutoHide = "auto-hide";
    public const string Hide = "hide";
    public const string Restore = "restore";
    public const string Remove = "remove";
    public const string Dismiss = "dismiss";
    public const string Warn = "warn";
    public const string Suspend = "suspend";
    public const string Appeal = "appeal";

    /// <summary>A moderator keeps a hide or a removal after reading the author's appeal.</summary>
    public const string DeclineAppeal = "decline appeal";
    public const string Report = "report";
}
