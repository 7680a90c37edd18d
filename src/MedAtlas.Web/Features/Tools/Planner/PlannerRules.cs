using System.Globalization;
using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>A food as the add form posts it: numbers as typed, so "two" gets our message beside the field.</summary>
internal sealed record FoodRequest(string? FoodId, Meal Meal, int PortionSeq, string? Quantity);

/// <summary>An activity as the exercise form posts it; <see cref="WeightKg"/> only when the planner had to ask for it.</summary>
internal sealed record ExerciseRequest(string? ActivityCode, string? Minutes, string? WeightKg);

/// <summary>
/// The planner's rules for what may be logged, the same for a profile and for a visitor's address, with messages
/// keyed by the form field they belong to.
/// </summary>
internal static class PlannerRules
{
    public const double MaxPortions = 100;
    public const double MaxGrams = 5000;
    public const int MinMinutes = 1;
    public const int MaxMinutes = 600;
    public const double MinWeightKg = DailyGoals.MinWeightKg;
    public const double MaxWeightKg = DailyGoals.MaxWeightKg;

    /// <summary>How far from today a day may be: a planner is for the days around now, and an address cannot ask for year 9999.</summary>
    public const int MaxDaysAway = 3660;

    /// <summary>The day asked for: today when empty; null with a message when it cannot be read.</summary>
    public static (DateOnly Day, string? Problem) Day(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (today, null);
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (today, $"“{Short(text)}” is not a date the planner can read; it shows today. Dates are written year-month-day, like 2026-12-01.");
        if (Math.Abs(day.DayNumber - today.DayNumber) > MaxDaysAway)
            return (today, "That date is more than ten years from today; the planner shows today.");
        return (day, null);
    }

    /// <summary>The line to log, worked out from the catalogue's food, or the problems by field (FoodId, PortionSeq, Quantity).</summary>
    public static (FoodLine? Line, Dictionary<string, string> Problems) Food(FoodDetails? food, FoodRequest request, string key = "")
    {
        var problems = new Dictionary<string, string>();
        if (food is null)
        {
            problems["FoodId"] = "That food is not in the catalogue. Search again and choose one from the list.";
            return (null, problems);
        }

        var portion = food.Portion(request.PortionSeq);
        if (portion is null)
            problems["PortionSeq"] = $"Choose one of the portions listed for {food.Name}.";
        if (!Enum.IsDefined(request.Meal))
            problems["Meal"] = "Choose breakfast, lunch, dinner or snacks.";
        var quantity = Quantity(request.Quantity, portion, problems);
        if (problems.Count > 0 || portion is null || quantity is null)
            return (null, problems);

        var grams = quantity.Value * portion.Grams;
        return (new FoodLine(key, request.Meal, food.Id, food.Name, portion.Label, quantity.Value, grams, food.Per100g.Scale(grams)), problems);
    }

    private static double? Quantity(string? text, FoodPortionChoice? portion, Dictionary<string, string> problems)
    {
        var (value, problem) = ToolInput.Number(text);
        if (problem is not null)
        {
            problems["Quantity"] = problem;
            return null;
        }

        var grams = portion?.Seq == 0;
        if (value is null)
            problems["Quantity"] = grams ? "Enter how many grams, like 150." : "Enter how many portions, like 1 or 0.5.";
        else if (value <= 0)
            problems["Quantity"] = grams ? "Enter more than 0 grams." : "Enter more than 0 portions.";
        else if (grams && value > (decimal)MaxGrams)
            problems["Quantity"] = $"The planner takes up to {MaxGrams:#,0} g in one line.";
        else if (!grams && value > (decimal)MaxPortions)
            problems["Quantity"] = $"The planner takes up to {MaxPortions:0} portions in one line.";
        else if (portion is not null && (double)value.Value * portion.Grams > MaxGrams)
            problems["Quantity"] = $"That is {(double)value.Value * portion.Grams:#,0} g; the planner takes up to {MaxGrams:#,0} g in one line.";
        else
            return (double)value.Value;
        return null;
    }

    /// <summary>
    /// The activity line, or problems by field (ActivityCode, Minutes, WeightKg). The weight is the one known for the
    /// person, else the one typed on the form.
    /// </summary>
    public static (ExerciseLine? Line, Dictionary<string, string> Problems) Exercise(ExerciseRequest request, double? knownWeightKg, string key = "")
    {
        var problems = new Dictionary<string, string>();
        var activity = request.ActivityCode is { } code ? ExerciseTable.Find(code) : null;
        if (activity is null)
            problems["ActivityCode"] = "Choose an activity from the list.";

        var (minutes, problem) = ToolInput.Number(request.Minutes);
        if (problem is not null)
            problems["Minutes"] = problem;
        else if (minutes is null)
            problems["Minutes"] = "Enter how many minutes, like 30.";
        else if (minutes != decimal.Truncate(minutes.Value))
            problems["Minutes"] = "Enter whole minutes, like 30.";
        else if (minutes < MinMinutes || minutes > MaxMinutes)
            problems["Minutes"] = $"Enter between {MinMinutes} and {MaxMinutes} minutes.";

        var weight = knownWeightKg;
        if (weight is null)
        {
            var (typed, weightProblem) = ToolInput.Number(request.WeightKg);
            if (weightProblem is not null)
                problems["WeightKg"] = weightProblem;
            else if (Weight(typed) is { } w)
                weight = w;
            else
                problems["WeightKg"] = typed is null ? "Enter your weight in kilograms: the calories burned depend on it." : WeightMessage;
        }

        if (problems.Count > 0 || activity is null || weight is null)
            return (null, problems);
        var m = (int)minutes!.Value;
        return (new ExerciseLine(key, activity.Code, activity.Name, activity.Met, m, weight.Value, ExerciseTable.Kcal(activity.Met, weight.Value, m)), problems);
    }

    public static readonly string WeightMessage = $"Enter a weight between {MinWeightKg:0} and {MaxWeightKg:0} kg.";

    /// <summary>A weight within the planner's range, else null.</summary>
    public static double? Weight(decimal? kg) => kg is { } w && w >= (decimal)MinWeightKg && w <= (decimal)MaxWeightKg ? (double)w : null;

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
