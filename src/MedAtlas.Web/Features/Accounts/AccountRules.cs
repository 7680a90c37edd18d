namespace MedAtlas.Web.Features.Accounts;

/// <summary>Limits on what a person types into account forms; the pages and their checks read them from here.</summary>
internal static class AccountRules
{
    /// <summary>RFC 5321 caps a path at 256 characters; Identity's email column is 256.</summary>
    public const int EmailMaxLength = 254;

    public const int DisplayNameMaxLength = 60;

    public const int PasswordMinLength = 12;

    /// <summary>OWASP ASVS 2.1.2: allow at least 64 characters; longer only costs hashing time.</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512, which Identity's V3 hashes use.</summary>
    public const int Pbkdf2Iterations = 210_000;
}
