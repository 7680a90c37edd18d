using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Moderation.Pages;

/// <summary>/moderation: the three queues (reported, held, appealed) as tabs with their counts, oldest first, paged.</summary>
[Authorize(Policy = StaffRoles.Moderator)]
internal sealed class IndexModel(ModerationQueues queues) : PageModel
{
    [FromQuery(Name = "queue")]
    public string? QueueText { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public QueuePage Results { get; private set; } = null!;

    public Pager Pager => new(Results.Page, ModerationQueues.PageSize, Results.Total, p => Link(Results.Queue, p));

    public static string Link(ModerationQueue queue, int page = 1) =>
        "/moderation?queue=" + queue.ToString().ToLowerInvariant() + (page > 1 ? "&page=" + page.ToString(CultureInfo.InvariantCulture) : "");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var queue = ModerationQueues.Queues.FirstOrDefault(q => string.Equals(q.ToString(), QueueText, StringComparison.OrdinalIgnoreCase), ModerationQueue.Reported);
        Results = await queues.ListAsync(queue, ModerationQueues.PageNumber(PageText), cancellationToken);
    }
}
