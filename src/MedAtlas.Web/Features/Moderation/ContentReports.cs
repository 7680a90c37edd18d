using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>What the report page shows: the item, and why this person may not report it (null: they may).</summary>
/// <param name="AlreadyReported">This person has a report on it already: the form says so instead of accepting another.</param>
internal sealed record ReportCheck(IModeratedContent Type, ModeratedItem Item, string? Refusal, bool AlreadyReported);

/// <summary>The outcome of a report: recorded (and where to send the reporter back), or refused with a sentence.</summary>
internal sealed record ReportResult(bool Recorded, string? Refusal, bool AlreadyReported, string? BackTo);

/// <summary>
/// Reporting content: one report per account per case, never one's own, only published content, never while
/// suspended. When <see cref="ModerationSettings.ReportsToHide"/> different accounts have open reports, the content is
/// hidden pending review. The case, the report, the hide and its log entry commit in one transaction.
/// </summary>
internal sealed class ContentReports(MedAtlasDbContext db, ModeratedContentTypes types, ContentModeration moderation, Authors authors,
    ModerationSettings settings, DataStamps stamps, TimeProvider time)
{
    public const int NoteMaxLength = 500;
    public const string AlreadyReportedMessage = "You already reported this. Thank you: a moderator will look at it.";
    public const string NotPublishedMessage = "This is already hidden while a moderator looks at it, so there is no need to report it.";
    public const string OwnContentMessage = "This is your own writing, so you cannot report it. You can change it from its page.";
    public const string ConfirmEmailMessage = "Please confirm your email address before reporting: we sent you a link when you signed up.";

    /// <summary>The query string key the content's page reads to say "Thanks, a moderator will look at it".</summary>
    public const string ThanksQuery = "reported";

    /// <summary>Null when the type or the item does not exist (404).</summary>
    public async Task<ReportCheck?> CheckAsync(string type, long id, string accountId, CancellationToken cancellationToken)
    {
        if (types.Find(type) is not { } content || await content.FindAsync(id, cancellationToken) is not { } item)
            return null;
        return new ReportCheck(content, item, await RefusalAsync(item, accountId, cancellationToken), await HasReportedAsync(item, accountId, cancellationToken));
    }

    /// <summary>Records the report; null when the type or the item does not exist (404).</summary>
    public async Task<ReportResult?> ReportAsync(string type, long id, string accountId, ReportReason reason, string? note, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryReportAsync(type, id, accountId, reason, note, cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request made the case (or this person's report) at the same moment: the unique indexes
                // stopped the second; the next attempt sees the row and answers "already reported" or joins the case.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ReportResult?> TryReportAsync(string type, long id, string accountId, ReportReason reason, string? note, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (types.Find(type) is not { } content || await content.FindAsync(id, cancellationToken) is not { } item)
            return null;
        if (await RefusalAsync(item, accountId, cancellationToken) is { } refusal)
            return new ReportResult(false, refusal, false, null);
        if (await HasReportedAsync(item, accountId, cancellationToken))
            return new ReportResult(false, AlreadyReportedMessage, true, null);

        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.Set<ModerationCase>().FirstOrDefaultAsync(c => c.ContentType == item.Type && c.ContentId == item.Id, cancellationToken);
        if (found is null)
        {
            found = new ModerationCase { ContentType = item.Type, ContentId = item.Id, AuthorId = item.AuthorId, CreatedAt = now, UpdatedAt = now };
            db.Add(found);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.Add(new ContentReport
        {
            CaseId = found.Id, ReporterId = accountId, Reason = reason, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);

        found.State = item.State;
        found.OpenReports = await db.Set<ContentReport>().CountAsync(r => r.CaseId == found.Id && r.Open, cancellationToken);
        if (found.Queue is ModerationQueue.None)
        {
            found.Queue = ModerationQueue.Reported;
            found.UpdatedAt = now;
        }

        if (found.OpenReports >= settings.ReportsToHide && await content.SetStateAsync(item.Id, ContentState.Published, ContentState.Hidden, cancellationToken))
        {
            found.State = ContentState.Hidden;
            found.Queue = ModerationQueue.Reported;
            found.DecisionReason = null;
            db.Add(new ModerationLogEntry
            {
                At = now, ModeratorName = ModerationActions.TrustRules, CaseId = found.Id, ContentType = item.Type, ContentId = item.Id,
                AuthorId = item.AuthorId, Action = ModerationActions.AutoHide,
                Reason = $"Reported by {found.OpenReports} different accounts; hidden until a moderator looks at it.",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Content caches key on data stamps the content type moved inside this transaction: read them afresh now it is committed.
        stamps.Invalidate();
        return new ReportResult(true, null, false, ThanksPath(item.Path));
    }

    /// <summary>The content's path with <see cref="ThanksQuery"/> added before its anchor.</summary>
    public static string ThanksPath(string path)
    {
        var hash = path.IndexOf('#', StringComparison.Ordinal);
        var (page, anchor) = hash < 0 ? (path, "") : (path[..hash], path[hash..]);
        return page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ThanksQuery + "=1" + anchor;
    }

    private async Task<string?> RefusalAsync(ModeratedItem item, string accountId, CancellationToken cancellationToken)
    {
        if (item.AuthorId == accountId)
            return OwnContentMessage;
        if (item.State != ContentState.Published)
            return NotPublishedMessage;
        if (await moderation.BlockedAsync(accountId, cancellationToken) is { } blocked)
            return blocked;
        if (await authors.StandingAsync(accountId, cancellationToken) is not { EmailConfirmed: true })
            return ConfirmEmailMessage;
        return null;
    }

    private Task<bool> HasReportedAsync(ModeratedItem item, string accountId, CancellationToken cancellationToken) =>
        (from r in db.Set<ContentReport>()
         join c in db.Set<ModerationCase>() on r.CaseId equals c.Id
         where c.ContentType == item.Type && c.ContentId == item.Id && r.ReporterId == accountId
         select r.Id).AnyAsync(cancellationToken);
}
