using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// Sign-in with a password (passkeys enhance the same page). Wrong email and wrong password get one message,
/// and an unknown email costs the same hash as a known one, so the page never says which emails exist.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.SignIn)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class SignInModel(
    SignInManager<Account> signIn, UserManager<Account> users, SignInTiming timing, AccountMails mails,
    Registration registration, PublicLinks links, MedAtlasDbContext db) : PageModel
{
    public const string WrongCredentials = "The email address or the password is not right. Check both and try again, or choose a new password.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Prove it's you" before a sensitive change: the person is signed in but must sign in again.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reauth { get; set; }

    public string Target => AccountInput.SafeReturnUrl(ReturnUrl);

    public IActionResult OnGet()
    {
        if (User.AccountId() is not null && !Reauth)
            return LocalRedirect(Target);
        if (Reauth && User.AccountId() is not null)
            Input.Email = users.GetUserName(User);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AccountInput.CheckEmail(Input.Email) is { } emailError)
            ModelState.AddModelError("Input.Email", emailError);
        if (AccountInput.CheckPasswordToVerify(Input.Password) is { } passwordError)
            ModelState.AddModelError("Input.Password", passwordError);
        if (!ModelState.IsValid)
            return Page();

        var password = Input.Password!;
        var account = await users.FindByEmailAsync(AccountInput.NormalizeEmail(Input.Email));
        if (account is null)
        {
            timing.VerifyAgainstNobody(password);
            return Wrong();
        }

        var result = await signIn.PasswordSignInAsync(account, password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Target);
        if (result.RequiresTwoFactor)
            return Redirect($"/sign-in/two-factor?returnUrl={Uri.EscapeDataString(Target)}&rememberMe={Input.RememberMe}");
        if (result.IsLockedOut)
        {
            // Identity answers a locked account before hashing; pay the hash anyway, so a lockout cannot be timed.
            timing.VerifyAgainstNobody(password);
            // Told by mail, not on the page: the page must read the same for an email with no account.
            if (account.LockoutEnd is { } until)
            {
                await mails.LockedOutAsync(account, until, links.To(Request, "/forgot-password"), cancellationToken);
                await SaveIgnoringDuplicateAsync(cancellationToken);
            }

            return Wrong();
        }

        if (result.IsNotAllowed && !account.EmailConfirmed && await users.CheckPasswordAsync(account, password))
        {
            // Only someone who knows the password learns that the email is waiting for confirmation.
            await registration.QueueConfirmationAsync(account, Request, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            ModelState.AddModelError("", "Confirm your email address first. We have just sent you a new link; open it, then sign in.");
            return Page();
        }

        return Wrong();
    }

    /// <summary>The first half of a passkey sign-in: a challenge for any passkey of this site (the browser offers them).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>The second half: the signed challenge comes back in a normal form post, so a failure is a normal page.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        if (!Passkeys.LooksLikeCredential(PasskeyCredential))
        {
            ModelState.AddModelError("", Passkeys.DidNotWork);
            return Page();
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        try
        {
            result = await signIn.PasskeySignInAsync(PasskeyCredential!);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way (the challenge cookie expired or was replayed).
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }

        if (result.Succeeded)
            return LocalRedirect(Target);
        ModelState.AddModelError("", result switch
        {
            { IsLockedOut: true } => "This account is locked for a few minutes after too many wrong attempts. Try again later.",
            { IsNotAllowed: true } => "Confirm your email address first: open the link we sent you, then sign in.",
            _ => Passkeys.DidNotWork,
        });
        return Page();
    }

    [BindProperty]
    public string? PasskeyCredential { get; set; }

    private PageResult Wrong()
    {
        ModelState.AddModelError("Input.Password", WrongCredentials);
        return Page();
    }

    private async Task SaveIgnoringDuplicateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // The lockout mail for this lockout was already queued by an earlier attempt.
            db.ChangeTracker.Clear();
        }
    }
}

internal sealed class SignInInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool RememberMe { get; set; }
}
