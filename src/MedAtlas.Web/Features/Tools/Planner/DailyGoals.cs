using System.Globalization;
using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>
/// What the daily goals are worked out from. Null means "not given". <see cref="EquationSex"/> is "female" or "male":
/// the two forms of the equation, not a statement about the person.
/// </summary>
internal sealed record GoalsInput(
    double? WeightKg, double? HeightCm, int? AgeYears, string? EquationSex, ActivityLevel Activity, bool PregnantOrBreastfeeding);

/// <summary>
/// The answer. <see cref="Goals"/> is null when an input was refused (<see cref="Problems"/>, keyed by the input's
/// name) or when the estimate is not made for this person (<see cref="NotFor"/> says why, and who to ask);
/// <see cref="Steps"/> is the arithmetic in words, in order, ending with what the goals are not.
/// </summary>
internal sealed record GoalsResult(
    NutritionFigures? Goals, IReadOnlyList<string> Steps, IReadOnlyDictionary<string, string> Problems, string? NotFor);

/// <summary>
/// Suggested daily goals for a healthy adult: energy from the Mifflin–St Jeor resting energy times an activity factor,
/// rounded to the nearest 10 kcal; carbohydrate, protein and fat from the US Acceptable Macronutrient Distribution
/// Ranges; fibre, sodium and sugars from the Dietary Guidelines for Americans. Sources in <see cref="Sources"/> and in
/// docs/architecture.md ("Daily goals and exercise").
/// </summary>
internal static class DailyGoals
{
    public const double MinWeightKg = 20, MaxWeightKg = 300, MinHeightCm = 100, MaxHeightCm = 250;
    public const int AdultAge = 18, MinAge = 2, MaxAge = 120;

    // Shares of energy: inside the Institute of Medicine's adult ranges (carbohydrate 45–65%, protein 10–35%, fat 20–35%).
    public const double CarbShare = 0.50, ProteinShare = 0.20, FatShare = 0.30, SugarsShare = 0.10;
    public const double KcalPerGramCarbOrProtein = 4, KcalPerGramFat = 9;
    public const double FibrePer1000Kcal = 14, SodiumLimitMg = 2300;

    public static readonly IReadOnlyList<string> Sources =
    [
        "Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO. A new predictive equation for resting energy expenditure in healthy individuals. Am J Clin Nutr 1990;51:241–7.",
        "Institute of Medicine. Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids. National Academies Press, 2005 (Acceptable Macronutrient Distribution Ranges).",
        "US Department of Agriculture and US Department of Health and Human Services. Dietary Guidelines for Americans, 2020–2025 (fibre, sodium, added sugars).",
    ];

    public const string NotMedicalAdvice =
        "These are general estimates for healthy adults, not medical advice. If you have a condition such as diabetes or kidney disease, your dietitian or doctor sets your goals: follow your care team's advice.";

    public const string NotForPregnancy =
        "Energy and nutrient needs change during pregnancy and breastfeeding, so this estimate is not made for them. Ask your care team (your midwife, doctor or a dietitian) what to aim for.";

    public const string NotForChildren =
        "Children's and teenagers' needs change as they grow, so this estimate is for adults of 18 and over. Ask their doctor or a dietitian what to aim for.";

    public static GoalsResult Calculate(GoalsInput input)
    {
        if (input.PregnantOrBreastfeeding)
            return new(null, [], new Dictionary<string, string>(), NotForPregnancy);

        var problems = new Dictionary<string, string>();
        if (input.AgeYears is not { } age)
            problems[nameof(GoalsInput.AgeYears)] = "Enter the age in whole years.";
        else if (age is < MinAge or > MaxAge)
            problems[nameof(GoalsInput.AgeYears)] = $"Age is {MinAge} to {MaxAge} years. Check the number.";
        else if (age < AdultAge)
            return new(null, [], new Dictionary<string, string>(), NotForChildren);

        if (input.WeightKg is not { } kg)
            problems[nameof(GoalsInput.WeightKg)] = "Enter the weight in kilograms.";
        else if (kg is < MinWeightKg or > MaxWeightKg)
            problems[nameof(GoalsInput.WeightKg)] = $"Weight is {MinWeightKg} to {MaxWeightKg} kg for this estimate. Check the number and that it is in kilograms.";

        if (input.HeightCm is not { } cm)
            problems[nameof(GoalsInput.HeightCm)] = "Enter the height in centimetres.";
        else if (cm is < MinHeightCm or > MaxHeightCm)
            problems[nameof(GoalsInput.HeightCm)] = $"Height is {MinHeightCm} to {MaxHeightCm} cm for this estimate. Check the number and that it is in centimetres (1.65 m is 165 cm).";

        var female = input.EquationSex == "female";
        if (!female && input.EquationSex != "male")
            problems[nameof(GoalsInput.EquationSex)] = "The equation has a female and a male form; choose the one your care team would use.";

        if (problems.Count > 0)
            return new(null, [], problems, null);

        var (w, h, a) = (input.WeightKg!.Value, input.HeightCm!.Value, input.AgeYears!.Value);
        var steps = new List<string>();
        var constant = female ? -161 : 5;
        var resting = 10 * w + 6.25 * h - 5 * a + constant;
        steps.Add($"Resting energy (Mifflin–St Jeor, {(female ? "female" : "male")} form): 10 × {N(w)} kg = {N(10 * w)}; "
            + $"6.25 × {N(h)} cm = {N(6.25 * h)}; 5 × {a} years = {N(5 * a)}; "
            + $"{N(10 * w)} + {N(6.25 * h)} − {N(5 * a)} {(female ? "− 161" : "+ 5")} = {N(resting)} kcal a day.");

        var factor = Factor(input.Activity);
        var daily = resting * factor;
        var kcal = Math.Round(daily / 10, MidpointRounding.AwayFromZero) * 10;
        steps.Add($"Activity: {N(resting)} × {N(factor)} ({Describe(input.Activity)}) = {N(daily)} kcal a day, rounded to the nearest 10 kcal: {N(kcal)} kcal.");

        var carbs = Grams(kcal * CarbShare / KcalPerGramCarbOrProtein);
        steps.Add($"Carbohydrate: 50% of {N(kcal)} kcal = {N(kcal * CarbShare)} kcal ÷ 4 kcal per gram = {N(carbs)} g.");
        var protein = Grams(kcal * ProteinShare / KcalPerGramCarbOrProtein);
        steps.Add($"Protein: 20% of {N(kcal)} kcal = {N(kcal * ProteinShare)} kcal ÷ 4 kcal per gram = {N(protein)} g.");
        var fat = Grams(kcal * FatShare / KcalPerGramFat);
        steps.Add($"Fat: 30% of {N(kcal)} kcal = {N(kcal * FatShare)} kcal ÷ 9 kcal per gram = {N(fat)} g.");
        var fibre = Grams(kcal / 1000 * FibrePer1000Kcal);
        steps.Add($"Fibre: 14 g for every 1,000 kcal: {N(kcal)} ÷ 1,000 × 14 = {N(fibre)} g, to reach at least.");
        steps.Add($"Sodium: no more than {N(SodiumLimitMg)} mg a day, the same limit for every adult.");
        var sugars = Grams(kcal * SugarsShare / KcalPerGramCarbOrProtein);
        steps.Add($"Sugars: no more than 10% of {N(kcal)} kcal = {N(kcal * SugarsShare)} kcal ÷ 4 kcal per gram = {N(sugars)} g. "
            + "The guideline is for added sugars, while USDA's figures for a food count all its sugars, those in fruit and milk too, so this line is a rough guide.");
        steps.Add("Grams are rounded to the nearest whole gram.");
        steps.Add(NotMedicalAdvice);

        return new(new NutritionFigures(kcal, carbs, protein, fat, fibre, SodiumLimitMg, sugars), steps, problems, null);
    }

    /// <summary>The activity level in plain words, as a person chooses it.</summary>
    public static string Describe(ActivityLevel level) => level switch
    {
        ActivityLevel.Sedentary => "sedentary: little or no exercise, sitting most of the day",
        ActivityLevel.Light => "lightly active: light exercise or sport 1 to 3 days a week",
        ActivityLevel.Moderate => "moderately active: moderate exercise or sport 3 to 5 days a week",
        ActivityLevel.Active => "active: hard exercise or sport 6 to 7 days a week",
        ActivityLevel.VeryActive => "very active: very hard exercise every day, or a physical job as well as exercise",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The multiplier of the resting energy for this activity level.</summary>
    public static double Factor(ActivityLevel level) => level switch
    {
        ActivityLevel.Sedentary => 1.2,
        ActivityLevel.Light => 1.375,
        ActivityLevel.Moderate => 1.55,
        ActivityLevel.Active => 1.725,
        ActivityLevel.VeryActive => 1.9,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    private static double Grams(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    private static string N(double value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,0.##", CultureInfo.InvariantCulture);
}
