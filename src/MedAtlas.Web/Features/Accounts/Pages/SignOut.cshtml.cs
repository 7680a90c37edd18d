using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>Signing out is a POST (a link or an image on another site must not sign anyone out); GET shows the button.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<Account> signIn) : PageModel
{
    public IActionResult OnGet() => User.AccountId() is null ? Redirect("/sign-in?done=signed-out") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/sign-in?done=signed-out");
    }
}
