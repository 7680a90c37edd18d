using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// The carb and bolus calculator as a plain form: it posts (glucose values stay out of addresses and logs), and the
/// answer comes back on the same page with every step. tools.js only asks the API for the same answer as you type.
/// A signed-in person also sees links to the settings saved for their profiles; a visitor sees nothing more.
/// </summary>
internal sealed class BolusModel(ProfileAccess access, BolusSettingsStore settings) : BolusFormPage
{
    /// <summary>The signed-in person's profiles, with whether each has settings saved (empty for a visitor).</summary>
    public IReadOnlyList<SavedBolusLink> Saved { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Saved = await SavedBolusLink.ListAsync(User, access, settings, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Calculate();
        Saved = await SavedBolusLink.ListAsync(User, access, settings, cancellationToken);
        return Page();
    }
}
