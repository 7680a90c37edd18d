using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>
/// The header's link to /my/alerts with the unread count, for signed-in people only: one COUNT on the
/// (account, read) index per page view, nothing for visitors. Its accessible name (aria-label) reads "Alerts, 2 unread".
/// Public because MVC finds only public view components; the inbox it reads stays internal to the feature.
/// </summary>
[ViewComponent(Name = "AlertsBadge")]
public sealed class AlertsBadgeViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.AccountId() is not { } accountId)
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        var inbox = HttpContext.RequestServices.GetRequiredService<AlertInbox>();
        var unread = await inbox.UnreadCountAsync(accountId, HttpContext.RequestAborted);
        var current = HttpContext.Request.Path.StartsWithSegments("/my/alerts", StringComparison.OrdinalIgnoreCase) ? " aria-current=\"page\"" : "";
        // The name is given whole: hidden spans beside the count make Chromium read "Alerts , 2 unread".
        var count = unread.ToString(CultureInfo.InvariantCulture);
        var html = unread == 0
            ? $"<a class=\"alerts-link\" href=\"/my/alerts\"{current} aria-label=\"Alerts, none unread\">Alerts</a>"
            : $"<a class=\"alerts-link\" href=\"/my/alerts\"{current} aria-label=\"Alerts, {count} unread\">Alerts <span class=\"alerts-count\">{count}</span></a>";
        return new HtmlContentViewComponentResult(new HtmlString(html));
    }
}
