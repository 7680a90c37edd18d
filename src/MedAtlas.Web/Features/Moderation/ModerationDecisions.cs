using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>A moderator's action as the case page posts it.</summary>
/// <param name="Action">One of <see cref="ModerationDecisions.Actions"/> (a <see cref="ModerationActions"/> word).</param>
/// <param name="SeenVersion">The case's <see cref="ModerationCase.UpdatedAt"/> ticks when the page was shown: a change since means someone else acted.</param>
/// <param name="SeenReportId">The newest report the moderator saw; open reports up to it are answered.</param>
internal sealed record Decision(string Action, string? Reason, int? Days, long SeenVersion, long SeenReportId);

/// <summary>What came of an action: done, or refused with a sentence (and the field it belongs to, if any).</summary>
internal sealed record DecisionResult(bool Done, string? Field, string? Problem)
{
    public static readonly DecisionResult Ok = new(true, null, null);

    public static DecisionResult Refused(string problem, string? field = null) => new(false, field, problem);
}

/// <summary>
/// A moderator's actions on a case. Each is a compare-and-set through <see cref="IModeratedContent.SetStateAsync"/>:
/// when someone else acted first nothing changes. The content's state, the case, the reports it answers, the log
/// entry, a sanction with its mail and its staff-audit line commit in one transaction.
/// </summary>
internal sealed class ModerationDecisions(
    MedAtlasDbContext db, ModeratedContentTypes types, Authors authors, ModerationMails mails, StaffAudit audit, DataStamps stamps, TimeProvider time)
{
    public const int ReasonMaxLength = 500;
    public const string ReasonField = "Reason";
    public const string DaysField = "Days";
    public const string SomeoneElse = "Someone else acted on this first. The page now shows where it stands.";
    public const string OwnContent = "This is your own writing: another moderator will decide on it.";

    public static readonly IReadOnlyList<int> SuspensionDays = [1, 7, 30];

    /// <summary>The actions a moderator may post, each with the states it applies to and where it moves the content.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        ModerationActions.Approve, ModerationActions.Hide, ModerationActions.Restore, ModerationActions.Remove, ModerationActions.Dismiss,
        ModerationActions.DeclineAppeal, ModerationActions.Warn, ModerationActions.Suspend,
    ];

    /// <summary>Whether <paramref name="action"/> applies to a case in this state (what the case page offers).</summary>
    public static bool Applies(string action, ContentState state, ModerationCase found) => action switch
    {
        ModerationActions.Approve => state == ContentState.Held,
        ModerationActions.Hide => state == ContentState.Published,
        ModerationActions.Restore => state is ContentState.Hidden or ContentState.Removed,
        ModerationActions.Remove => state != ContentState.Removed,
        ModerationActions.Dismiss => state == ContentState.Published && found.OpenReports > 0,
        ModerationActions.DeclineAppeal => found.Queue == ModerationQueue.Appealed && state is ContentState.Hidden or ContentState.Removed,
        ModerationActions.Warn or ModerationActions.Suspend => found.AuthorId is not null,
        _ => false,
    };

    /// <summary>Whether the action needs a reason (shown to the author).</summary>
    public static bool NeedsReason(string action) =>
        action is ModerationActions.Remove or ModerationActions.Warn or ModerationActions.Suspend or ModerationActions.DeclineAppeal;

    /// <summary>Null when the case does not exist (404).</summary>
    public async Task<DecisionResult?> ActAsync(long caseId, Decision decision, ClaimsPrincipal moderator, CancellationToken cancellationToken)
    {
        var reason = UserText.Normalize(decision.Reason ?? "");
        if (!Actions.Contains(decision.Action))
            return await db.Set<ModerationCase>().AnyAsync(c => c.Id == caseId, cancellationToken) ? DecisionResult.Refused("Choose one of the actions on this page.") : null;
        if (NeedsReason(decision.Action) && reason.Length == 0)
            return await ExistsOr(caseId, DecisionResult.Refused("Write the reason: the author reads it.", ReasonField), cancellationToken);
        if (reason.Length > ReasonMaxLength)
            return await ExistsOr(caseId, DecisionResult.Refused($"Keep the reason to {ReasonMaxLength} characters; it has {reason.Length}.", ReasonField), cancellationToken);
        if (decision.Action == ModerationActions.Suspend && (decision.Days is not { } d || !SuspensionDays.Contains(d)))
            return await ExistsOr(caseId, DecisionResult.Refused("Choose how long the suspension lasts: 1, 7 or 30 days.", DaysField), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.Set<ModerationCase>().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (found is null)
            return null;
        if (found.UpdatedAt.Ticks != decision.SeenVersion)
            return DecisionResult.Refused(SomeoneElse);
        var moderatorId = moderator.AccountId()!;
        var content = types.Find(found.ContentType);
        var item = content is null ? null : await content.FindAsync(found.ContentId, cancellationToken);
        if (item is null)
            return DecisionResult.Refused("This content no longer exists, so there is nothing to decide.");
        if (item.AuthorId == moderatorId || found.AuthorId == moderatorId)
            return DecisionResult.Refused(OwnContent);
        if (!Applies(decision.Action, item.State, found))
            return DecisionResult.Refused($"That can no longer be done: the content is now {ModerationWords.ShortState(item.State).ToLowerInvariant()}. The page shows where it stands.");

        var to = decision.Action switch
        {
            ModerationActions.Approve or ModerationActions.Restore => ContentState.Published,
            ModerationActions.Hide => ContentState.Hidden,
            ModerationActions.Remove => ContentState.Removed,
            _ => item.State,
        };
        if (to != item.State && !await content!.SetStateAsync(item.Id, item.State, to, cancellationToken))
            return DecisionResult.Refused(SomeoneElse);

        var now = time.GetUtcNow().UtcDateTime;
        var answersReports = decision.Action is not (ModerationActions.Warn or ModerationActions.Suspend);
        if (answersReports)
        {
            await db.Set<ContentReport>().Where(r => r.CaseId == found.Id && r.Open && r.Id <= decision.SeenReportId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Open, false), cancellationToken);
            found.OpenReports = await db.Set<ContentReport>().CountAsync(r => r.CaseId == found.Id && r.Open, cancellationToken);
            found.State = to;
            found.Queue = to == ContentState.Held ? ModerationQueue.Held
                : found.OpenReports > 0 ? ModerationQueue.Reported
                : ModerationQueue.None;
            if (decision.Action is ModerationActions.Hide or ModerationActions.Remove)
                found.DecisionReason = reason.Length == 0 ? null : reason;
            else if (decision.Action is ModerationActions.Approve or ModerationActions.Restore)
                found.DecisionReason = null;
            else if (decision.Action == ModerationActions.DeclineAppeal)
                found.DecisionReason = reason;
        }

        // Every decision moves the version, so a second moderator's page posted after this one is refused.
        found.UpdatedAt = now > found.UpdatedAt.AddMilliseconds(1) ? now : found.UpdatedAt.AddMilliseconds(1);
        db.Add(new ModerationLogEntry
        {
            At = now, ModeratorId = moderatorId, ModeratorName = moderator.DisplayName(), CaseId = found.Id, ContentType = found.ContentType,
            ContentId = found.ContentId, AuthorId = found.AuthorId ?? item.AuthorId, Action = decision.Action, Reason = reason,
        });

        if (decision.Action is ModerationActions.Warn or ModerationActions.Suspend)
        {
            var authorId = found.AuthorId ?? item.AuthorId!;
            var suspension = decision.Action == ModerationActions.Suspend;
            var sanction = new AuthorSanction
            {
                AccountId = authorId, Kind = suspension ? SanctionKind.Suspension : SanctionKind.Warning, Reason = reason, CreatedAt = now,
                Until = suspension ? now.AddDays(decision.Days!.Value) : null, ModeratorId = moderatorId, CaseId = found.Id,
            };
            db.Add(sanction);
            await db.SaveChangesAsync(cancellationToken);
            var author = await authors.StandingAsync(authorId, cancellationToken);
            audit.Add(moderatorId, moderator.DisplayName(), suspension ? "author suspended" : "author warned", authorId, author?.DisplayName ?? ModerationQueues.DeletedAccount,
                (suspension ? $"until {sanction.Until:yyyy-MM-dd HH:mm} UTC: " : "") + reason);
            await mails.SanctionAsync(sanction, item, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Content caches key on data stamps the content type moved inside this transaction: read them afresh now it is committed.
        stamps.Invalidate();
        return DecisionResult.Ok;
    }

    private async Task<DecisionResult?> ExistsOr(long caseId, DecisionResult result, CancellationToken cancellationToken) =>
        await db.Set<ModerationCase>().AnyAsync(c => c.Id == caseId, cancellationToken) ? result : null;
}
