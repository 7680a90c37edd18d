using System.Globalization;

namespace MedAtlas.Web.Features.Tools;

internal enum BmiUnits
{
    Metric,
    Imperial,
}

/// <summary>Weight and height in one system (kg and cm, or lb and ft + in); age in whole years, optional.</summary>
internal sealed record BmiInput(
    BmiUnits Units = BmiUnits.Metric,
    decimal? WeightKg = null,
    decimal? HeightCm = null,
    decimal? WeightLb = null,
    decimal? HeightFt = null,
    decimal? HeightIn = null,
    int? Age = null);

/// <summary>Who the adult categories are for: an adult (or age not given), a child or teen of 2 to 19, a child under 2.</summary>
internal enum BmiAgeGroup
{
    Adult,
    ChildOrTeen,
    UnderTwo,
}

/// <summary>
/// <see cref="Bmi"/> to one decimal, as it is read against the categories; <see cref="Category"/> is null when the
/// adult categories do not apply (under 20) or an input was refused.
/// </summary>
internal sealed record BmiResult(
    decimal? Bmi,
    BmiAgeGroup AgeGroup,
    string? Category,
    string? ObesityClass,
    IReadOnlyList<string> Steps,
    string? AgeNote,
    IReadOnlyDictionary<string, string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Body mass index, weight in kg ÷ (height in m)², with the WHO adult categories. Pounds and inches are converted
/// with the exact international definitions (1 lb = 0.45359237 kg, 1 in = 2.54 cm), so both systems give the same BMI.
/// </summary>
internal static class BmiCalculator
{
    public const decimal KgPerLb = 0.45359237m;
    public const decimal CmPerIn = 2.54m;

    public static BmiResult Calculate(BmiInput input)
    {
        var problems = new Dictionary<string, string>();
        decimal kg = 0, cm = 0;
        var steps = new List<string>();
        if (input.Units == BmiUnits.Metric)
        {
            if (input.WeightKg is not { } w)
                problems[nameof(BmiInput.WeightKg)] = "Enter your weight in kilograms.";
            else if (w is < 2 or > 400)
                problems[nameof(BmiInput.WeightKg)] = "Weight is 2 to 400 kg. Check the number and that it is in kilograms.";
            else
                kg = w;

            if (input.HeightCm is not { } h)
                problems[nameof(BmiInput.HeightCm)] = "Enter your height in centimetres.";
            else if (h is < 40 or > 250)
                problems[nameof(BmiInput.HeightCm)] = "Height is 40 to 250 cm. Check the number and that it is in centimetres (1.75 m is 175 cm).";
            else
                cm = h;
        }
        else
        {
            if (input.WeightLb is not { } lb)
                problems[nameof(BmiInput.WeightLb)] = "Enter your weight in pounds.";
            else if (lb is < 4 or > 880)
                problems[nameof(BmiInput.WeightLb)] = "Weight is 4 to 880 lb. Check the number and that it is in pounds.";
            else
                kg = lb * KgPerLb;

            var inches = input.HeightIn ?? 0;
            if (input.HeightFt is not { } feet)
                problems[nameof(BmiInput.HeightFt)] = "Enter your height in feet (and inches).";
            else if (feet is < 1 or > 8 || feet != Math.Floor(feet))
                problems[nameof(BmiInput.HeightFt)] = "Feet is a whole number, 1 to 8; put the rest in inches.";
            else if (inches is < 0 or >= 12)
                problems[nameof(BmiInput.HeightIn)] = "Inches are 0 to under 12 (5 ft 13 in is 6 ft 1 in).";
            else
                cm = (feet * 12 + inches) * CmPerIn;
        }

        if (input.Age is < 0 or > 130)
            problems[nameof(BmiInput.Age)] = "Age is in whole years, 0 to 130 (or leave it empty).";

        if (problems.Count > 0)
            return new(null, BmiAgeGroup.Adult, null, null, [], null, problems);

        if (input.Units == BmiUnits.Imperial)
        {
            steps.Add($"Weight: {N(input.WeightLb!.Value)} lb × 0.45359237 = {N(kg, 2)} kg.");
            steps.Add($"Height: {N(input.HeightFt ?? 0)} ft {N(input.HeightIn ?? 0)} in = {N((input.HeightFt ?? 0) * 12 + (input.HeightIn ?? 0))} in × 2.54 = {N(cm, 2)} cm.");
        }

        var metres = cm / 100m;
        var exact = kg / (metres * metres);
        var bmi = Math.Round(exact, 1, MidpointRounding.AwayFromZero);
        steps.Add($"BMI: {N(kg, 2)} kg ÷ ({N(metres, 4)} m × {N(metres, 4)} m) = {N(bmi, 1)}.");

        var group = input.Age switch
        {
            < 2 => BmiAgeGroup.UnderTwo,
            < 20 => BmiAgeGroup.ChildOrTeen,
            _ => BmiAgeGroup.Adult,
        };
        var note = group switch
        {
            BmiAgeGroup.UnderTwo =>
                "BMI is not used for children under 2. Their growth is checked on weight-for-length growth charts, by their health care provider.",
            BmiAgeGroup.ChildOrTeen =>
                "For children and teens aged 2 to 19, the adult categories do not apply. BMI is read as a BMI-for-age percentile on a growth chart for their age and sex, which their health care provider can do.",
            _ => null,
        };

        if (group != BmiAgeGroup.Adult)
            return new(bmi, group, null, null, steps, note, problems);

        var (category, obesityClass) = bmi switch
        {
            < 18.5m => ("Underweight", (string?)null),
            < 25m => ("Healthy weight", null),
            < 30m => ("Overweight", null),
            < 35m => ("Obesity", "class I"),
            < 40m => ("Obesity", "class II"),
            _ => ("Obesity", "class III"),
        };
        return new(bmi, group, category, obesityClass, steps, null, problems);
    }

    private static string N(decimal value, int decimals = 3) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(decimals == 1 ? "0.0" : "0.####", CultureInfo.InvariantCulture);
}
