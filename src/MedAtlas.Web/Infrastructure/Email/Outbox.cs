using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>
/// A mail to queue. <paramref name="Key"/> names the effect ("confirm-email:{account}:{stamp}"): queuing the
/// same key twice sends one mail. <paramref name="Kind"/> is what Admins see instead of the contents.
/// <paramref name="UnsubscribeUrl"/> (absolute https, with a signed token) makes the mail a list mail: it is sent
/// with RFC 8058 one-click headers (<c>List-Unsubscribe</c>, <c>List-Unsubscribe-Post</c>); the body must show the
/// same link.
/// </summary>
internal sealed record OutboxMail(string Key, string Kind, string To, string ToName, string? AccountId, MailContent Content, string? UnsubscribeUrl = null);

/// <summary>
/// Queues mail as data: the row joins the caller's unit of work, so the mail exists if and only if the change
/// that causes it is committed. The <c>outbox</c> job sends it.
/// </summary>
internal sealed class Outbox(JobTriggers triggers, TimeProvider time)
{
    /// <summary>
    /// Adds the mail to <paramref name="db"/>'s pending changes; the caller's <c>SaveChanges</c> commits it.
    /// Returns false (and adds nothing) when a mail with the same key is already queued or sent. The unique
    /// index on the key stops a concurrent duplicate at SaveChanges.
    /// </summary>
    public async Task<bool> AddAsync(MedAtlasDbContext db, OutboxMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.To);
        if (mail.Key.Length > 200)
            throw new ArgumentException("An outbox key is at most 200 characters.", nameof(mail));

        var messages = db.Set<OutboxMessage>();
        if (messages.Local.Any(m => m.Key == mail.Key) || await messages.AnyAsync(m => m.Key == mail.Key, cancellationToken))
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        messages.Add(new OutboxMessage
        {
            Key = mail.Key,
            Kind = mail.Kind,
            To = mail.To,
            ToName = mail.ToName,
            AccountId = mail.AccountId,
            Subject = mail.Content.Subject,
            TextBody = mail.Content.Text,
            HtmlBody = mail.Content.Html,
            UnsubscribeUrl = mail.UnsubscribeUrl,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        WakeSenderAfterSave(db);
        return true;
    }

    private void WakeSenderAfterSave(DbContext db)
    {
        // Waking before the row is saved would find nothing; the sender's poll would still send it, seconds
        // later. Inside an explicit transaction SavedChanges comes before the commit, and the poll covers that too.
        void Saved(object? sender, SavedChangesEventArgs e)
        {
            Detach();
            triggers.Wake(OutboxSender.JobName);
        }

        void Failed(object? sender, SaveChangesFailedEventArgs e) => Detach();

        void Detach()
        {
            db.SavedChanges -= Saved;
            db.SaveChangesFailed -= Failed;
        }

        db.SavedChanges += Saved;
        db.SaveChangesFailed += Failed;
    }
}
