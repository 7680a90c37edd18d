using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>The sign-in cookie's life: a session row per sign-in, checked on each request, removed at sign-out.</summary>
internal static class AccountCookieEvents
{
    public static Task RedirectToSignIn(RedirectContext<CookieAuthenticationOptions> context)
    {
        // Scripts get a status, not an HTML sign-in page.
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A page a signed-in person may not see answers as if it did not exist (PRODUCT.md: 404, not 403).</summary>
    public static Task AccessDeniedIsNotFound(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public static async Task StartSessionAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } accountId)
            return;

        // A refresh (after a profile change) signs in again as the same person on the same device: keep its
        // session and the time they last proved who they are.
        var current = context.HttpContext.User;
        var sessionId = current.AccountId() == accountId ? current.SessionIdOf() : null;
        // Only a refresh keeps the old sign-in time; any real proof (a password typed again) renews it.
        var authTime = sessionId is not null && context.HttpContext.Items.ContainsKey(AccountSignIn.RefreshItem)
            ? current.FindFirstValue(AccountClaims.AuthTime)
            : null;
        var method = identity.FindFirst(AccountClaims.Method)?.Value ?? "password";
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        var cancel = context.HttpContext.RequestAborted;
        if (sessionId is null || !await sessions.IsActiveAsync(sessionId, cancel))
        {
            sessionId = await sessions.StartAsync(accountId, context.Request.Headers.UserAgent, method, cancel);
            authTime = null;
        }

        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        identity.AddClaim(new Claim(AccountClaims.SessionId, sessionId));
        identity.AddClaim(new Claim(AccountClaims.AuthTime, authTime ?? time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static async Task EndSessionAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.SessionIdOf() is { } sessionId)
            await context.HttpContext.RequestServices.GetRequiredService<AccountSessions>().EndCurrentAsync(sessionId, context.HttpContext.RequestAborted);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // Identity's own check first: a changed security stamp (password reset, "sign out everywhere") rejects the cookie.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
            return;

        var sessionId = context.Principal.SessionIdOf();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        if (sessionId is null || !await sessions.IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
