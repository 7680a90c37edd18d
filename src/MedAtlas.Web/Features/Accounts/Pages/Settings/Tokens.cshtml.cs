using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>
/// Personal access tokens for the personal API: list, create (shown once), revoke. Only the person's own tokens are
/// ever loaded, so another account's token id is a 404. Creating one is a new way into the account's data, so it
/// asks for a recent sign-in, as adding a passkey does.
/// </summary>
[Authorize]
internal sealed class TokensModel(PersonalAccessTokens tokens, TimeProvider time) : PageModel
{
    public bool SignedInRecently => User.SignedInRecently(time);

    public IReadOnlyList<PersonalAccessToken> List { get; private set; } = [];

    /// <summary>The token just made: on this one response only.</summary>
    public NewAccessToken? Created { get; private set; }

    public string? Done { get; private set; }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Text, not a number: "forever" must be refused with a message, not leave the default in place.</summary>
    [BindProperty]
    public string? Days { get; set; } = PersonalAccessTokens.DefaultDays.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = await tokens.ListAsync(User, cancellationToken);
        Done = Request.Query["done"] == "revoked" ? "The token is revoked. Scripts using it can no longer reach your data." : null;
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!SignedInRecently)
            return Redirect(AccountSignIn.ReauthenticateUrl("/account/tokens"));
        int? days = int.TryParse(Days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        var (created, field, problem) = await tokens.CreateAsync(User, Name, days, cancellationToken);
        if (problem is not null)
            ModelState.AddModelError(field!, problem);
        else
            Created = created;
        List = await tokens.ListAsync(User, cancellationToken);
        if (created is not null)
            Name = null;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(User, id, cancellationToken) ? Redirect("/account/tokens?done=revoked") : NotFound();
}
