using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>
/// The tools' share of "download my data" and "delete my account": for each profile the account owns, its food and
/// exercise log, its daily goals and its saved bolus settings. Erasing deletes those rows (deleting the profiles
/// would take them by cascade too; this source does not rely on running after My Medicine's).
/// </summary>
internal sealed class PlannerPersonalData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "planner";

    public IReadOnlyList<Type> Entities { get; } = [typeof(FoodLogEntry), typeof(ExerciseLogEntry), typeof(PlannerGoals), typeof(BolusSettings)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var profiles = await db.Set<Profile>().AsNoTracking().Where(p => p.AccountId == accountId).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var ids = profiles.Select(p => p.Id).ToList();
        var foods = (await db.Set<FoodLogEntry>().AsNoTracking().Where(e => ids.Contains(e.ProfileId)).ToListAsync(cancellationToken))
            .OrderBy(e => e.Day).ThenBy(e => e.CreatedAt).ToLookup(e => e.ProfileId);
        var exercise = (await db.Set<ExerciseLogEntry>().AsNoTracking().Where(e => ids.Contains(e.ProfileId)).ToListAsync(cancellationToken))
            .OrderBy(e => e.Day).ThenBy(e => e.CreatedAt).ToLookup(e => e.ProfileId);
        var goals = await db.Set<PlannerGoals>().AsNoTracking().Where(g => ids.Contains(g.ProfileId)).ToDictionaryAsync(g => g.ProfileId, cancellationToken);
        var bolus = await db.Set<BolusSettings>().AsNoTracking().Where(s => ids.Contains(s.ProfileId)).ToDictionaryAsync(s => s.ProfileId, cancellationToken);
        var withData = profiles.Where(p => foods[p.Id].Any() || exercise[p.Id].Any() || goals.ContainsKey(p.Id) || bolus.ContainsKey(p.Id)).ToList();
        if (withData.Count == 0)
            return null;

        return withData.Select(p => new
        {
            ProfileId = p.Id,
            Profile = p.Name,
            FoodLog = foods[p.Id].Select(e => new
            {
                e.Day, Meal = e.Meal.ToString(), e.FoodId, e.FoodName, e.PortionText, e.Quantity, e.Grams,
                e.Kcal, e.CarbsG, e.ProteinG, e.FatG, e.FibreG, e.SodiumMg, e.SugarsG, e.CreatedAt,
            }),
            ExerciseLog = exercise[p.Id].Select(e => new { e.Day, e.ActivityCode, e.ActivityName, e.Met, e.Minutes, e.WeightKg, e.Kcal, e.CreatedAt }),
            Goals = goals.GetValueOrDefault(p.Id) is { } g
                ? new
                {
                    g.WeightKg, g.HeightCm, g.AgeYears, g.EquationSex, Activity = g.Activity.ToString(),
                    g.Kcal, g.CarbsG, g.ProteinG, g.FatG, g.FibreG, g.SodiumMg, g.SugarsG, g.Custom, g.UpdatedAt,
                }
                : null,
            BolusSettings = bolus.GetValueOrDefault(p.Id) is { } b
                ? new { b.Unit, b.CarbRatio, b.TargetGlucose, b.CorrectionFactor, b.Increment, b.MaxBolus, b.UpdatedAt }
                : null,
        }).ToList();
    }

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        var owned = db.Set<Profile>().Where(p => p.AccountId == accountId).Select(p => p.Id);
        await db.Set<FoodLogEntry>().Where(e => owned.Contains(e.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ExerciseLogEntry>().Where(e => owned.Contains(e.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<PlannerGoals>().Where(g => owned.Contains(g.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<BolusSettings>().Where(s => owned.Contains(s.ProfileId)).ExecuteDeleteAsync(cancellationToken);
    }
}
