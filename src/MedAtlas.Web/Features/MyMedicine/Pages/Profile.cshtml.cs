using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>One person's list: medicines with run-out dates, allergies, conditions, and the safety check of the whole active list.</summary>
[Authorize]
internal sealed class ProfileModel(ProfileAccess access, MedicineSafety safety, TimeProvider time) : PageModel
{
    public ProfileGrant Grant { get; private set; } = null!;

    public Profile Person => Grant.Profile;

    public List<SavedMedicine> Medicines { get; private set; } = [];

    public SafetyReport Safety { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public string CheckerLink { get; private set; } = "";

    public int? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, int? imported, CancellationToken cancellationToken)
    {
        Imported = imported is > 0 and <= MedicineRules.MaxMedicinesPerProfile ? imported : null;
        if (await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant)
            return NotFound();
        Grant = grant;
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Medicines = await access.MedicinesAsync(grant, cancellationToken);
        Safety = await safety.CheckListAsync(grant.Profile, Medicines, cancellationToken);
        var slugs = Safety.Report.Checked.Select(c => c.Drug.Slug).Distinct().Take(Interactions.InteractionChecker.MaxMedicines);
        CheckerLink = "/interaction-checker?drugs=" + Uri.EscapeDataString(string.Join(',', slugs));
        await access.RecordAsync(grant, User, "viewed", "Opened the profile", save: true, cancellationToken);
        return Page();
    }

    public IEnumerable<SavedMedicine> With(MedicineStatus status) => Medicines.Where(m => m.Status == status);
}
