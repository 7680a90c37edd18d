using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>
/// Two-factor sign-in with an authenticator app (Identity's authenticator token provider) and recovery codes.
/// Turning it on takes a first code from the app, so a mistyped key never locks anyone out; turning it off takes
/// a current code or the password. Recovery codes are shown once, in the response that makes them.
/// </summary>
[Authorize]
[EnableRateLimiting(AccountRateLimits.SignIn)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class TwoFactorModel(UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    public const string WrongCode = "That code is not right. Check the app shows MedAtlas, and enter the code it shows now.";

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Only in the response that made them: Identity keeps them, but no page shows them again.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string? Done { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool HasPassword { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Done = Request.Query["done"].ToString() switch
        {
            "off" => "Two-factor authentication is off. You sign in with your password or a passkey alone.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var me = await MeAsync();
        if (await users.GetTwoFactorEnabledAsync(me))
            return Redirect("/account/two-factor");
        if (TwoFactorCodes.CheckCode(Code) is { } error)
            return await FailAsync(nameof(Code), error);
        if (!await users.VerifyTwoFactorTokenAsync(me, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Clean(Code)))
            return await FailAsync(nameof(Code), WrongCode);

        await users.SetTwoFactorEnabledAsync(me, true);
        NewRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, TwoFactorCodes.RecoveryCodeCount))!];
        // Turning it on changes the security stamp, which would sign this device out at its next check.
        await signIn.RefreshAsync(HttpContext, me);
        await LoadAsync();
        Done = "Two-factor authentication is on. From now on you sign in with your password and a code from the app.";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var me = await MeAsync();
        if (!await users.GetTwoFactorEnabledAsync(me))
            return Redirect("/account/two-factor");
        NewRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, TwoFactorCodes.RecoveryCodeCount))!];
        await LoadAsync();
        Done = "Here are your new recovery codes. The old ones no longer work.";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var me = await MeAsync();
        if (!await users.GetTwoFactorEnabledAsync(me))
            return Redirect("/account/two-factor");

        var hasCode = !string.IsNullOrWhiteSpace(Code);
        var proven = hasCode
            ? TwoFactorCodes.CheckCode(Code) is null
              && await users.VerifyTwoFactorTokenAsync(me, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Clean(Code))
            : AccountInput.CheckPasswordToVerify(Password) is null && await users.CheckPasswordAsync(me, Password!);
        if (!proven)
        {
            if (await users.IsLockedOutAsync(me))
                return await FailAsync(nameof(Code), "Too many wrong attempts. Wait a few minutes and try again.");
            // Wrong guesses here count towards the lockout, as they do at sign-in.
            await users.AccessFailedAsync(me);
            return hasCode
                ? await FailAsync(nameof(Code), WrongCode)
                : await FailAsync(nameof(Password), string.IsNullOrEmpty(Password)
                    ? "Enter a code from your authenticator app, or your password."
                    : "Your password is not right.");
        }

        await users.SetTwoFactorEnabledAsync(me, false);
        // A new key, so the app's old entry stops giving working codes; recovery codes go with it.
        await users.ResetAuthenticatorKeyAsync(me);
        await users.ReplaceCodesAsync(me);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshAsync(HttpContext, me);
        return Redirect("/account/two-factor?done=off");
    }

    private async Task<Account> MeAsync() => (await users.GetUserAsync(User))!;

    private async Task<PageResult> FailAsync(string field, string message)
    {
        ModelState.AddModelError(field, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = await MeAsync();
        Enabled = await users.GetTwoFactorEnabledAsync(me);
        HasPassword = await users.HasPasswordAsync(me);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(me);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(me);
        if (string.IsNullOrEmpty(key))
        {
            // The first visit makes the key; it does nothing until a code from it turns two-factor on.
            await users.ResetAuthenticatorKeyAsync(me);
            await signIn.RefreshAsync(HttpContext, me);
            key = (await users.GetAuthenticatorKeyAsync(me))!;
        }

        SharedKey = TwoFactorCodes.FormatKey(key);
        AuthenticatorUri = TwoFactorCodes.AuthenticatorUri(me.Email!, key);
    }
}

internal static class RecoveryCodeStore
{
    /// <summary>Drops every recovery code (Identity has no "remove all", so the store's list is set to empty).</summary>
    public static async Task ReplaceCodesAsync(this UserManager<Account> users, Account account)
    {
        if (users is not { SupportsUserTwoFactorRecoveryCodes: true })
            return;
        // Generating zero codes replaces the stored list with an empty one.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
    }
}
