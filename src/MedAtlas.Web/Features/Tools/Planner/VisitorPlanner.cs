using MedAtlas.Web.Features.Foods;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>
/// The visitor's planner: the same day, goals and week as a profile's, read from the <see cref="AnonymousLog"/> in the
/// address, with each food's figures from the catalogue at the time it is shown. Changes return a new log.
/// </summary>
internal sealed class VisitorPlanner(FoodCatalog catalog)
{
    public async Task<(PlannerDay Day, PlannerWeek Week)> ShowAsync(AnonymousLog log, DateOnly day, CancellationToken cancellationToken)
    {
        var foods = await catalog.FindManyAsync(log.Foods.Select(f => f.FoodId), cancellationToken);
        var lines = new List<(DateOnly Day, FoodLine Line)>();
        for (var i = 0; i < log.Foods.Count; i++)
        {
            var f = log.Foods[i];
            // A food or measure no longer in the catalogue (another import) is left out rather than guessed.
            if (PlannerRules.Food(foods.GetValueOrDefault(f.FoodId), new FoodRequest(f.FoodId, f.Meal, f.PortionSeq, PlannerWords.Amount(f.Quantity)), Key(i)).Line is { } line)
                lines.Add((f.Day, line));
        }

        var exercise = new List<(DateOnly Day, ExerciseLine Line)>();
        for (var i = 0; i < log.Exercise.Count; i++)
        {
            var e = log.Exercise[i];
            if (log.WeightKg is { } w && ExerciseTable.Find(e.ActivityCode) is { } a)
                exercise.Add((e.Day, new ExerciseLine(Key(i), a.Code, a.Name, a.Met, e.Minutes, w, ExerciseTable.Kcal(a.Met, w, e.Minutes))));
        }

        var goals = Goals(log);
        var planner = new PlannerDay(day, [.. lines.Where(l => l.Day == day).Select(l => l.Line)], [.. exercise.Where(e => e.Day == day).Select(e => e.Line)], goals);
        var dayOfFood = lines.ToDictionary(l => l.Line, l => l.Day);
        var dayOfExercise = exercise.ToDictionary(e => e.Line, e => e.Day);
        var week = PlannerWeek.From(day, lines.Select(l => l.Line), exercise.Select(e => e.Line), l => dayOfFood[l], e => dayOfExercise[e], goals);
        return (planner, week);
    }

    /// <summary>The goals typed, or worked out from the details given; null when there are none.</summary>
    public static NutritionFigures? Goals(AnonymousLog log) =>
        log.Goals is not { } g ? null : g.Typed ?? DailyGoals.Calculate(Input(log)).Goals;

    public static GoalsInput Input(AnonymousLog log) =>
        new(log.WeightKg, log.Goals?.HeightCm, log.Goals?.AgeYears, log.Goals?.EquationSex, log.Goals?.Activity ?? ActivityLevel.Light, log.Goals?.PregnantOrBreastfeeding ?? false);

    /// <summary>The log with the food added, or the problems by field.</summary>
    public async Task<(AnonymousLog? Log, Dictionary<string, string> Problems)> AddFoodAsync(AnonymousLog log, DateOnly day, FoodRequest request, CancellationToken cancellationToken)
    {
        var food = request.FoodId is { Length: > 0 } id ? await catalog.FindAsync(id, cancellationToken) : null;
        var (line, problems) = PlannerRules.Food(food, request);
        return line is null
            ? (null, problems)
            : (log with { Foods = [.. log.Foods, new AnonymousFood(day, line.Meal, line.FoodId, request.PortionSeq, line.Quantity)] }, problems);
    }

    public static (AnonymousLog? Log, Dictionary<string, string> Problems) AddExercise(AnonymousLog log, DateOnly day, ExerciseRequest request)
    {
        var (line, problems) = PlannerRules.Exercise(request, log.WeightKg);
        return line is null
            ? (null, problems)
            : (log with { WeightKg = line.WeightKg, Exercise = [.. log.Exercise, new AnonymousExercise(day, line.ActivityCode, line.Minutes)] }, problems);
    }

    /// <summary>The log without the line with this key, or null when there is no such line.</summary>
    public static AnonymousLog? Remove(AnonymousLog log, string kind, string? key)
    {
        if (!int.TryParse(key, out var index) || index < 0)
            return null;
        return kind == "food"
            ? index < log.Foods.Count ? log with { Foods = [.. log.Foods.Where((_, i) => i != index)] } : null
            : index < log.Exercise.Count ? log with { Exercise = [.. log.Exercise.Where((_, i) => i != index)] } : null;
    }

    private static string Key(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
