using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// The carb and bolus calculator as a plain form: it posts (glucose values stay out of addresses and logs), and the
/// answer comes back on the same page with every step. tools.js only asks the API for the same answer as you type.
/// </summary>
internal sealed class BolusModel : PageModel
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

    public IActionResult OnPost()
    {
        var unit = Unit == "mmol/L" ? GlucoseUnit.MmolL : GlucoseUnit.MgDl;
        Unit = BolusCalculator.UnitName(unit);
        decimal? Read(string? text, string field)
        {
            var (value, problem) = ToolInput.Number(text);
            if (problem is not null)
                ModelState.AddModelError(field, problem);
            return value;
        }

        var input = new BolusInput(
            Read(Carbs, nameof(Carbs)), Read(CarbRatio, nameof(CarbRatio)), Read(CurrentGlucose, nameof(CurrentGlucose)),
            Read(TargetGlucose, nameof(TargetGlucose)), Read(CorrectionFactor, nameof(CorrectionFactor)), unit,
            Read(InsulinOnBoard, nameof(InsulinOnBoard)),
            decimal.TryParse(Increment, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var step) ? step : 0m,
            Read(MaxBolus, nameof(MaxBolus)));
        var result = BolusCalculator.Calculate(input);
        ToolInput.AddProblems(ModelState, result.Problems);

        if (ModelState.IsValid)
            Result = result;
        return Page();
    }
}
