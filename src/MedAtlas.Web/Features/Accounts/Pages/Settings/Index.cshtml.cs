using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>"Your account": the profile and the way to every setting. Later features add their sections through <see cref="IAccountSection"/>.</summary>
[Authorize]
internal sealed class IndexModel(UserManager<Account> users, SignInManager<Account> signIn, IEnumerable<IAccountSection> sections) : PageModel
{
    public Account Me { get; private set; } = null!;

    public IReadOnlyList<IAccountSection> Sections { get; } = [.. sections.OrderBy(s => s.Order)];

    [BindProperty]
    public string? DisplayName { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        DisplayName = Me.DisplayName;
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        if (AccountInput.CheckDisplayName(DisplayName) is { } error)
        {
            ModelState.AddModelError(nameof(DisplayName), error);
            return Page();
        }

        Me.DisplayName = AccountInput.NormalizeDisplayName(DisplayName);
        await users.UpdateAsync(Me);
        await signIn.RefreshAsync(HttpContext, Me);
        return Redirect("/account?saved=1");
    }
}

/// <summary>A block on /account that another feature owns (email lists, My Medicine): a heading, a line, a link.</summary>
internal interface IAccountSection
{
    int Order { get; }

    string Title { get; }

    string Summary { get; }

    string Path { get; }
}
