using System.Globalization;
using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>A food on a day as the planner shows it, from a profile's log or from a visitor's address. <see cref="Key"/> is what its remove button posts.</summary>
internal sealed record FoodLine(string Key, Meal Meal, string FoodId, string FoodName, string PortionText, double Quantity, double Grams, NutritionFigures Figures);

/// <summary>An activity on a day: calories = MET × weight (kg) × hours.</summary>
internal sealed record ExerciseLine(string Key, string ActivityCode, string ActivityName, double Met, int Minutes, double WeightKg, double Kcal);

/// <summary>One day of the planner: what was eaten and done, and the goals it is held against (null when none are set).</summary>
internal sealed record PlannerDay(DateOnly Date, IReadOnlyList<FoodLine> Foods, IReadOnlyList<ExerciseLine> Exercise, NutritionFigures? Goals)
{
    /// <summary>The known values added up; a food without a value adds nothing (see <see cref="UnknownCount"/>).</summary>
    public NutritionFigures Totals { get; } = Sum(Foods);

    public double ExerciseKcal => Exercise.Sum(e => e.Kcal);

    public double NetKcal => (Totals.Kcal ?? 0) - ExerciseKcal;

    /// <summary>How many foods have no USDA value for this figure.</summary>
    public int UnknownCount(PlannerFigure figure) => Foods.Count(f => figure.Of(f.Figures) is null);

    public IEnumerable<FoodLine> In(Meal meal) => Foods.Where(f => f.Meal == meal);

    public double MealCarbs(Meal meal) => In(meal).Sum(f => f.Figures.CarbsG ?? 0);

    public static NutritionFigures Sum(IEnumerable<FoodLine> foods)
    {
        double? Add(double? total, double? value) => value is null ? total : (total ?? 0) + value;
        var sum = new NutritionFigures(0, 0, 0, 0, 0, 0, 0);
        foreach (var f in foods.Select(f => f.Figures))
            sum = new(Add(sum.Kcal, f.Kcal), Add(sum.CarbsG, f.CarbsG), Add(sum.ProteinG, f.ProteinG), Add(sum.FatG, f.FatG),
                Add(sum.FibreG, f.FibreG), Add(sum.SodiumMg, f.SodiumMg), Add(sum.SugarsG, f.SugarsG));
        return sum;
    }
}

/// <summary>One day's bars in the week charts.</summary>
internal sealed record WeekDay(DateOnly Date, double EatenKcal, double ExerciseKcal, double CarbsG);

/// <summary>Seven days ending with <see cref="End"/>.</summary>
internal sealed record PlannerWeek(DateOnly End, IReadOnlyList<WeekDay> Days, NutritionFigures? Goals)
{
    public static PlannerWeek From(DateOnly end, IEnumerable<FoodLine> foods, IEnumerable<ExerciseLine> exercise, Func<FoodLine, DateOnly> foodDay,
        Func<ExerciseLine, DateOnly> exerciseDay, NutritionFigures? goals)
    {
        var eaten = foods.ToLookup(foodDay);
        var done = exercise.ToLookup(exerciseDay);
        var days = Enumerable.Range(0, 7).Select(i => end.AddDays(i - 6)).Select(d => new WeekDay(
            d, eaten[d].Sum(f => f.Figures.Kcal ?? 0), done[d].Sum(e => e.Kcal), eaten[d].Sum(f => f.Figures.CarbsG ?? 0))).ToList();
        return new PlannerWeek(end, days, goals);
    }
}

/// <summary>What a goal is: an amount to aim at, a minimum to reach, or a limit to stay under. The words on the page follow it.</summary>
internal enum GoalKind
{
    Target,
    Minimum,
    Limit,
}

/// <summary>One of the seven figures: its name, unit, kind of goal, and how to read it.</summary>
internal sealed record PlannerFigure(string Key, string Name, string Unit, GoalKind Kind, Func<NutritionFigures, double?> Of)
{
    public static readonly IReadOnlyList<PlannerFigure> All =
    [
        new("Kcal", "Calories", "kcal", GoalKind.Target, f => f.Kcal),
        new("CarbsG", "Carbohydrate", "g", GoalKind.Target, f => f.CarbsG),
        new("ProteinG", "Protein", "g", GoalKind.Minimum, f => f.ProteinG),
        new("FatG", "Fat", "g", GoalKind.Target, f => f.FatG),
        new("FibreG", "Fibre", "g", GoalKind.Minimum, f => f.FibreG),
        new("SodiumMg", "Sodium", "mg", GoalKind.Limit, f => f.SodiumMg),
        new("SugarsG", "Sugars", "g", GoalKind.Limit, f => f.SugarsG),
    ];

    /// <summary>"1,234 kcal", "12.5 g": whole calories and milligrams, grams to one decimal.</summary>
    public string Show(double value) => N(value, Unit) + " " + Unit;

    public static string N(double value, string unit) =>
        value.ToString(unit == "g" ? "#,0.#" : "#,0", CultureInfo.InvariantCulture);

    /// <summary>Where the day stands against the goal, in words that say what kind of goal it is.</summary>
    public string Against(double eaten, double goal)
    {
        var left = goal - eaten;
        // Shown rounded: "0 g left" for 0.04 g would read as odd; within the display's rounding the goal is met.
        var close = Math.Abs(left) < (Unit == "g" ? 0.05 : 0.5);
        return Kind switch
        {
            GoalKind.Minimum => left > 0 && !close ? $"{Show(left)} more to reach the minimum" : "minimum reached",
            GoalKind.Limit => close ? "at the limit" : left > 0 ? $"{Show(left)} under the limit" : $"{Show(-left)} over the limit",
            _ => close ? "on the goal" : left > 0 ? $"{Show(left)} left" : $"{Show(-left)} over the goal",
        };
    }

    /// <summary>"goal", "minimum" or "limit".</summary>
    public string GoalWord => Kind switch { GoalKind.Minimum => "minimum", GoalKind.Limit => "limit", _ => "goal" };

    /// <summary>The lower-case name for notes: "sugars not known for 1 item".</summary>
    public string Lower => Name.ToLowerInvariant();
}

/// <summary>How the planner's pages name things.</summary>
internal static class PlannerWords
{
    public static readonly Meal[] Meals = [Meal.Breakfast, Meal.Lunch, Meal.Dinner, Meal.Snack];

    public static string Of(Meal meal) => meal == Meal.Snack ? "Snacks" : meal.ToString();

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Short(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Amount(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"2 × 1 cup, sliced (300 g)" or "150 g".</summary>
    public static string Portion(FoodLine line) =>
        line.PortionText == FoodCatalog.Gram.Label ? $"{Amount(line.Quantity)} g" : $"{Amount(line.Quantity)} × {line.PortionText} ({Amount(Math.Round(line.Grams, 1))} g)";

    public const string UsdaSource =
        "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. USDA National Nutrient Database for Standard Reference, Release 28.";
}
