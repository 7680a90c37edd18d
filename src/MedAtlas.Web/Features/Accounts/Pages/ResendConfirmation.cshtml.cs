using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.ConfirmResend)]
internal sealed class ResendConfirmationModel(UserManager<Account> users, Registration registration, MedAtlasDbContext db) : PageModel
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

        // The same answer whether or not the address has an account waiting (no enumeration).
        var account = await users.FindByEmailAsync(AccountInput.NormalizeEmail(Email));
        if (account is { EmailConfirmed: false })
        {
            await registration.QueueConfirmationAsync(account, Request, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect("/check-email?for=resend");
    }
}
