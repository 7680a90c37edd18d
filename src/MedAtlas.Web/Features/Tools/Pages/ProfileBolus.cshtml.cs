using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// The bolus calculator with a profile's saved settings filled in. Calculate works for anyone who may see the
/// profile and stores nothing; saving or removing the settings needs the owner or a managing caregiver (anyone
/// else gets 404, as for a profile that does not exist).
/// </summary>
[Authorize]
internal sealed class ProfileBolusModel(ProfileAccess access, BolusSettingsStore settings) : BolusFormPage
{
    public ProfileGrant Grant { get; private set; } = null!;

    /// <summary>What is saved for the profile now (null: nothing).</summary>
    public BolusSettings? Settings { get; private set; }

    /// <summary>"saved" or "removed" after a change, for the notice.</summary>
    public string? Done { get; private set; }

    public string Path => $"/my/profiles/{Grant.Profile.Id}/bolus";

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Viewer, cancellationToken))
            return NotFound();
        Done = done is "saved" or "removed" ? done : null;
        if (Settings is not null)
            Fill(Settings);
        await access.RecordAsync(Grant, User, "viewed", "Opened the bolus calculator settings", save: true, cancellationToken);
        return Page();
    }

    /// <summary>Calculate: the same arithmetic as /tools/bolus; nothing is stored.</summary>
    public async Task<IActionResult> OnPostAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Viewer, cancellationToken))
            return NotFound();
        Calculate();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        var input = ReadFields(readings: false);
        // Text in one field still lets the others get their own message; nothing is saved until all are right.
        ToolInput.AddProblems(ModelState, ModelState.IsValid
            ? await settings.SaveAsync(Grant, input, User, cancellationToken)
            : BolusCalculator.CheckSettings(input));
        return ModelState.IsValid ? Redirect(Path + "?done=saved") : Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        await settings.RemoveAsync(Grant, User, cancellationToken);
        return Redirect(Path + "?done=removed");
    }

    private async Task<bool> LoadAsync(Guid profileId, ProfileRole needed, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, needed, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return false;
        Grant = grant;
        Settings = await settings.FindAsync(grant, cancellationToken);
        return true;
    }
}
