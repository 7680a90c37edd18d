using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>
/// The bolus calculator's fields as typed (numbers stay text, so "abc" gets our message). The public calculator and
/// a profile's calculator both post them under these names, drawn by <c>_BolusFields.cshtml</c>; tools.js reads the same names.
/// </summary>
internal interface IBolusFields
{
    string? Carbs { get; set; }

    string? CarbRatio { get; set; }

    string? CurrentGlucose { get; set; }

    string? TargetGlucose { get; set; }

    string? CorrectionFactor { get; set; }

    string? InsulinOnBoard { get; set; }

    string? MaxBolus { get; set; }

    string Unit { get; set; }

    string Increment { get; set; }
}

internal static class BolusFields
{
    /// <summary>
    /// The calculator's input from the fields, with "not a number" beside each field that is not one. Without
    /// <paramref name="readings"/>, only the settings are read (carbohydrate, glucose now and insulin on board stay null).
    /// </summary>
    public static BolusInput Read(this IBolusFields form, ModelStateDictionary state, bool readings = true)
    {
        var unit = form.Unit == "mmol/L" ? GlucoseUnit.MmolL : GlucoseUnit.MgDl;
        form.Unit = BolusCalculator.UnitName(unit);
        decimal? Number(string? text, string field)
        {
            var (value, problem) = ToolInput.Number(text);
            if (problem is not null)
                state.AddModelError(field, problem);
            return value;
        }

        return new BolusInput(
            readings ? Number(form.Carbs, nameof(form.Carbs)) : null,
            Number(form.CarbRatio, nameof(form.CarbRatio)),
            readings ? Number(form.CurrentGlucose, nameof(form.CurrentGlucose)) : null,
            Number(form.TargetGlucose, nameof(form.TargetGlucose)),
            Number(form.CorrectionFactor, nameof(form.CorrectionFactor)),
            unit,
            readings ? Number(form.InsulinOnBoard, nameof(form.InsulinOnBoard)) : null,
            decimal.TryParse(form.Increment, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var step) ? step : 0m,
            Number(form.MaxBolus, nameof(form.MaxBolus)));
    }

    /// <summary>Puts a profile's saved settings into the fields, as a person would type them.</summary>
    public static void Fill(this IBolusFields form, BolusSettings settings)
    {
        form.Unit = settings.Unit;
        form.CarbRatio = BolusCalculator.N(settings.CarbRatio);
        form.TargetGlucose = BolusCalculator.N(settings.TargetGlucose);
        form.CorrectionFactor = BolusCalculator.N(settings.CorrectionFactor);
        form.Increment = BolusCalculator.N(settings.Increment);
        form.MaxBolus = settings.MaxBolus is { } max ? BolusCalculator.N(max) : null;
    }
}
