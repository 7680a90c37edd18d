using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// The link <c>admin create</c> prints. Opening it (GET) only shows a button, so a mail scanner or a link preview
/// cannot spend it; the POST signs in once and sends the admin to set a password or passkey.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.SignIn)]
internal sealed class OneTimeSignInModel(UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OneTimeSignIn.CheckAsync(users, Id, Code) is null)
            return Refuse();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await OneTimeSignIn.CheckAsync(users, Id, Code);
        if (account is null)
            return Refuse();

        // A new stamp kills this token (and every other token and cookie of the account) before the sign-in.
        var stamped = await users.UpdateSecurityStampAsync(account);
        if (!stamped.Succeeded)
            return Refuse();
        // The "amr" claim names the method on the sessions page; SignInAsync's authenticationMethod alone does not reach it.
        await signIn.SignInWithClaimsAsync(account, isPersistent: false,
            [new Claim(ClaimTypes.AuthenticationMethod, OneTimeSignIn.Method), new Claim(AccountClaims.Method, OneTimeSignIn.Method)]);
        return Redirect("/account/security");
    }

    private PageResult Refuse()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
