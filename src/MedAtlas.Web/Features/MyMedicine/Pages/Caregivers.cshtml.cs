using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>Who can see a profile (owner only): invite, revoke, and the log of what caregivers looked at and changed.</summary>
[Authorize]
internal sealed class CaregiversModel(ProfileAccess access, Caregivers caregivers) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public CaregiverAccess Access { get; set; }

    public ProfileGrant Grant { get; private set; } = null!;

    public List<CaregiverView> People { get; private set; } = [];

    public List<InvitationView> Pending { get; private set; } = [];

    public List<ProfileAccessEntry> Log { get; private set; } = [];

    public string? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? sent, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Owner, cancellationToken) is not { } grant)
            return NotFound();
        Grant = grant;
        Sent = sent is { Length: <= 256 } ? sent : null;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Owner, cancellationToken) is not { } grant)
            return NotFound();
        Grant = grant;
        var problems = await caregivers.InviteAsync(grant, Email, Access, User, Request, cancellationToken);
        foreach (var p in problems)
            ModelState.AddModelError(nameof(Email), p.Message);
        return problems.Count == 0
            ? Redirect($"/my/profiles/{profileId}/caregivers?sent={Uri.EscapeDataString(Email!.Trim())}")
            : await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid profileId, long id, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Owner, cancellationToken) is not { } grant || !await caregivers.RevokeAsync(grant, id, cancellationToken))
            return NotFound();
        return Redirect($"/my/profiles/{profileId}/caregivers");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid profileId, Guid id, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Owner, cancellationToken) is not { } grant || !await caregivers.CancelInvitationAsync(grant, id, cancellationToken))
            return NotFound();
        return Redirect($"/my/profiles/{profileId}/caregivers");
    }

    /// <summary>A caregiver gives up their own access (the only handler here that is not the owner's).</summary>
    public async Task<IActionResult> OnPostLeaveAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant || !await caregivers.LeaveAsync(grant, cancellationToken))
            return NotFound();
        return Redirect("/my");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        (People, Pending, Log) = await caregivers.ListAsync(Grant, cancellationToken);
        return Page();
    }
}
