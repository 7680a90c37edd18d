using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>
/// "Delete my account": only after the person proved who they are in the last few minutes, and typed DELETE.
/// Everything goes in one transaction (<see cref="PersonalData.DeleteAccountAsync"/>); then this device is signed out.
/// </summary>
[Authorize]
internal sealed class DeleteModel(PersonalData data, SignInManager<Account> signIn, TimeProvider time, Authors authors) : PageModel
{
    public const string Word = "DELETE";

    [BindProperty]
    public string? Confirm { get; set; }

    public bool Deleted { get; private set; }

    /// <summary>Reviews (issue 12): the person chose to keep their reviews and posts as "Former member" (else they are removed).</summary>
    public bool KeepWriting { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.SignedInRecently(time))
            return Redirect(AccountSignIn.ReauthenticateUrl("/account/delete"));
        KeepWriting = (await authors.StandingAsync(User.AccountId()!, cancellationToken))?.AnonymiseOnDelete ?? false;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.SignedInRecently(time))
            return Redirect(AccountSignIn.ReauthenticateUrl("/account/delete"));
        if (!string.Equals((Confirm ?? "").Trim(), Word, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Confirm), $"Type {Word} to confirm, or go back to keep your account.");
            KeepWriting = (await authors.StandingAsync(User.AccountId()!, cancellationToken))?.AnonymiseOnDelete ?? false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await data.DeleteAccountAsync(User.AccountId()!, cancellationToken);
        await signIn.SignOutAsync();
        // This response is the first one of a visitor: the layout must not show the deleted account's menu.
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Deleted = true;
        return Page();
    }
}
