using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// A page with the bolus calculator's form: its fields as typed (numbers stay text, so "abc" gets our message). The
/// public calculator and a profile's calculator both post them under these names, drawn by <c>_BolusFields.cshtml</c>;
/// tools.js reads the same names.
/// </summary>
internal abstract class BolusFormPage : PageModel
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

    public BolusResult? Result { get; protected set; }

    /// <summary>
    /// The calculator's input from the fields, with "not a number" beside each field that is not one. Without
    /// <paramref name="readings"/>, only the settings are read (carbohydrate, glucose now and insulin on board stay null).
    /// </summary>
    protected BolusInput ReadFields(bool readings = true)
    {
        var unit = Unit == "mmol/L" ? GlucoseUnit.MmolL : GlucoseUnit.MgDl;
        Unit = BolusCalculator.UnitName(unit);
        decimal? Number(string? text, string field)
        {
            var (value, problem) = ToolInput.Number(text);
            if (problem is not null)
                ModelState.AddModelError(field, problem);
            return value;
        }

        return new BolusInput(
            readings ? Number(Carbs, nameof(Carbs)) : null,
            Number(CarbRatio, nameof(CarbRatio)),
            readings ? Number(CurrentGlucose, nameof(CurrentGlucose)) : null,
            Number(TargetGlucose, nameof(TargetGlucose)),
            Number(CorrectionFactor, nameof(CorrectionFactor)),
            unit,
            readings ? Number(InsulinOnBoard, nameof(InsulinOnBoard)) : null,
            decimal.TryParse(Increment, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var step) ? step : 0m,
            Number(MaxBolus, nameof(MaxBolus)));
    }

    /// <summary>Calculate: reads every field, puts the problems beside them, and keeps the answer when there are none.</summary>
    protected void Calculate()
    {
        var result = BolusCalculator.Calculate(ReadFields());
        ToolInput.AddProblems(ModelState, result.Problems);
        if (ModelState.IsValid)
            Result = result;
    }

    /// <summary>Puts a profile's saved settings into the fields, as a person would type them.</summary>
    protected void Fill(BolusSettings settings)
    {
        Unit = settings.Unit;
        CarbRatio = BolusCalculator.N(settings.CarbRatio);
        TargetGlucose = BolusCalculator.N(settings.TargetGlucose);
        CorrectionFactor = BolusCalculator.N(settings.CorrectionFactor);
        Increment = BolusCalculator.N(settings.Increment);
        MaxBolus = settings.MaxBolus is { } max ? BolusCalculator.N(max) : null;
    }
}
