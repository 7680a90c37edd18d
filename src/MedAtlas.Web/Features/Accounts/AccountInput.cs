using System.Globalization;
using System.Text.RegularExpressions;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// What account forms accept, and the message for each way a value can be wrong, in one place for every page.
/// Each check returns null when the value is fine.
/// </summary>
internal static partial class AccountInput
{
    /// <summary>Forms that take a password read values up to this size, so a pasted 10 MB "password" gets a message
    /// beside the field rather than a failed request.</summary>
    public const int LargestFormValue = 16 * 1024 * 1024;

    public const long LargestFormBody = LargestFormValue + (64 * 1024);

    public static string NormalizeEmail(string? email) => (email ?? "").Trim();

    public static string? CheckEmail(string? email)
    {
        var value = NormalizeEmail(email);
        if (value.Length == 0)
            return "Enter your email address.";
        if (value.Length > AccountRules.EmailMaxLength)
            return $"An email address has at most {AccountRules.EmailMaxLength} characters.";
        if (!EmailShape().IsMatch(value) || value.Any(char.IsControl))
            return "Enter an email address like name@example.org.";
        return null;
    }

    /// <summary>Trims, and folds runs of spaces to one, so "  Ann   Lee " is shown as "Ann Lee".</summary>
    public static string NormalizeDisplayName(string? name) => Spaces().Replace((name ?? "").Trim(), " ");

    public static string? CheckDisplayName(string? name)
    {
        if (name is not null && name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            return "A display name cannot contain control or formatting characters.";
        var value = NormalizeDisplayName(name);
        if (value.Length == 0)
            return "Enter a display name: it is shown with what you write, instead of your email.";
        if (value.Length > AccountRules.DisplayNameMaxLength)
            return $"A display name has at most {AccountRules.DisplayNameMaxLength} characters.";
        if (!value.Any(char.IsLetterOrDigit))
            return "A display name needs at least one letter or digit.";
        if (value.Contains('@', StringComparison.Ordinal))
            return "A display name cannot contain @, so that it can never show an email address.";
        return null;
    }

    /// <summary>Length only; the common-password list and "not your email" are checked by Identity's validators.</summary>
    public static string? CheckNewPassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
            return $"Choose a password of at least {AccountRules.PasswordMinLength} characters.";
        if (password.Length < AccountRules.PasswordMinLength)
            return $"Your password needs at least {AccountRules.PasswordMinLength} characters; it has {password.Length}. A few words make a long password that is easy to remember.";
        if (password.Length > AccountRules.PasswordMaxLength)
            return $"A password has at most {AccountRules.PasswordMaxLength} characters.";
        return null;
    }

    /// <summary>A password being checked (sign-in, re-authentication): present and not absurdly long.</summary>
    public static string? CheckPasswordToVerify(string? password)
    {
        if (string.IsNullOrEmpty(password))
            return "Enter your password.";
        if (password.Length > AccountRules.PasswordMaxLength)
            return $"A password has at most {AccountRules.PasswordMaxLength} characters.";
        return null;
    }

    /// <summary>Only a path on this site ("/drugs?x"); anything else ("//evil.example", "/\evil", control characters) becomes "/account".</summary>
    public static string SafeReturnUrl(string? url, string fallback = "/account") =>
        Infrastructure.Web.LocalUrls.IsLocal(url) ? url! : fallback;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
