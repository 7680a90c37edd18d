using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>Turns an outbox row into the MIME message that is sent.</summary>
internal static class MailMessages
{
    public static MimeMessage Build(OutboxMessage row, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(row.ToName, row.To));
        message.Subject = row.Subject;
        message.MessageId = MessageIdFor(row.Key, from.Domain);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
        if (row.UnsubscribeUrl is { Length: > 0 } unsubscribe)
        {
            // RFC 2369 + RFC 8058: mail clients show an "Unsubscribe" button that POSTs
            // "List-Unsubscribe=One-Click" to the address, without cookies and without following a redirect.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // Text and HTML together make multipart/alternative: clients show the richest part they can.
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// Derived from the outbox key only, so a row sent again after a crash carries the same Message-ID and
    /// receivers can drop the copy. Hashed, because the key names an account.
    /// </summary>
    public static string MessageIdFor(string key, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return $"{Convert.ToHexStringLower(hash, 0, 16)}@{domain}";
    }
}
