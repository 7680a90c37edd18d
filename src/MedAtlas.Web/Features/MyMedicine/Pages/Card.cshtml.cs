using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>A wallet card (85.6 × 54 mm when folded): who, allergies and the medicines taken now, for an emergency.</summary>
[Authorize]
internal sealed class CardModel(ProfileAccess access, MedicineSafety safety, TimeProvider time) : PageModel
{
    /// <summary>Lines the back of the card holds at its print size; past them it says how many more there are, never cuts one silently.</summary>
    public const int MaxLines = 15;

    public PrintedList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken);
        if (grant is null)
            return NotFound();
        List = await PrintModel.LoadAsync(access, safety, grant, time, cancellationToken);
        await access.RecordAsync(grant, User, "printed", "Opened the wallet card", save: true, cancellationToken);
        return Page();
    }

    /// <summary>Nothing is posted here; without this, Razor Pages would render the page for a POST with no profile loaded.</summary>
    public IActionResult OnPost() => NotFound();

    /// <summary>"Atorvastatin 20 mg: 1 tablet, once a day".</summary>
    public static string CardLine(PrintedMedicine m)
    {
        var name = m.Strength is null ? m.Name : $"{m.Name} {m.Strength}";
        return m.Dose.Length == 0 ? name : $"{name}: {m.Dose}";
    }
}
