using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.Register)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class RegisterModel(Registration registration) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IActionResult OnGet() => User.AccountId() is not null ? Redirect("/account") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(Input.Email, Input.DisplayName, Input.Password ?? "", Request, cancellationToken);
        if (!result.Accepted)
        {
            foreach (var (field, message) in result.Errors)
                ModelState.AddModelError($"Input.{field}", message);
            return Page();
        }

        return Redirect("/check-email?for=register");
    }
}

internal sealed class RegisterInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }
}
