using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>
/// Adds a medicine. As the name is chosen, a script asks <see cref="OnGetCheckAsync"/> for the safety check against
/// the list and shows it at once; without the script the check is the first thing on the next page.
/// </summary>
[Authorize]
internal sealed class AddMedicineModel(ProfileAccess access, MedicineList list, MedicineSafety safety) : PageModel, IMedicineFormPage
{
    [BindProperty]
    public MedicineForm Input { get; set; } = new();

    public ProfileGrant Grant { get; private set; } = null!;

    public string CheckUrl => $"/my/profiles/{Grant.Profile.Id}/medicines/new?handler=Check";

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? name, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return NotFound();
        Grant = grant;
        Input = new MedicineForm { Name = name?.Length <= MedicineRules.NameMaxLength ? name : null, Frequency = DoseFrequency.TimesADay, FrequencyCount = "1" };
        return Page();
    }

    /// <summary>The safety check of a medicine not yet saved, as an HTML fragment for the live check.</summary>
    public async Task<IActionResult> OnGetCheckAsync(Guid profileId, string? name, bool partial, Guid? editing, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return NotFound();
        var typed = Text.Clean(name);
        if (typed.Length is 0 or > MedicineRules.NameMaxLength)
            return Content("", "text/html");
        var drug = (await list.PrepareAsync(MedicineValues.Named(typed), cancellationToken)).Drug;
        if (drug is null && partial)
            return Content("", "text/html");
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        var report = await safety.CheckOneAsync(grant.Profile, medicines, typed, drug?.Slug, editing, cancellationToken);
        return Partial("_LiveCheck", new LiveCheckView(typed, drug?.Name, new SafetyChecksView(report, grant.Profile.Name, ForOne: true, Id: "live-check-result")));
    }

    public async Task<IActionResult> OnPostAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return NotFound();
        Grant = grant;
        var values = Input.ToValues(ModelState, nameof(Input));
        if (values is null)
            return Page();
        var (medicine, problems) = await list.AddAsync(grant, values, User, cancellationToken);
        if (medicine is null)
        {
            problems.AddTo(ModelState, nameof(Input));
            return Page();
        }

        return Redirect($"/my/profiles/{grant.Profile.Id}/medicines/{medicine.Id}?added=true");
    }
}

/// <summary>The live check's fragment: which catalogue drug the name was taken as, and what the check found.</summary>
internal sealed record LiveCheckView(string Typed, string? DrugName, SafetyChecksView Checks);
