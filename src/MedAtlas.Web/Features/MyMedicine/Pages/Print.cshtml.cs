using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>The one-page medication list to take to a doctor's visit; its print stylesheet fits 15 medicines on one A4 or Letter page.</summary>
[Authorize]
internal sealed class PrintModel(ProfileAccess access, MedicineSafety safety, TimeProvider time) : PageModel
{
    public PrintedList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken);
        if (grant is null)
            return NotFound();
        List = await LoadAsync(access, safety, grant, time, cancellationToken);
        await access.RecordAsync(grant, User, "printed", "Opened the list to print", save: true, cancellationToken);
        return Page();
    }

    /// <summary>Nothing is posted here; without this, Razor Pages would render the page for a POST with no profile loaded.</summary>
    public IActionResult OnPost() => NotFound();

    internal static async Task<PrintedList> LoadAsync(ProfileAccess access, MedicineSafety safety, ProfileGrant grant, TimeProvider time, CancellationToken cancellationToken)
    {
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        var report = await safety.CheckListAsync(grant.Profile, medicines, cancellationToken);
        return PrintedList.Build(grant.Profile, medicines, report, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }
}
