using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>
/// "Forgot your password?". Every address gets the same page and one queued mail: a reset link when it has an
/// account, a "there is no account with this address" note when not, so neither the answer nor its timing tells.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.Reset)]
internal sealed class ForgotPasswordModel(UserManager<Account> users, AccountMails mails, PublicLinks links, MedAtlasDbContext db) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AccountInput.CheckEmail(Email) is { } error)
        {
            ModelState.AddModelError(nameof(Email), error);
            return Page();
        }

        var email = AccountInput.NormalizeEmail(Email);
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            await mails.ResetWithoutAccountAsync(email, links.To(Request, "/register"), cancellationToken);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            await mails.ResetPasswordAsync(account, links.To(Request, ResetLink(account.Id, token)), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // "No account" notes go out once an hour per address; this one was already queued.
        }

        return Redirect("/check-email?for=reset");
    }

    public static string ResetLink(string accountId, string token) =>
        $"/reset-password?id={Uri.EscapeDataString(accountId)}&code={WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";
}
