using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>Sign-in steps the account pages share.</summary>
internal static class AccountSignIn
{
    public const string RefreshItem = "medatlas:refresh-sign-in";

    /// <summary>How recently a person must have proved who they are to delete their account or change security settings.</summary>
    public static readonly TimeSpan RecentEnough = TimeSpan.FromMinutes(10);

    /// <summary>Re-issues the cookie after a change to the account (display name, roles), keeping this device's session and sign-in time.</summary>
    public static async Task RefreshAsync(this SignInManager<Account> signIn, HttpContext context, Account account)
    {
        context.Items[RefreshItem] = true;
        await signIn.RefreshSignInAsync(account);
    }

    public static bool SignedInRecently(this System.Security.Claims.ClaimsPrincipal user, TimeProvider time) =>
        user.AuthenticatedAt() is { } at && time.GetUtcNow() - at < RecentEnough;

    /// <summary>Where "prove it's you" sends a person who has not signed in recently.</summary>
    public static string ReauthenticateUrl(string returnUrl) => $"/sign-in?reauth=true&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
