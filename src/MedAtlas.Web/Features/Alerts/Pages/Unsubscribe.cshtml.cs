using MedAtlas.Web.Features.Alerts.Subscriptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>
/// The unsubscribe link of every alert mail, in its footer and its <c>List-Unsubscribe</c> header. GET only asks
/// ("Stop safety-alert emails to j***@example.org?"): mail scanners open links, and a GET that unsubscribed would
/// stop mail nobody asked to stop. POST stops it: the RFC 8058 one-click POST a mail client sends
/// (<c>List-Unsubscribe=One-Click</c>, no cookies, no redirect followed) and the page's own button alike.
/// <para>
/// Anti-forgery is off here on purpose: a one-click POST comes from the mail provider, with no cookie and no form
/// token to send. The signed token in the address is the protection: only the mail's recipient has it, it names
/// one account or subscription on one list, and the worst a forged request can do is stop mail its holder could
/// stop anyway. docs/architecture.md ("Unsubscribe") and EndpointPolicyTests list this exemption.
/// </para>
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(SubscriptionsSetup.LinkLimit)]
internal sealed class UnsubscribeModel(AlertUnsubscribe unsubscribe) : PageModel
{
    public UnsubscribeTarget? Target { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Target = await unsubscribe.FindAsync(token, cancellationToken);
        if (Target is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Target = await unsubscribe.FindAsync(token, cancellationToken);
        if (Target is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Whatever the body says (RFC 8058's "List-Unsubscribe=One-Click", or the page's button): the token decides.
        await unsubscribe.StopAsync(Target, cancellationToken);
        Done = true;
    }
}
