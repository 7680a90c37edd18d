using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

// TEMPORARY (planner branch): the contract the "bolus" task writes; replaced by its file when that branch is merged.
internal sealed record GoalsInput(double? WeightKg, double? HeightCm, int? AgeYears, string? EquationSex, ActivityLevel Activity, bool PregnantOrBreastfeeding);

internal sealed record GoalsResult(NutritionFigures? Goals, IReadOnlyList<string> Steps, IReadOnlyDictionary<string, string> Problems, string? NotFor);

internal static class DailyGoals
{
    public static GoalsResult Calculate(GoalsInput input)
    {
        var problems = new Dictionary<string, string>();
        if (input.WeightKg is not ({ } w and >= 20 and <= 400))
            problems["WeightKg"] = "Enter a weight between 20 and 400 kg.";
        if (input.HeightCm is not ({ } h and >= 100 and <= 250))
            problems["HeightCm"] = "Enter a height between 100 and 250 cm.";
        if (input.AgeYears is not ({ } a and >= 1 and <= 120))
            problems["AgeYears"] = "Enter an age between 1 and 120.";
        if (input.EquationSex is not ("female" or "male"))
            problems["EquationSex"] = "Choose the female or the male form of the equation.";
        if (problems.Count > 0)
            return new(null, [], problems, null);
        if (input.AgeYears < 18)
            return new(null, [], problems, "The equation is for adults: under 18, growth changes what a person needs. Ask your care team.");
        if (input.PregnantOrBreastfeeding)
            return new(null, [], problems, "Pregnancy and breastfeeding change what a person needs. Ask your care team or midwife.");
        var bmr = 10 * input.WeightKg!.Value + 6.25 * input.HeightCm!.Value - 5 * input.AgeYears!.Value + (input.EquationSex == "male" ? 5 : -161);
        var kcal = bmr * Factor(input.Activity);
        return new(new NutritionFigures(kcal, kcal * 0.5 / 4, kcal * 0.2 / 4, kcal * 0.3 / 9, kcal / 1000 * 14, 2300, kcal * 0.1 / 4),
            [$"Resting energy: {bmr:0.##} kcal.", $"× {Factor(input.Activity)} = {kcal:0.#} kcal a day."], problems, null);
    }

    public static string Describe(ActivityLevel level) => level.ToString();

    public static double Factor(ActivityLevel level) => level switch
    {
        ActivityLevel.Sedentary => 1.2,
        ActivityLevel.Light => 1.375,
        ActivityLevel.Moderate => 1.55,
        ActivityLevel.Active => 1.725,
        _ => 1.9,
    };
}
