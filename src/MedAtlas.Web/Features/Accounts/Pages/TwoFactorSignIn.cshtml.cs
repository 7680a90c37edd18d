using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// The second step of a password sign-in when two-factor is on: a code from the authenticator app. Identity's
/// half-way cookie says who passed the password; without it this page sends people back to sign in. Wrong codes
/// count towards the same lockout as wrong passwords.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.SignIn)]
internal sealed class TwoFactorSignInModel(SignInManager<Account> signIn) : PageModel
{
    public const string LockedOut = "This account is locked for a few minutes after too many wrong attempts. Try again later.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public string Target => AccountInput.SafeReturnUrl(ReturnUrl);

    public string RecoveryLink => $"/sign-in/recovery-code?returnUrl={Uri.EscapeDataString(Target)}";

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return Redirect("/sign-in");
        if (TwoFactorCodes.CheckCode(Code) is { } error)
        {
            ModelState.AddModelError(nameof(Code), error);
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.Clean(Code), RememberMe, RememberDevice);
        if (result.Succeeded)
            return LocalRedirect(Target);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? LockedOut : Settings.TwoFactorModel.WrongCode);
        return Page();
    }
}
