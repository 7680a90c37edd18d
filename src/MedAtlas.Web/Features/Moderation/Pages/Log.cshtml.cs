using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Moderation.Pages;

/// <summary>/moderation/log: every action by moderators and the trust rules, newest first, paged, filterable by action.</summary>
[Authorize(Policy = StaffRoles.Moderator)]
internal sealed class LogModel(ModerationQueues queues) : PageModel
{
    /// <summary>The actions the filter offers: everything the log may hold.</summary>
    public static readonly IReadOnlyList<string> Filters =
    [
        ModerationActions.Hide, ModerationActions.AutoHide, ModerationActions.Restore, ModerationActions.Remove, ModerationActions.Approve,
        ModerationActions.Hold, ModerationActions.Dismiss, ModerationActions.Warn, ModerationActions.Suspend, ModerationActions.Appeal,
        ModerationActions.DeclineAppeal,
    ];

    [FromQuery(Name = "action")]
    public string? Action { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public IReadOnlyList<ModerationLogEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public Pager Pager => new(PageNumber, ModerationQueues.LogPageSize, Total, p =>
        "/moderation/log?" + (Action is null ? "" : "action=" + Uri.EscapeDataString(Action) + "&") + "page=" + p.ToString(CultureInfo.InvariantCulture));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Action is not null && !Filters.Contains(Action))
            Action = null;
        PageNumber = ModerationQueues.PageNumber(PageText);
        (Entries, Total) = await queues.LogAsync(Action, PageNumber, cancellationToken);
    }
}
