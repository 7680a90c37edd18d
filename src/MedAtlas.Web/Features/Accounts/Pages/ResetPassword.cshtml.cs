using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// The link in the reset mail. A reset signs out every device (the new security stamp and the ended sessions),
/// and confirms the email, since opening the link proved the person reads it. A used, expired or tampered link
/// changes nothing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.Reset)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class ResetPasswordModel(UserManager<Account> users, AccountSessions sessions, AccountMails mails, Infrastructure.Data.MedAtlasDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool LinkWorks { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync()
    {
        var (account, token) = await ReadLinkAsync();
        LinkWorks = account is not null && await users.VerifyUserTokenAsync(account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<Account>.ResetPasswordTokenPurpose, token!);
        if (!LinkWorks)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (account, token) = await ReadLinkAsync();
        if (account is null)
        {
            LinkWorks = false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (AccountInput.CheckNewPassword(Password) is { } error)
        {
            ModelState.AddModelError(nameof(Password), error);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ResetPasswordAsync(account, token!, Password!);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                LinkWorks = false;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            foreach (var e in result.Errors)
                ModelState.AddModelError(nameof(Password), e.Description);
            return Page();
        }

        if (!account.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }

        // A reset usually follows a lockout; the new password should work at once.
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await mails.PasswordChangedAsync(account, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(account.Id, keepSessionId: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/sign-in?done=reset");
    }

    private async Task<(Account? Account, string? Token)> ReadLinkAsync()
    {
        var token = Registration.DecodeCode(Code);
        if (string.IsNullOrEmpty(Id) || Id.Length > 450 || token is null)
            return (null, null);
        return (await users.FindByIdAsync(Id), token);
    }
}
