using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Alerts.Notifications.Pages;

/// <summary>/my/alerts: the FDA alerts that matched the person's family's medicines, newest first, unread marked.</summary>
[Authorize]
internal sealed class InboxModel(AlertInbox inbox) : PageModel
{
    public List<InboxItem> Items { get; private set; } = [];

    public int Unread { get; private set; }

    public bool EmailOn { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await inbox.ListAsync(User, cancellationToken);
        Unread = Items.Count(i => i.Unread);
        EmailOn = await inbox.EmailIsOnAsync(User.AccountId()!, cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not { } value || !await inbox.MarkReadAsync(User, value, cancellationToken))
            return NotFound();
        return Redirect($"/my/alerts#alert-{value}");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(User, cancellationToken);
        return Redirect("/my/alerts");
    }
}
