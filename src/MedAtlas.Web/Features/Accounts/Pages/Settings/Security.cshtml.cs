using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>Change the password (or set one, for an account made with a passkey). Every other device is signed out.</summary>
[Authorize]
[EnableRateLimiting(AccountRateLimits.SignIn)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class SecurityModel(
    UserManager<Account> users, SignInManager<Account> signIn, AccountSessions sessions, AccountMails mails,
    Infrastructure.Data.MedAtlasDbContext db) : PageModel
{
    public bool HasPassword { get; private set; }

    public bool Changed { get; private set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public async Task OnGetAsync()
    {
        var me = (await users.GetUserAsync(User))!;
        HasPassword = await users.HasPasswordAsync(me);
        Changed = Request.Query.ContainsKey("changed");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        HasPassword = await users.HasPasswordAsync(me);
        if (HasPassword && AccountInput.CheckPasswordToVerify(CurrentPassword) is { } currentError)
            ModelState.AddModelError(nameof(CurrentPassword), currentError);
        if (AccountInput.CheckNewPassword(NewPassword) is { } newError)
            ModelState.AddModelError(nameof(NewPassword), newError);
        if (!ModelState.IsValid)
            return Page();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = HasPassword
            ? await users.ChangePasswordAsync(me, CurrentPassword!, NewPassword!)
            : await users.AddPasswordAsync(me, NewPassword!);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    e.Code == "PasswordMismatch" ? "Your current password is not right." : e.Description);
            return Page();
        }

        await mails.PasswordChangedAsync(me, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(me.Id, User.SessionIdOf(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The new security stamp would sign this device out at its next check; re-issue its cookie.
        await signIn.RefreshAsync(HttpContext, me);
        return Redirect("/account/security?changed=1");
    }
}
