using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>
/// The link in a caregiver invitation. A visitor is told who shared what and asked to sign in or register; a
/// signed-in person accepts. The token in the address is the secret, so the page is never cached or indexed.
/// </summary>
[AllowAnonymous]
internal sealed class InvitationModel(Caregivers caregivers) : PageModel
{
    public InvitationOffer? Offer { get; private set; }

    public string? Problem { get; private set; }

    public bool SignedIn => User.AccountId() is not null;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Offer = await caregivers.FindAsync(token, cancellationToken);
        if (Offer is null || Offer.Invitation.RevokedAt is not null)
            Problem = "This invitation link is not valid any more. Ask the person who sent it for a new one.";
        else if (Offer.Invitation.AcceptedAt is not null && Offer.Invitation.AcceptedByAccountId != User.AccountId())
            Problem = "This invitation has already been accepted by another account. Ask the person who sent it to invite you again.";
        else if (Offer.Invitation.AcceptedAt is not null)
            return Redirect($"/my/profiles/{Offer.Invitation.ProfileId}");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (User.AccountId() is null)
            return Challenge();
        var (profileId, problem) = await caregivers.AcceptAsync(token, User, Request, cancellationToken);
        if (profileId is { } id)
            return Redirect($"/my/profiles/{id}");
        Offer = await caregivers.FindAsync(token, cancellationToken);
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
