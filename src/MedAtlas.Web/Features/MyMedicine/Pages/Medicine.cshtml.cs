using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>One saved medicine: what is on the bottle, when it runs out, its safety check against the list, its history; pause, stop, refill.</summary>
[Authorize]
internal sealed class MedicineModel(ProfileAccess access, MedicineList list, MedicineSafety safety, TimeProvider time) : PageModel
{
    public ProfileGrant Grant { get; private set; } = null!;

    public SavedMedicine Medicine { get; private set; } = null!;

    public SafetyReport Safety { get; private set; } = null!;

    public List<MedicineChange> History { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool Added { get; private set; }

    [BindProperty]
    public string? StoppedOn { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, Guid medicineId, bool added, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, ProfileRole.Viewer, cancellationToken))
            return NotFound();
        Added = added;
        await access.RecordAsync(Grant, User, "viewed", $"Opened {Medicine.Name}", save: true, cancellationToken);
        return await ShowAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostStopAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(profileId, medicineId, MedicineStatus.Stopped, cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(profileId, medicineId, MedicineStatus.Paused, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(profileId, medicineId, MedicineStatus.Active, cancellationToken);

    public async Task<IActionResult> OnPostRefillAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        await list.RecordRefillAsync(Grant, Medicine, User, cancellationToken);
        return Redirect(Address);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        await list.DeleteAsync(Grant, Medicine, User, cancellationToken);
        return Redirect($"/my/profiles/{profileId}");
    }

    public string Address => $"/my/profiles/{Grant.Profile.Id}/medicines/{Medicine.Id}";

    private async Task<IActionResult> ChangeStatusAsync(Guid profileId, Guid medicineId, MedicineStatus status, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, ProfileRole.Manager, cancellationToken))
            return NotFound();
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(StoppedOn))
        {
            if (DateOnly.TryParseExact(StoppedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                on = d;
            else
                ModelState.AddModelError(nameof(StoppedOn), "Enter the date as year-month-day, like 2026-03-31.");
        }

        if (ModelState.IsValid)
        {
            var problems = await list.SetStatusAsync(Grant, Medicine, status, on, Reason, User, cancellationToken);
            foreach (var p in problems)
                ModelState.AddModelError(p.Field == "Reason" ? nameof(Reason) : nameof(StoppedOn), p.Message);
        }

        return ModelState.IsValid ? Redirect(Address) : await ShowAsync(cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid profileId, Guid medicineId, ProfileRole needed, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, needed, cancellationToken) is not { } grant)
            return false;
        if (await access.MedicineAsync(grant, medicineId, cancellationToken) is not { } medicine)
            return false;
        (Grant, Medicine) = (grant, medicine);
        return true;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var medicines = await access.MedicinesAsync(Grant, cancellationToken);
        Safety = await safety.CheckOneAsync(Grant.Profile, medicines, Medicine.Name, Medicine.DrugSlug, Medicine.Id, cancellationToken);
        History = await list.HistoryAsync(Medicine, cancellationToken);
        return Page();
    }
}
