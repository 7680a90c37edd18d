using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>A food line of a visitor's log: what was chosen, not its figures (those come from the catalogue when shown).</summary>
internal sealed record AnonymousFood(DateOnly Day, Meal Meal, string FoodId, int PortionSeq, double Quantity);

/// <summary>An activity of a visitor's log.</summary>
internal sealed record AnonymousExercise(DateOnly Day, string ActivityCode, int Minutes);

/// <summary>The goals' details a visitor gave (so the steps can be shown again), and the goals when typed rather than worked out.</summary>
internal sealed record AnonymousGoals(double? HeightCm, int? AgeYears, string? EquationSex, ActivityLevel Activity, bool PregnantOrBreastfeeding, NutritionFigures? Typed);

/// <summary>
/// A visitor's planner, kept in the page's address and nowhere else (no cookie, nothing on the server). The <c>log</c>
/// value is "1" (the format's version) followed by base64url of a few short text lines:
/// <c>w 70</c> (weight, kg), <c>p 165 40 f Moderate 0</c> (goals' details), <c>g 2000 250 75 65 28 2300 50</c> (typed goals),
/// <c>f 20261201 B 09040 2 1</c> (day, meal, NDB number, portion seq, quantity), <c>e 20261201 17160 30</c> (day, activity, minutes).
/// Reading is strict: anything else, or a value too long, is refused whole, and the page starts empty.
/// </summary>
internal sealed record AnonymousLog(IReadOnlyList<AnonymousFood> Foods, IReadOnlyList<AnonymousExercise> Exercise, double? WeightKg, AnonymousGoals? Goals)
{
    /// <summary>The longest value read or written: addresses of about 4,000 characters work in every browser and server.</summary>
    public const int MaxLength = 4000;

    /// <summary>Days kept before the newest day in the log: a week for the charts, and a week before it.</summary>
    public const int KeepDays = 14;

    private const char Version = '1';

    public static readonly AnonymousLog Empty = new([], [], null, null);

    public bool IsEmpty => Foods.Count == 0 && Exercise.Count == 0 && WeightKg is null && Goals is null;

    /// <summary>The address value; days more than <see cref="KeepDays"/> before the newest are dropped. May exceed <see cref="MaxLength"/>: the caller refuses the change then.</summary>
    public string Encode()
    {
        var newest = Foods.Select(f => f.Day).Concat(Exercise.Select(e => e.Day)).DefaultIfEmpty(DateOnly.MinValue).Max();
        var oldest = newest.DayNumber >= KeepDays ? newest.AddDays(1 - KeepDays) : DateOnly.MinValue;
        var text = new StringBuilder();
        if (WeightKg is { } w)
            text.Append("w ").Append(N(w)).Append('\n');
        if (Goals is { } g)
        {
            text.Append("p ").Append(g.HeightCm is { } h ? N(h) : "-").Append(' ').Append(g.AgeYears?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(' ').Append(g.EquationSex switch { "female" => "f", "male" => "m", _ => "-" }).Append(' ').Append(g.Activity)
                .Append(' ').Append(g.PregnantOrBreastfeeding ? '1' : '0').Append('\n');
            if (g.Typed is { } t)
                text.Append("g ").AppendJoin(' ', PlannerFigure.All.Select(f => N(f.Of(t) ?? 0))).Append('\n');
        }

        foreach (var f in Foods.Where(f => f.Day >= oldest))
            text.Append("f ").Append(D(f.Day)).Append(' ').Append(f.Meal.ToString()[0]).Append(' ').Append(f.FoodId).Append(' ')
                .Append(f.PortionSeq.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(N(f.Quantity)).Append('\n');
        foreach (var e in Exercise.Where(e => e.Day >= oldest))
            text.Append("e ").Append(D(e.Day)).Append(' ').Append(e.ActivityCode).Append(' ').Append(e.Minutes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return Version + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The log in <paramref name="value"/>: empty when there is none, null with the reason when it cannot be read.</summary>
    public static (AnonymousLog? Log, string? Problem) Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return (Empty, null);
        if (value.Length > MaxLength)
            return (null, $"The log in this address is longer than {MaxLength:#,0} characters, more than the planner keeps, so it could not be read.");
        if (value[0] != Version || !Base64Url.IsValid(value.AsSpan(1)))
            return (null, Unreadable);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(value.AsSpan(1)));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return (null, Unreadable);
        }

        var foods = new List<AnonymousFood>();
        var exercise = new List<AnonymousExercise>();
        double? weight = null;
        AnonymousGoals? goals = null;
        NutritionFigures? typed = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var ok = parts[0] switch
            {
                "w" when parts.Length == 2 && weight is null => Number(parts[1], PlannerRules.MinWeightKg, PlannerRules.MaxWeightKg, out var w) && (weight = w) is not null,
                "p" when parts.Length == 6 && goals is null => GoalDetails(parts, out goals),
                "g" when parts.Length == 8 && typed is null => TypedGoals(parts, out typed),
                "f" when parts.Length == 6 => Food(parts, foods),
                "e" when parts.Length == 4 => ExerciseLine(parts, exercise),
                _ => false,
            };
            if (!ok)
                return (null, Unreadable);
        }

        if (typed is not null && goals is null)
            return (null, Unreadable);
        return (new AnonymousLog(foods, exercise, weight, goals is null ? null : goals with { Typed = typed }), null);
    }

    public const string Unreadable = "The log saved in this address could not be read (it may have been cut short or changed), so the planner starts empty.";

    private static bool Food(string[] p, List<AnonymousFood> foods)
    {
        Meal? meal = p[2] switch { "B" => Meal.Breakfast, "L" => Meal.Lunch, "D" => Meal.Dinner, "S" => Meal.Snack, _ => null };
        if (!Day(p[1], out var day) || meal is null || p[3].Length != 5 || !p[3].All(char.IsAsciiDigit)
            || !int.TryParse(p[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq > 999
            || !Number(p[5], 0, seq == 0 ? PlannerRules.MaxGrams : PlannerRules.MaxPortions, out var quantity) || quantity <= 0)
            return false;
        foods.Add(new AnonymousFood(day, meal.Value, p[3], seq, quantity));
        return true;
    }

    private static bool ExerciseLine(string[] p, List<AnonymousExercise> exercise)
    {
        if (!Day(p[1], out var day) || ExerciseTable.Find(p[2]) is null
            || !int.TryParse(p[3], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is < PlannerRules.MinMinutes or > PlannerRules.MaxMinutes)
            return false;
        exercise.Add(new AnonymousExercise(day, p[2], minutes));
        return true;
    }

    private static bool GoalDetails(string[] p, out AnonymousGoals? goals)
    {
        goals = null;
        double? height = null;
        int? age = null;
        if (p[1] != "-")
        {
            if (!Number(p[1], 0, 300, out var h))
                return false;
            height = h;
        }

        if (p[2] != "-")
        {
            if (!int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a > 150)
                return false;
            age = a;
        }

        string? sex = p[3] switch { "f" => "female", "m" => "male", "-" => null, _ => "?" };
        if (sex == "?" || !Enum.TryParse<ActivityLevel>(p[4], ignoreCase: false, out var activity) || !Enum.IsDefined(activity)
            || p[4].Any(char.IsAsciiDigit) || p[5] is not ("0" or "1"))
            return false;
        goals = new AnonymousGoals(height, age, sex, activity, p[5] == "1", null);
        return true;
    }

    private static bool TypedGoals(string[] p, out NutritionFigures? typed)
    {
        typed = null;
        var v = new double[7];
        for (var i = 0; i < 7; i++)
        {
            if (!Number(p[i + 1], 0, 10000, out v[i]))
                return false;
        }

        typed = new NutritionFigures(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        return true;
    }

    private static bool Day(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool Number(string text, double min, double max, out double value)
    {
        if (text.Length <= 12 && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        value = 0;
        return false;
    }

    private static string D(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
