// TEMPORARY: replaced by the email-jobs branch at merge.
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.Email;

internal sealed record MailContent(string Subject, string Text, string Html);

internal sealed record OutboxMail(string Key, string Kind, string To, string ToName, string? AccountId, MailContent Content);

internal sealed class Outbox(TimeProvider time)
{
    public void Add(MedAtlasDbContext db, OutboxMail mail)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            Key = mail.Key, Kind = mail.Kind, To = mail.To, ToName = mail.ToName, AccountId = mail.AccountId,
            Subject = mail.Content.Subject, TextBody = mail.Content.Text, HtmlBody = mail.Content.Html,
            CreatedAt = now, NextAttemptAt = now,
        });
    }
}
