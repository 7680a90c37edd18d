using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>Puts the display name into the cookie, so the header shows it without a query per page.</summary>
internal sealed class AccountClaimsFactory(UserManager<Account> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountClaims.DisplayNameClaim, user.DisplayName));
        return identity;
    }

    /// <summary>The stamp check rebuilds the principal every few minutes; the session and sign-in time must survive it.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var type in new[] { AccountClaims.SessionId, AccountClaims.AuthTime, AccountClaims.Method })
            {
                if (current.FindFirst(type) is { } claim && identity.FindFirst(type) is null)
                    identity.AddClaim(new Claim(type, claim.Value));
            }
        }

        return Task.CompletedTask;
    }
}
