using System.Globalization;

namespace MedAtlas.Web.Features.Tools;

/// <summary>The units a person reads their glucose in; the correction factor is in the same unit.</summary>
internal enum GlucoseUnit
{
    MgDl,
    MmolL,
}

/// <summary>
/// What the person enters. Null means "not given": carbohydrate, ratio, both glucose values and the correction
/// factor are needed; insulin on board counts as 0 and the maximum bolus as "not set" when left out.
/// </summary>
internal sealed record BolusInput(
    decimal? Carbs,
    decimal? CarbRatio,
    decimal? CurrentGlucose,
    decimal? TargetGlucose,
    decimal? CorrectionFactor,
    GlucoseUnit Unit = GlucoseUnit.MgDl,
    decimal? InsulinOnBoard = null,
    decimal Increment = 1m,
    decimal? MaxBolus = null);

/// <summary>
/// The answer. <see cref="Dose"/> is what to consider taking (null when an input was refused, with
/// <see cref="Problems"/> by input name); <see cref="Steps"/> is the arithmetic in words, in order.
/// </summary>
internal sealed record BolusResult(
    decimal? Dose,
    decimal ExactDose,
    decimal CarbDose,
    decimal CorrectionDose,
    decimal InsulinOnBoard,
    bool LowGlucose,
    bool AboveMaxBolus,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The carbohydrate and correction bolus: carbs ÷ ratio + (current − target) ÷ correction factor − insulin on board,
/// never below 0, rounded down to the pen's or pump's increment. Pages and the API both call this, so what the form
/// shows and what the API answers are the same arithmetic (docs/architecture.md, "Tools").
/// </summary>
internal static class BolusCalculator
{
    /// <summary>1 mmol/L of glucose is 18.016 mg/dL (glucose's molar mass, 180.16 g/mol, over 10).</summary>
    public const decimal MgDlPerMmolL = 18.016m;

    public static readonly IReadOnlyList<decimal> Increments = [1m, 0.5m, 0.1m, 0.05m];

    public const string CareTeamAdvice =
        "Follow the settings your diabetes care team gave you. This calculator is not medical advice and does not replace your pump, your meter or your care team.";

    /// <summary>Below this, the answer is "treat the low first, no bolus" (the ADA's 70 mg/dL; 3.9 mmol/L as it is usually written).</summary>
    public static decimal LowThreshold(GlucoseUnit unit) => unit == GlucoseUnit.MgDl ? 70m : 3.9m;

    public static BolusResult Calculate(BolusInput input)
    {
        var problems = Check(input);
        if (problems.Count > 0)
            return new(null, 0, 0, 0, 0, false, false, [], [], problems);

        var unit = UnitName(input.Unit);
        var carbs = input.Carbs!.Value;
        var ratio = input.CarbRatio!.Value;
        var current = input.CurrentGlucose!.Value;
        var target = input.TargetGlucose!.Value;
        var factor = input.CorrectionFactor!.Value;
        var iob = input.InsulinOnBoard ?? 0m;
        var steps = new List<string>();
        var warnings = new List<string>();

        var carbDose = carbs / ratio;
        steps.Add($"Carbohydrate: {N(carbs)} g ÷ {N(ratio)} g per unit = {Units(carbDose)}.");

        if (input.Unit == GlucoseUnit.MmolL)
            steps.Add($"Glucose in mg/dL for reference: {N(current)} mmol/L × 18.016 = {N(current * MgDlPerMmolL, 0)} mg/dL; the arithmetic stays in mmol/L.");

        var difference = current - target;
        var correction = difference / factor;
        steps.Add(difference switch
        {
            > 0 => $"Correction: {N(current)} − {N(target)} = {N(difference)} {unit} above target; {N(difference)} ÷ {N(factor)} {unit} per unit = {Units(correction)}.",
            < 0 => $"Correction: {N(current)} − {N(target)} = {N(-difference)} {unit} below target; −{N(-difference)} ÷ {N(factor)} {unit} per unit = −{Units(-correction)}. Being below target takes this off the carbohydrate dose.",
            _ => $"Correction: glucose is at target ({N(current)} {unit}), so 0 units.",
        });

        steps.Add(iob > 0
            ? $"Insulin on board: {Units(iob)} still working from earlier doses, taken off the total."
            : "Insulin on board: none entered, so nothing is taken off.");

        var exact = carbDose + correction - iob;
        steps.Add($"Total: {N(carbDose, 2)} {(correction < 0 ? "−" : "+")} {N(Math.Abs(correction), 2)} − {N(iob, 2)} = {Signed(exact)}.");

        var low = current < LowThreshold(input.Unit);
        decimal dose;
        if (low)
        {
            dose = 0;
            warnings.Add($"Your glucose is below {N(LowThreshold(input.Unit))} {unit}: treat the low first, no bolus. Check again after treating it, as your care team has told you.");
            steps.Add($"Glucose is below {N(LowThreshold(input.Unit))} {unit}: no bolus, 0 units.");
        }
        else if (exact <= 0)
        {
            dose = 0;
            steps.Add(exact < 0 ? "The total is below 0, and a dose is never negative: 0 units." : "The total is 0 units.");
        }
        else
        {
            dose = RoundDown(exact, input.Increment);
            steps.Add(dose == exact
                ? $"Rounding to {IncrementName(input.Increment)}: {Units(dose)} already is one, so {Units(dose)}."
                : $"Rounded down to {IncrementName(input.Increment)}: {Units(dose)}.");
        }

        var above = input.MaxBolus is { } max && dose > max;
        if (above)
        {
            warnings.Add($"{Units(dose)} is more than the maximum bolus you set ({Units(input.MaxBolus!.Value)}). Check the numbers you entered, and follow your care team's plan for a dose this large.");
        }

        return new(dose, exact, carbDose, correction, iob, low, above, steps, warnings, problems);
    }

    /// <summary>
    /// Rounds down to a whole number of increments. The exact total is first taken to the nearest 0.0001 unit, so that
    /// a total that is a whole number of increments on paper (a third plus two thirds) is not pushed one step down
    /// by decimal division's last digit.
    /// </summary>
    public static decimal RoundDown(decimal dose, decimal increment)
    {
        var tidy = Math.Round(dose, 4, MidpointRounding.AwayFromZero);
        return Math.Floor(tidy / increment) * increment;
    }

    /// <summary>
    /// The problems of the settings a care team gives (ratio, target, correction factor, unit, step, maximum bolus),
    /// with the calculator's own limits; the meal's and the reading's fields are not looked at. What a profile's saved
    /// settings are checked with.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CheckSettings(BolusInput input) => Check(input, readings: false);

    private static Dictionary<string, string> Check(BolusInput input, bool readings = true)
    {
        var problems = new Dictionary<string, string>();
        var (glucoseLow, glucoseHigh) = input.Unit == GlucoseUnit.MgDl ? (20m, 600m) : (1.1m, 33.3m);
        var (targetLow, targetHigh) = input.Unit == GlucoseUnit.MgDl ? (70m, 250m) : (3.9m, 13.9m);
        var (factorLow, factorHigh) = input.Unit == GlucoseUnit.MgDl ? (5m, 400m) : (0.3m, 22.2m);
        var unit = UnitName(input.Unit);

        if (readings)
        {
            if (input.Carbs is not { } carbs)
                problems[nameof(BolusInput.Carbs)] = "Enter the grams of carbohydrate you will eat (0 for a correction only).";
            else if (carbs is < 0 or > 500)
                problems[nameof(BolusInput.Carbs)] = "Carbohydrate is 0 to 500 g for one meal.";
        }

        if (input.CarbRatio is not { } ratio)
            problems[nameof(BolusInput.CarbRatio)] = "Enter your insulin-to-carb ratio: the grams of carbohydrate 1 unit covers.";
        else if (ratio <= 0)
            problems[nameof(BolusInput.CarbRatio)] = "The ratio cannot be 0 or less: it is the grams of carbohydrate 1 unit covers, like 10.";
        else if (ratio is < 1 or > 150)
            problems[nameof(BolusInput.CarbRatio)] = "A ratio is 1 to 150 g per unit. Check the number your care team gave you.";

        if (readings)
        {
            if (input.CurrentGlucose is not { } current)
                problems[nameof(BolusInput.CurrentGlucose)] = $"Enter your glucose now, in {unit}.";
            else if (current < glucoseLow || current > glucoseHigh)
                problems[nameof(BolusInput.CurrentGlucose)] = $"Glucose is read between {N(glucoseLow)} and {N(glucoseHigh)} {unit}. Check the number and the unit. If your meter shows LO or HI, follow your care team's plan.";
        }

        if (input.TargetGlucose is not { } target)
            problems[nameof(BolusInput.TargetGlucose)] = $"Enter your target glucose, in {unit}.";
        else if (target < targetLow || target > targetHigh)
            problems[nameof(BolusInput.TargetGlucose)] = $"A target is between {N(targetLow)} and {N(targetHigh)} {unit}. Check the number and the unit.";

        if (input.CorrectionFactor is not { } factor)
            problems[nameof(BolusInput.CorrectionFactor)] = $"Enter your correction factor: how many {unit} 1 unit lowers your glucose.";
        else if (factor <= 0)
            problems[nameof(BolusInput.CorrectionFactor)] = "The correction factor cannot be 0 or less: it is how much 1 unit lowers your glucose.";
        else if (factor < factorLow || factor > factorHigh)
            problems[nameof(BolusInput.CorrectionFactor)] = $"A correction factor is {N(factorLow)} to {N(factorHigh)} {unit} per unit. Check the number and that it is in {unit}, like your glucose.";

        if (readings && input.InsulinOnBoard is < 0 or > 50)
            problems[nameof(BolusInput.InsulinOnBoard)] = "Insulin on board is 0 to 50 units.";

        if (!Increments.Contains(input.Increment))
            problems[nameof(BolusInput.Increment)] = "Choose the step your pen or pump doses in: 1, 0.5, 0.1 or 0.05 units.";

        if (input.MaxBolus is <= 0 or > 100)
            problems[nameof(BolusInput.MaxBolus)] = "A maximum bolus is more than 0 and at most 100 units (or leave it empty).";

        return problems;
    }

    public static string UnitName(GlucoseUnit unit) => unit == GlucoseUnit.MgDl ? "mg/dL" : "mmol/L";

    public static string IncrementName(decimal increment) => increment == 1m ? "the whole unit" : $"the nearest {N(increment)} unit";

    /// <summary>A dose in words, "1 unit", "2.5 units", "about 4.17 units" when more digits were cut.</summary>
    public static string Units(decimal value)
    {
        var shown = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        var about = shown == value ? "" : "about ";
        return $"{about}{N(shown)} {(shown == 1 ? "unit" : "units")}";
    }

    private static string Signed(decimal value) => value < 0 ? $"−{Units(-value)}" : Units(value);

    public static string N(decimal value, int decimals = 3) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);
}
