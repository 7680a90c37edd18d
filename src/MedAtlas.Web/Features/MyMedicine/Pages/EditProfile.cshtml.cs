using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>A profile's details, allergies and conditions; the owner can also delete the profile here.</summary>
[Authorize]
internal sealed class EditProfileModel(ProfileAccess access, MedicineList list, ProfileDetails details) : PageModel, IProfileFormPage
{
    [BindProperty]
    public ProfileForm Input { get; set; } = new();

    [BindProperty]
    public string? AllergyName { get; set; }

    [BindProperty]
    public string? Reaction { get; set; }

    [BindProperty]
    public string? ConditionName { get; set; }

    [BindProperty]
    public bool ConfirmDelete { get; set; }

    public ProfileGrant Grant { get; private set; } = null!;

    public IReadOnlyList<string> ClassNames { get; private set; } = [];

    public IReadOnlyList<string> ConditionNames { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        Input = ProfileForm.From(Grant.Profile);
        Saved = saved is "details" or "allergy" or "condition" ? saved : null;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        var values = Input.ToValues(ModelState, nameof(Input));
        if (values is not null)
            (await list.UpdateProfileAsync(Grant, values, User, cancellationToken)).AddTo(ModelState, nameof(Input));
        return ModelState.IsValid ? Redirect($"/my/profiles/{profileId}/edit?saved=details") : await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAllergyAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        var (_, problems) = await details.AddAllergyAsync(Grant, AllergyName, Reaction, User, cancellationToken);
        foreach (var p in problems)
            ModelState.AddModelError(p.Field, p.Message);
        Input = ProfileForm.From(Grant.Profile);
        return ModelState.IsValid ? Redirect($"/my/profiles/{profileId}/edit?saved=allergy#allergies") : await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAllergyAsync(Guid profileId, long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken) || !await details.RemoveAllergyAsync(Grant, id, User, cancellationToken))
            return NotFound();
        return Redirect($"/my/profiles/{profileId}/edit#allergies");
    }

    public async Task<IActionResult> OnPostConditionAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        var (_, problems) = await details.AddConditionAsync(Grant, ConditionName, User, cancellationToken);
        foreach (var p in problems)
            ModelState.AddModelError(p.Field, p.Message);
        Input = ProfileForm.From(Grant.Profile);
        return ModelState.IsValid ? Redirect($"/my/profiles/{profileId}/edit?saved=condition#conditions") : await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveConditionAsync(Guid profileId, long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Manager, cancellationToken) || !await details.RemoveConditionAsync(Grant, id, User, cancellationToken))
            return NotFound();
        return Redirect($"/my/profiles/{profileId}/edit#conditions");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, ProfileRole.Owner, cancellationToken))
            return NotFound();
        if (!ConfirmDelete)
        {
            ModelState.AddModelError(nameof(ConfirmDelete), $"Tick the box to confirm that {Grant.Profile.Name}'s profile and all its medicines should be deleted.");
            Input = ProfileForm.From(Grant.Profile);
            return await ShowAsync(cancellationToken);
        }

        await list.DeleteProfileAsync(Grant, cancellationToken);
        return Redirect("/my");
    }

    private async Task<bool> LoadAsync(Guid profileId, ProfileRole needed, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, needed, cancellationToken) is not { } grant)
            return false;
        Grant = grant;
        return true;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        (ClassNames, ConditionNames) = await details.SuggestionsAsync(cancellationToken);
        return Page();
    }
}
