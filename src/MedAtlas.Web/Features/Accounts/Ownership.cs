using System.Security.Claims;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>A row that belongs to one account (a session, a saved medicine, a profile).</summary>
internal interface IOwnedByAccount
{
    string AccountId { get; }
}

/// <summary>
/// The one query shape for personal rows: load through <see cref="OwnedBy{T}"/>, and "not yours" and "does not
/// exist" are the same null, which the page or endpoint answers with 404 (never 403, never the row).
/// </summary>
internal static class Ownership
{
    public static IQueryable<T> OwnedBy<T>(this IQueryable<T> rows, ClaimsPrincipal user)
        where T : class, IOwnedByAccount
    {
        var accountId = user.AccountId();
        // A visitor owns nothing; the comparison with null matches no row on either provider.
        return accountId is null ? rows.Where(_ => false) : rows.Where(r => r.AccountId == accountId);
    }
}
