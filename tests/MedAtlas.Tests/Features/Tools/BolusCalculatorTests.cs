using MedAtlas.Web.Features.Tools;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>
/// Worked cases written by hand from dose = carbs ÷ ratio + (current − target) ÷ factor − IOB, never below 0,
/// rounded down to the increment; IOB comes off the total; below 70 mg/dL (3.9 mmol/L) no bolus.
/// </summary>
public sealed class BolusCalculatorTests
{
    // carbs, ratio, current, target, factor, unit ("mg" or "mmol"), IOB, increment, max bolus (0 = none), exact total, dose
    public static TheoryData<decimal, decimal, decimal, decimal, decimal, string, decimal, decimal, decimal, decimal, decimal> Cases => new()
    {
        // Carbohydrate only, at target.
        { 60, 10, 120, 120, 50, "mg", 0, 1, 0, 6, 6 },
        // Carbohydrate plus a correction: 6 + 50/50.
        { 60, 10, 170, 120, 50, "mg", 0, 1, 0, 7, 7 },
        // 3 + 100/40 = 5.5, kept at 0.5 steps, cut to 5 at whole units.
        { 45, 15, 200, 100, 40, "mg", 0, 0.5m, 0, 5.5m, 5.5m },
        { 45, 15, 200, 100, 40, "mg", 0, 1, 0, 5.5m, 5 },
        // 50/12 = 4.1667 to each increment, always down.
        { 50, 12, 100, 100, 50, "mg", 0, 1, 0, 4.1667m, 4 },
        { 50, 12, 100, 100, 50, "mg", 0, 0.5m, 0, 4.1667m, 4 },
        { 50, 12, 100, 100, 50, "mg", 0, 0.1m, 0, 4.1667m, 4.1m },
        { 50, 12, 100, 100, 50, "mg", 0, 0.05m, 0, 4.1667m, 4.15m },
        // Below target: the negative correction lowers the carbohydrate dose. 3 − 30/30 = 2; 3 − 40/20 = 1.
        { 30, 10, 90, 120, 30, "mg", 0, 0.5m, 0, 2, 2 },
        { 30, 10, 80, 120, 20, "mg", 0, 1, 0, 1, 1 },
        // 2 − 50/20 = −0.5: never below 0. 70 mg/dL itself is not "below 70".
        { 20, 10, 70, 120, 20, "mg", 0, 1, 0, -0.5m, 0 },
        // 65 mg/dL: treat the low first, no bolus, whatever the meal (6 − 55/50 = 4.9 on paper).
        { 60, 10, 65, 120, 50, "mg", 0, 1, 0, 4.9m, 0 },
        { 0, 10, 69, 100, 50, "mg", 0, 0.5m, 0, -0.62m, 0 },
        // IOB comes off the total, the carbohydrate part too: 6 + 1 − 2 = 5; 7 − 8 = −1 becomes 0.
        { 60, 10, 160, 120, 40, "mg", 2, 0.5m, 0, 5, 5 },
        { 60, 10, 160, 120, 40, "mg", 8, 0.5m, 0, -1, 0 },
        // A correction alone: 100/50 = 2; minus 0.5 on board = 1.5.
        { 0, 10, 220, 120, 50, "mg", 0, 0.5m, 0, 2, 2 },
        { 0, 10, 220, 120, 50, "mg", 0.5m, 0.5m, 0, 1.5m, 1.5m },
        // 20/50 = 0.4: a pump at 0.05 gives it, a 0.5 pen gives nothing.
        { 0, 10, 140, 120, 50, "mg", 0, 0.05m, 0, 0.4m, 0.4m },
        { 0, 10, 140, 120, 50, "mg", 0, 0.5m, 0, 0.4m, 0 },
        // 5 + 1 − 1.3 = 4.7; with 1.33 on board 4.67 goes down to 4.6 or 4.65.
        { 75, 15, 150, 100, 50, "mg", 1.3m, 0.1m, 0, 4.7m, 4.7m },
        { 75, 15, 150, 100, 50, "mg", 1.33m, 0.1m, 0, 4.67m, 4.6m },
        { 75, 15, 150, 100, 50, "mg", 1.33m, 0.05m, 0, 4.67m, 4.65m },
        // 10/3 = 3.3333: 3.3 at 0.1 and at 0.05.
        { 10, 3, 100, 100, 50, "mg", 0, 0.1m, 0, 3.3333m, 3.3m },
        { 10, 3, 100, 100, 50, "mg", 0, 0.05m, 0, 3.3333m, 3.3m },
        // A third plus two thirds is 4, not 3: 10/3 + 20/30.
        { 10, 3, 120, 100, 30, "mg", 0, 1, 0, 4, 4 },
        // mmol/L, factor in mmol/L: 6 + 4/2 = 8; 3 + 2.5/2 = 4.25 to 0.5 and 0.05; 3 − 1/2 = 2.5.
        { 60, 10, 10, 6, 2, "mmol", 0, 0.5m, 0, 8, 8 },
        { 45, 15, 8.5m, 6, 2, "mmol", 0, 0.5m, 0, 4.25m, 4 },
        { 45, 15, 8.5m, 6, 2, "mmol", 0, 0.05m, 0, 4.25m, 4.25m },
        { 30, 10, 5, 6, 2, "mmol", 0, 0.1m, 0, 2.5m, 2.5m },
        // 3.8 mmol/L is low; 3.9 is not: 3 − 2.1/2 = 1.95, down to 1.5.
        { 30, 10, 3.8m, 6, 2, "mmol", 0, 0.5m, 0, 1.9m, 0 },
        { 30, 10, 3.9m, 6, 2, "mmol", 0, 0.5m, 0, 1.95m, 1.5m },
        // The same meal in mg/dL, converted at 18.016: 10 mmol/L = 180.16, 6 = 108.096, 2 = 36.032; the same 8 units.
        { 60, 10, 180.16m, 108.096m, 36.032m, "mg", 0, 0.1m, 0, 8, 8 },
        // 11.25 + 140/35 − 3 = 12.25.
        { 90, 8, 250, 110, 35, "mg", 3, 0.5m, 0, 12.25m, 12 },
        { 90, 8, 250, 110, 35, "mg", 3, 0.05m, 0, 12.25m, 12.25m },
        // The largest meal and ratio: 500/150 = 3.3333.
        { 500, 150, 100, 100, 50, "mg", 0, 0.5m, 0, 3.3333m, 3 },
        // 0.5 unit of carbohydrate: nothing on a whole-unit pen.
        { 5, 10, 100, 100, 50, "mg", 0, 1, 0, 0.5m, 0 },
        { 5, 10, 100, 100, 50, "mg", 0, 0.5m, 0, 0.5m, 0.5m },
        // Above the maximum bolus it is not cut (24 + 2 = 26, max 20); at it, no warning.
        { 120, 5, 200, 100, 50, "mg", 0, 1, 20, 26, 26 },
        { 60, 10, 120, 120, 50, "mg", 0, 1, 6, 6, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_dose_is_worked_out_by_the_formula_and_rounded_down(
        decimal carbs, decimal ratio, decimal current, decimal target, decimal factor, string unit, decimal iob, decimal increment,
        decimal maxBolus, decimal exact, decimal dose)
    {
        var result = BolusCalculator.Calculate(new BolusInput(
            carbs, ratio, current, target, factor, unit == "mmol" ? GlucoseUnit.MmolL : GlucoseUnit.MgDl, iob, increment, maxBolus == 0 ? null : maxBolus));

        Assert.Empty(result.Problems);
        Assert.Equal(dose, result.Dose);
        Assert.Equal(exact, Math.Round(result.ExactDose, exact == Math.Round(exact, 2) ? 2 : 4));
        Assert.Equal(maxBolus > 0 && dose > maxBolus, result.AboveMaxBolus);
        Assert.Equal(result.AboveMaxBolus, result.Warnings.Any(w => w.Contains("maximum bolus", StringComparison.Ordinal)));
        Assert.NotEmpty(result.Steps);
    }

    [Theory]
    [InlineData(60, 65, "mg")]
    [InlineData(0, 69.9, "mg")]
    [InlineData(80, 3.8, "mmol")]
    public void Below_70_mg_dL_or_3_9_mmol_L_says_treat_the_low_first(decimal carbs, decimal current, string unit)
    {
        var mmol = unit == "mmol";
        var result = BolusCalculator.Calculate(new BolusInput(carbs, 10, current, mmol ? 6 : 110, mmol ? 2 : 40, mmol ? GlucoseUnit.MmolL : GlucoseUnit.MgDl));

        Assert.Equal(0, result.Dose);
        Assert.True(result.LowGlucose);
        Assert.Contains(result.Warnings, w => w.Contains("treat the low first, no bolus", StringComparison.Ordinal));
    }

    [Fact]
    public void The_steps_say_every_part_of_the_arithmetic_in_words()
    {
        var result = BolusCalculator.Calculate(new BolusInput(45, 15, 8.5m, 6, 2, GlucoseUnit.MmolL, 0.5m, 0.5m));

        Assert.Equal(
        [
            "Carbohydrate: 45 g ÷ 15 g per unit = 3 units.",
            "Glucose in mg/dL for reference: 8.5 mmol/L × 18.016 = 153 mg/dL; the arithmetic stays in mmol/L.",
            "Correction: 8.5 − 6 = 2.5 mmol/L above target; 2.5 ÷ 2 mmol/L per unit = 1.25 units.",
            "Insulin on board: 0.5 units still working from earlier doses, taken off the total.",
            "Total: 3 + 1.25 − 0.5 = 3.75 units.",
            "Rounded down to the nearest 0.5 unit: 3.5 units.",
        ], result.Steps);
    }

    [Fact]
    public void A_glucose_below_target_is_said_to_lower_the_carbohydrate_dose()
    {
        var result = BolusCalculator.Calculate(new BolusInput(30, 10, 90, 120, 30));

        Assert.Contains("Correction: 90 − 120 = 30 mg/dL below target; −30 ÷ 30 mg/dL per unit = −1 unit. Being below target takes this off the carbohydrate dose.", result.Steps);
        Assert.Contains("Total: 3 − 1 − 0 = 2 units.", result.Steps);
    }

    [Theory]
    [InlineData(60, 0, 120, 110, 50, 0, "1", "CarbRatio", "cannot be 0")]
    [InlineData(60, 151, 120, 110, 50, 0, "1", "CarbRatio", "1 to 150 g")]
    [InlineData(60, 10, 5000, 110, 50, 0, "1", "CurrentGlucose", "between 20 and 600 mg/dL")]
    [InlineData(60, 10, 19, 110, 50, 0, "1", "CurrentGlucose", "between 20 and 600 mg/dL")]
    [InlineData(-10, 10, 120, 110, 50, 0, "1", "Carbs", "0 to 500 g")]
    [InlineData(501, 10, 120, 110, 50, 0, "1", "Carbs", "0 to 500 g")]
    [InlineData(60, 10, 120, 110, 0, 0, "1", "CorrectionFactor", "cannot be 0")]
    [InlineData(60, 10, 120, 110, 4000, 0, "1", "CorrectionFactor", "5 to 400 mg/dL")]
    [InlineData(60, 10, 120, 110, 50, -1, "1", "InsulinOnBoard", "0 to 50")]
    [InlineData(60, 10, 120, 110, 50, 51, "1", "InsulinOnBoard", "0 to 50")]
    [InlineData(60, 10, 120, 400, 50, 0, "1", "TargetGlucose", "between 70 and 250 mg/dL")]
    [InlineData(60, 10, 120, 110, 50, 0, "0.25", "Increment", "1, 0.5, 0.1 or 0.05")]
    public void Implausible_values_are_refused_with_the_reason(
        decimal carbs, decimal ratio, decimal current, decimal target, decimal factor, decimal iob, string increment, string field, string reason)
    {
        var result = BolusCalculator.Calculate(new BolusInput(carbs, ratio, current, target, factor, GlucoseUnit.MgDl, iob, decimal.Parse(increment, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Null(result.Dose);
        Assert.Equal([field], result.Problems.Keys);
        Assert.Contains(reason, result.Problems[field], StringComparison.Ordinal);
    }

    [Fact]
    public void Glucose_in_mmol_L_is_checked_against_the_mmol_L_range()
    {
        var mgAsMmol = BolusCalculator.Calculate(new BolusInput(60, 10, 180, 6, 2, GlucoseUnit.MmolL));
        var mmolAsMg = BolusCalculator.Calculate(new BolusInput(60, 10, 10, 110, 50, GlucoseUnit.MgDl));

        Assert.Contains("between 1.1 and 33.3 mmol/L", mgAsMmol.Problems["CurrentGlucose"], StringComparison.Ordinal);
        Assert.Contains("between 20 and 600 mg/dL", mmolAsMg.Problems["CurrentGlucose"], StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_values_are_named_and_a_maximum_bolus_of_0_is_refused()
    {
        var result = BolusCalculator.Calculate(new BolusInput(null, null, null, null, null, MaxBolus: 0));

        Assert.Equal(["CarbRatio", "Carbs", "CorrectionFactor", "CurrentGlucose", "MaxBolus", "TargetGlucose"], result.Problems.Keys.Order());
    }
}
