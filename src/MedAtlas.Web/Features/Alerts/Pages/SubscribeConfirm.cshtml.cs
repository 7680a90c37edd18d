using MedAtlas.Web.Features.Alerts.Subscriptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>
/// The link in the confirmation mail. GET shows what would start and a button; only the POST confirms, so a mail
/// scanner that opens the link confirms nothing. A wrong, expired or replaced link changes nothing and says so.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SubscriptionsSetup.LinkLimit)]
internal sealed class SubscribeConfirmModel(PublicSubscriptions subscriptions) : PageModel
{
    public PendingSubscription? Subscription { get; private set; }

    public bool JustConfirmed { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Subscription = await subscriptions.FindAsync(token, cancellationToken);
        if (Subscription is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var before = await subscriptions.FindAsync(token, cancellationToken);
        Subscription = before is null ? null : await subscriptions.ConfirmAsync(token, cancellationToken);
        if (Subscription is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        JustConfirmed = before is { Confirmed: false } && Subscription is { Confirmed: true };
    }
}
