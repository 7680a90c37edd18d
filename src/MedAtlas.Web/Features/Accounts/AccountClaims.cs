using System.Security.Claims;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>What the sign-in cookie says about the person: their account id, this session, when they proved who they are.</summary>
internal static class AccountClaims
{
    /// <summary>The <see cref="AccountSession"/> this cookie belongs to.</summary>
    public const string SessionId = "medatlas:sid";

    /// <summary>When the person last typed a password, used a passkey or a one-time link (Unix seconds); gates deleting the account.</summary>
    public const string AuthTime = "auth_time";

    /// <summary>How they signed in (Identity's "amr" claim: pwd, mfa, passkey...).</summary>
    public const string Method = "amr";

    /// <summary>The signed-in account's id, or null for a visitor.</summary>
    public static string? AccountId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? SessionIdOf(this ClaimsPrincipal user) => user.FindFirstValue(SessionId);

    public static DateTimeOffset? AuthenticatedAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AuthTime), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim) ?? "Your account";

    public const string DisplayNameClaim = "medatlas:name";
}
