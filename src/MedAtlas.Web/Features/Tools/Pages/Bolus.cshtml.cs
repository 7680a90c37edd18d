using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// The carb and bolus calculator as a plain form: it posts (glucose values stay out of addresses and logs), and the
/// answer comes back on the same page with every step. tools.js only asks the API for the same answer as you type.
/// A signed-in person also sees links to the settings saved for their profiles; a visitor sees nothing more.
/// </summary>
internal sealed class BolusModel(ProfileAccess access, BolusSettingsStore settings) : PageModel, IBolusFields
{
    [BindProperty]
    public string? Carbs { get; set; }

    [BindProperty]
    public string? CarbRatio { get; set; }

    [BindProperty]
    public string? CurrentGlucose { get; set; }

    [BindProperty]
    public string? TargetGlucose { get; set; }

    [BindProperty]
    public string? CorrectionFactor { get; set; }

    [BindProperty]
    public string? InsulinOnBoard { get; set; }

    [BindProperty]
    public string? MaxBolus { get; set; }

    [BindProperty]
    public string Unit { get; set; } = "mg/dL";

    [BindProperty]
    public string Increment { get; set; } = "1";

    public BolusResult? Result { get; private set; }

    /// <summary>The signed-in person's profiles, with whether each has settings saved (empty for a visitor).</summary>
    public IReadOnlyList<SavedBolusLink> Saved { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Saved = await SavedBolusLink.ListAsync(User, access, settings, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = BolusCalculator.Calculate(this.Read(ModelState));
        ToolInput.AddProblems(ModelState, result.Problems);
        if (ModelState.IsValid)
            Result = result;
        Saved = await SavedBolusLink.ListAsync(User, access, settings, cancellationToken);
        return Page();
    }
}
