using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>
/// /alerts/subscribe: recall mail without an account. The POST answers the same "check your email" page for any
/// good address, known or not; a message beside the field otherwise. "More drug fields" posts the form back with
/// three more empty fields, so choosing many drugs works without JavaScript.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SubscriptionsSetup.SubscribeLimit)]
internal sealed class SubscribeModel(PublicSubscriptions subscriptions, PublicLinks links) : PageModel
{
    private const int FieldsAtFirst = 3;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool AllClassI { get; set; }

    [BindProperty]
    public List<string?> Drugs { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    /// <summary>How many drug fields to show: what was typed, then room for more, never past the limit.</summary>
    public int DrugFields { get; private set; } = FieldsAtFirst;

    public async Task<IActionResult> OnPostAsync(bool more, CancellationToken cancellationToken)
    {
        var typed = Drugs.Count(d => !string.IsNullOrWhiteSpace(d));
        if (more)
        {
            DrugFields = Math.Min(PublicSubscriptions.MaxDrugs, Math.Max(Drugs.Count, typed) + FieldsAtFirst);
            return Page();
        }

        var problems = await subscriptions.SubscribeAsync(new SubscriptionChoice(Email, AllClassI, Drugs),
            token => links.To(Request, "/alerts/subscribe/confirm/" + token), cancellationToken);
        if (problems.Count == 0)
            return Redirect("/alerts/subscribe?sent=true");

        foreach (var problem in problems)
            ModelState.AddModelError(problem.Field, problem.Message);
        DrugFields = Math.Min(PublicSubscriptions.MaxDrugs, Math.Max(FieldsAtFirst, Drugs.Count));
        return Page();
    }
}
