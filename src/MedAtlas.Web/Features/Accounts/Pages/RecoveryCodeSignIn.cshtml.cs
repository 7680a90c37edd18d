using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// The second step with a recovery code instead of the app. Each code works once. Identity does not count wrong
/// recovery codes (they are long and random); this page does, so the lockout covers every way past the password.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.SignIn)]
internal sealed class RecoveryCodeSignInModel(SignInManager<Account> signIn, UserManager<Account> users) : PageModel
{
    public const string WrongCode = "That recovery code is not right, or it was already used. Each code works once.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Target => AccountInput.SafeReturnUrl(ReturnUrl);

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
            return Redirect("/sign-in");
        var code = TwoFactorCodes.CleanRecoveryCode(Code);
        if (code.Length == 0 || code.Length > 100)
        {
            ModelState.AddModelError(nameof(Code), code.Length == 0 ? "Enter one of your recovery codes." : WrongCode);
            return Page();
        }

        if (await users.IsLockedOutAsync(account))
        {
            ModelState.AddModelError(nameof(Code), TwoFactorSignInModel.LockedOut);
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
            return LocalRedirect(Target);

        await users.AccessFailedAsync(account);
        ModelState.AddModelError(nameof(Code), await users.IsLockedOutAsync(account) ? TwoFactorSignInModel.LockedOut : WrongCode);
        return Page();
    }
}
