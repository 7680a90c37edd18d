using System.Security.Claims;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>
/// A profile's planner: its days, week, goals and the changes to them. The caller has loaded the profile through
/// <see cref="ProfileAccess"/> (a Manager grant for changes); every query here is filtered by that profile, so an entry
/// id of another profile is "not found". A caregiver's changes go into the profile's access log.
/// </summary>
internal sealed class PlannerLog(MedAtlasDbContext db, FoodCatalog catalog, ProfileAccess access, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // The day page's three reads, compiled once: it is the planner's most requested page (docs/benchmarks.md, "Issue 16").
    private static readonly Func<MedAtlasDbContext, Guid, CancellationToken, Task<PlannerGoals?>> GoalsOf =
        EF.CompileAsyncQuery((MedAtlasDbContext db, Guid id, CancellationToken _) =>
            db.Set<PlannerGoals>().AsNoTracking().FirstOrDefault(g => g.ProfileId == id));

    private static readonly Func<MedAtlasDbContext, Guid, DateOnly, IAsyncEnumerable<FoodLogEntry>> FoodsOf =
        EF.CompileAsyncQuery<MedAtlasDbContext, Guid, DateOnly, FoodLogEntry>((MedAtlasDbContext db, Guid id, DateOnly day) =>
            db.Set<FoodLogEntry>().AsNoTracking().Where(e => e.ProfileId == id && e.Day == day).OrderBy(e => e.CreatedAt));

    private static readonly Func<MedAtlasDbContext, Guid, DateOnly, IAsyncEnumerable<ExerciseLogEntry>> ExerciseOf =
        EF.CompileAsyncQuery<MedAtlasDbContext, Guid, DateOnly, ExerciseLogEntry>((MedAtlasDbContext db, Guid id, DateOnly day) =>
            db.Set<ExerciseLogEntry>().AsNoTracking().Where(e => e.ProfileId == id && e.Day == day).OrderBy(e => e.CreatedAt));

    public Task<PlannerGoals?> GoalsAsync(ProfileGrant grant, CancellationToken cancellationToken) =>
        GoalsOf(db, grant.Profile.Id, cancellationToken);

    /// <summary>The day, and the weight exercise on it is worked out with (<see cref="KnownWeightAsync"/>, from the same read of the goals).</summary>
    public async Task<(PlannerDay Day, double? KnownWeightKg)> DayAsync(ProfileGrant grant, DateOnly day, CancellationToken cancellationToken)
    {
        var id = grant.Profile.Id;
        var foods = new List<FoodLine>();
        await foreach (var entry in FoodsOf(db, id, day).WithCancellation(cancellationToken))
            foods.Add(Line(entry));
        var exercise = new List<ExerciseLine>();
        await foreach (var entry in ExerciseOf(db, id, day).WithCancellation(cancellationToken))
            exercise.Add(Line(entry));
        var goals = await GoalsAsync(grant, cancellationToken);
        return (new PlannerDay(day, foods, exercise, goals?.Figures), KnownWeight(grant, goals));
    }

    public async Task<PlannerWeek> WeekAsync(ProfileGrant grant, DateOnly end, CancellationToken cancellationToken)
    {
        var id = grant.Profile.Id;
        var start = end.AddDays(-6);
        var foods = await db.Set<FoodLogEntry>().AsNoTracking().Where(e => e.ProfileId == id && e.Day >= start && e.Day <= end)
            .Select(e => new { e.Day, e.Kcal, e.CarbsG }).ToListAsync(cancellationToken);
        var exercise = await db.Set<ExerciseLogEntry>().AsNoTracking().Where(e => e.ProfileId == id && e.Day >= start && e.Day <= end)
            .Select(e => new { e.Day, e.Kcal }).ToListAsync(cancellationToken);
        var goals = await GoalsAsync(grant, cancellationToken);
        var days = Enumerable.Range(0, 7).Select(i => start.AddDays(i)).Select(d => new WeekDay(d,
            foods.Where(f => f.Day == d).Sum(f => f.Kcal ?? 0), exercise.Where(e => e.Day == d).Sum(e => e.Kcal), foods.Where(f => f.Day == d).Sum(f => f.CarbsG ?? 0)))
            .ToList();
        return new PlannerWeek(end, days, goals?.Figures);
    }

    /// <summary>Logs a food with its figures worked out now; the problems by field when it cannot, and nothing saved.</summary>
    public async Task<Dictionary<string, string>> AddFoodAsync(ProfileGrant grant, DateOnly day, FoodRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var food = request.FoodId is { Length: > 0 } foodId ? await catalog.FindAsync(foodId, cancellationToken) : null;
        var (line, problems) = PlannerRules.Food(food, request);
        if (line is null)
            return problems;
        var f = line.Figures;
        db.Set<FoodLogEntry>().Add(new FoodLogEntry
        {
            Id = Guid.NewGuid(), ProfileId = grant.Profile.Id, Day = day, Meal = line.Meal, FoodId = line.FoodId, FoodName = Cut(line.FoodName, 200),
            PortionSeq = request.PortionSeq, PortionText = Cut(line.PortionText, 120), Quantity = line.Quantity, Grams = line.Grams,
            Kcal = f.Kcal, CarbsG = f.CarbsG, ProteinG = f.ProteinG, FatG = f.FatG, FibreG = f.FibreG, SodiumMg = f.SodiumMg, SugarsG = f.SugarsG,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await access.RecordAsync(grant, user, "changed", $"Planner: added a food to {PlannerWords.Iso(day)}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return problems;
    }

    /// <summary>The weight exercise calories are worked out with: the profile's, else the one the goals were worked out from.</summary>
    public async Task<double?> KnownWeightAsync(ProfileGrant grant, CancellationToken cancellationToken) =>
        KnownWeight(grant, await GoalsAsync(grant, cancellationToken));

    private static double? KnownWeight(ProfileGrant grant, PlannerGoals? goals) =>
        PlannerRules.Weight(grant.Profile.WeightKg) ?? PlannerRules.Weight((decimal?)goals?.WeightKg);

    public async Task<Dictionary<string, string>> AddExerciseAsync(ProfileGrant grant, DateOnly day, ExerciseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (line, problems) = PlannerRules.Exercise(request, await KnownWeightAsync(grant, cancellationToken));
        if (line is null)
            return problems;
        db.Set<ExerciseLogEntry>().Add(new ExerciseLogEntry
        {
            Id = Guid.NewGuid(), ProfileId = grant.Profile.Id, Day = day, ActivityCode = line.ActivityCode, ActivityName = Cut(line.ActivityName, 120),
            Met = line.Met, Minutes = line.Minutes, WeightKg = line.WeightKg, Kcal = line.Kcal, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await access.RecordAsync(grant, user, "changed", $"Planner: added an activity to {PlannerWords.Iso(day)}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return problems;
    }

    /// <summary>Removes a food line of this profile; false (a 404) when the profile has no such line.</summary>
    public async Task<DateOnly?> RemoveFoodAsync(ProfileGrant grant, Guid entryId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Set<FoodLogEntry>().FirstOrDefaultAsync(e => e.Id == entryId && e.ProfileId == grant.Profile.Id, cancellationToken) is not { } entry)
            return null;
        db.Remove(entry);
        await access.RecordAsync(grant, user, "changed", $"Planner: removed a food from {PlannerWords.Iso(entry.Day)}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Day;
    }

    public async Task<DateOnly?> RemoveExerciseAsync(ProfileGrant grant, Guid entryId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Set<ExerciseLogEntry>().FirstOrDefaultAsync(e => e.Id == entryId && e.ProfileId == grant.Profile.Id, cancellationToken) is not { } entry)
            return null;
        db.Remove(entry);
        await access.RecordAsync(grant, user, "changed", $"Planner: removed an activity from {PlannerWords.Iso(entry.Day)}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Day;
    }

    /// <summary>Saves the goals and the details they came from; <paramref name="custom"/> when the person typed the goals.</summary>
    public async Task SaveGoalsAsync(ProfileGrant grant, GoalsInput input, NutritionFigures goals, bool custom, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await db.Set<PlannerGoals>().FirstOrDefaultAsync(g => g.ProfileId == grant.Profile.Id, cancellationToken);
        if (saved is null)
        {
            saved = new PlannerGoals { ProfileId = grant.Profile.Id };
            db.Add(saved);
        }

        saved.WeightKg = input.WeightKg;
        saved.HeightCm = input.HeightCm;
        saved.AgeYears = input.AgeYears;
        saved.EquationSex = input.EquationSex;
        saved.Activity = input.Activity;
        saved.Kcal = goals.Kcal ?? 0;
        saved.CarbsG = goals.CarbsG ?? 0;
        saved.ProteinG = goals.ProteinG ?? 0;
        saved.FatG = goals.FatG ?? 0;
        saved.FibreG = goals.FibreG ?? 0;
        saved.SodiumMg = goals.SodiumMg ?? 0;
        saved.SugarsG = goals.SugarsG ?? 0;
        saved.Custom = custom;
        saved.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await access.RecordAsync(grant, user, "changed", "Planner: saved the daily goals", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static FoodLine Line(FoodLogEntry e) =>
        new(e.Id.ToString(), e.Meal, e.FoodId, e.FoodName, e.PortionText, e.Quantity, e.Grams, e.Figures);

    private static ExerciseLine Line(ExerciseLogEntry e) =>
        new(e.Id.ToString(), e.ActivityCode, e.ActivityName, e.Met, e.Minutes, e.WeightKg, e.Kcal);

    private static string Cut(string s, int max) => s.Length > max ? s[..max] : s;
}
