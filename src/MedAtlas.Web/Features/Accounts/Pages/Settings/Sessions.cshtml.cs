using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>Where the account is signed in, with "sign out" per device and everywhere. Another account's session id is a 404.</summary>
[Authorize]
internal sealed class SessionsModel(AccountSessions sessions, UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    public IReadOnlyList<AccountSession> Sessions { get; private set; } = [];

    public string? CurrentId => User.SessionIdOf();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sessions = await sessions.ListAsync(User, cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || !await sessions.EndAsync(User, id, cancellationToken))
            return NotFound();
        if (id == CurrentId)
        {
            await signIn.SignOutAsync();
            return Redirect("/sign-in?done=signed-out");
        }

        return Redirect("/account/sessions");
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(User.AccountId()!, CurrentId, cancellationToken);
        return Redirect("/account/sessions");
    }

    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        await sessions.EndAllAsync(me.Id, keepSessionId: null, cancellationToken);
        // A new stamp also retires cookies issued before sessions existed for them (and any copy of this one).
        await users.UpdateSecurityStampAsync(me);
        await signIn.SignOutAsync();
        return Redirect("/sign-in?done=everywhere");
    }
}
