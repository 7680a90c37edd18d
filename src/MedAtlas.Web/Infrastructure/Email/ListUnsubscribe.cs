using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>
/// Signed unsubscribe tokens for list mail (alerts, later newsletters): what a link in a mail's footer and its
/// <c>List-Unsubscribe</c> header carry, so a bare POST with no cookie can say whom to stop mailing. Signed and
/// encrypted with the app's Data Protection keys (shared by every node through the database), per list; they do
/// not expire, because a mail read a year later must still unsubscribe.
/// </summary>
internal sealed class ListUnsubscribe(IDataProtectionProvider protection)
{
    private IDataProtector For(string list) => protection.CreateProtector("MedAtlas.ListUnsubscribe.v1", list);

    /// <summary>A URL-safe token naming <paramref name="subject"/> (an account id, a subscription id) on <paramref name="list"/>.</summary>
    public string Token(string list, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(list);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return For(list).Protect(subject);
    }

    /// <summary>The subject a token from <see cref="Token"/> names, or null for anything else (tampered, another list, garbage).</summary>
    public string? Read(string list, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
            return null;
        try
        {
            return For(list).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
