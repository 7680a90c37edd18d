using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>"Your account": the profile and the way to every setting. Later features add their sections through <see cref="IAccountSection"/>.</summary>
[Authorize]
internal sealed class IndexModel(UserManager<Account> users, SignInManager<Account> signIn, IEnumerable<IAccountSection> sections, IEnumerable<IEmailList> emailLists, Authors authors) : PageModel
{
    private readonly IReadOnlyList<IEmailList> allLists = [.. emailLists.OrderBy(l => l.Title, StringComparer.Ordinal)];

    public Account Me { get; private set; } = null!;

    public IReadOnlyList<IAccountSection> Sections { get; } = [.. sections.OrderBy(s => s.Order)];

    [BindProperty]
    public string? DisplayName { get; set; }

    public bool Saved { get; private set; }

    /// <summary>The email lists (<see cref="IEmailList"/>) with whether this person is on each.</summary>
    public List<(string Key, string Title, string Description, bool On)> Lists { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        DisplayName = Me.DisplayName;
        await LoadListsAsync(cancellationToken);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    // Reviews (issue 12): what deleting the account does to the person's reviews and posts.

    /// <summary>What to do with the person's public writing when they delete the account: the form's two choices.</summary>
    public const string RemoveWriting = "remove";

    public const string KeepWriting = "keep";

    /// <summary>
    /// Saves the choice (<see cref="Account.AnonymiseContributionsOnDelete"/>). Anything but "keep" is "remove": the
    /// safer reading of a form posted without a choice.
    /// </summary>
    public async Task<IActionResult> OnPostWritingAsync(string? writing, CancellationToken cancellationToken)
    {
        await authors.SetAnonymiseOnDeleteAsync(User.AccountId()!, writing == KeepWriting, cancellationToken);
        return Redirect("/account?saved=1#writing-title");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        if (AccountInput.CheckDisplayName(DisplayName) is { } error)
        {
            ModelState.AddModelError(nameof(DisplayName), error);
            await LoadListsAsync(cancellationToken);
            return Page();
        }

        Me.DisplayName = AccountInput.NormalizeDisplayName(DisplayName);
        await users.UpdateAsync(Me);
        await signIn.RefreshAsync(HttpContext, Me);
        return Redirect("/account?saved=1");
    }

    /// <summary>Saves every list from the one form: a box not sent is a list turned off (how an unticked checkbox posts).</summary>
    public async Task<IActionResult> OnPostListsAsync(string[]? lists, CancellationToken cancellationToken)
    {
        var accountId = User.AccountId()!;
        var chosen = (lists ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var list in allLists)
            await list.SetAsync(accountId, chosen.Contains(list.Key), cancellationToken);
        return Redirect("/account?saved=1#email-title");
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        foreach (var list in allLists)
            Lists.Add((list.Key, list.Title, list.Description, await list.IsOnAsync(Me.Id, cancellationToken)));
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
