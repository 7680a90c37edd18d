using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages;

/// <summary>The link in the confirmation mail. A tampered, expired or foreign link changes nothing and says so.</summary>
[AllowAnonymous]
internal sealed class ConfirmEmailModel(UserManager<Account> users) : PageModel
{
    public ConfirmOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? id, string? code)
    {
        var token = Registration.DecodeCode(code);
        var account = string.IsNullOrEmpty(id) || id.Length > 450 || token is null ? null : await users.FindByIdAsync(id);
        if (account is null)
        {
            Outcome = ConfirmOutcome.Invalid;
        }
        else if (account.EmailConfirmed)
        {
            Outcome = ConfirmOutcome.AlreadyConfirmed;
        }
        else
        {
            var result = await users.ConfirmEmailAsync(account, token!);
            Outcome = result.Succeeded ? ConfirmOutcome.Confirmed : ConfirmOutcome.Invalid;
        }

        if (Outcome == ConfirmOutcome.Invalid)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}

internal enum ConfirmOutcome
{
    Invalid,
    Confirmed,
    AlreadyConfirmed,
}
