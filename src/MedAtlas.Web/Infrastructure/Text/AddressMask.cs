using System.Text.RegularExpressions;

namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>
/// Keeps email addresses out of what Admins and logs see: error texts from mail servers often quote the
/// recipient ("550 5.1.1 &lt;jane@example.org&gt;: no such user").
/// </summary>
internal static partial class AddressMask
{
    /// <summary><c>jane@example.org</c> becomes <c>j***@example.org</c>.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
            return "***";
        return $"{address[0]}***{address[at..]}";
    }

    /// <summary>Every address inside <paramref name="text"/> masked, the result cut to <paramref name="maxLength"/>.</summary>
    public static string Redact(string text, int maxLength = 1000)
    {
        var redacted = Address().Replace(text, m => Mask(m.Value));
        return redacted.Length <= maxLength ? redacted : redacted[..maxLength];
    }

    [GeneratedRegex(@"[^\s<>()\[\]""',;:@]+@[A-Za-z0-9.-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
