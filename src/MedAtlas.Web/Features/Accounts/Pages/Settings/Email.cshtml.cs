using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>
/// Change the email: a link goes to the new address, and nothing changes until it is opened. An address that
/// belongs to another account gets a note instead, and this page reads the same either way.
/// </summary>
[Authorize]
[EnableRateLimiting(AccountRateLimits.ConfirmResend)]
internal sealed class EmailModel(UserManager<Account> users, AccountMails mails, PublicLinks links, Infrastructure.Data.MedAtlasDbContext db) : PageModel
{
    public string CurrentEmail { get; private set; } = "";

    [BindProperty]
    public string? NewEmail { get; set; }

    public async Task OnGetAsync() => CurrentEmail = (await users.GetUserAsync(User))!.Email!;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        CurrentEmail = me.Email!;
        var email = AccountInput.NormalizeEmail(NewEmail);
        if (AccountInput.CheckEmail(NewEmail) is { } error)
            ModelState.AddModelError(nameof(NewEmail), error);
        else if (string.Equals(email, me.Email, StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError(nameof(NewEmail), "That is already your email address.");
        if (!ModelState.IsValid)
            return Page();

        if (await users.FindByEmailAsync(email) is not null)
        {
            await mails.NewEmailTakenAsync(email, links.To(Request, "/sign-in"), cancellationToken);
        }
        else
        {
            var token = await users.GenerateChangeEmailTokenAsync(me, email);
            await mails.ConfirmNewEmailAsync(me, email, links.To(Request, ConfirmLink(me.Id, email, token)), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // The note to a taken address goes once an hour.
        }

        return Redirect("/check-email?for=change");
    }

    public static string ConfirmLink(string accountId, string email, string token) =>
        $"/account/confirm-email-change?id={Uri.EscapeDataString(accountId)}&email={Uri.EscapeDataString(email)}&code={WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";
}
