using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Foods;

/// <summary>The seven figures the planner counts, for one food line, one day or one goal. Null: not known (USDA has no value).</summary>
internal readonly record struct NutritionFigures(
    double? Kcal, double? CarbsG, double? ProteinG, double? FatG, double? FibreG, double? SodiumMg, double? SugarsG)
{
    /// <summary>These figures (per 100 g) for <paramref name="grams"/> grams.</summary>
    public NutritionFigures Scale(double grams)
    {
        var f = grams / 100.0;
        return new(Kcal * f, CarbsG * f, ProteinG * f, FatG * f, FibreG * f, SodiumMg * f, SugarsG * f);
    }
}

/// <summary>USDA nutrient numbers (NUTR_DEF.txt Nutr_No) the planner reads.</summary>
internal static class NutrientIds
{
    public const string Energy = "208";
    public const string Carbohydrate = "205";
    public const string Protein = "203";
    public const string Fat = "204";
    public const string Fibre = "291";
    public const string Sodium = "307";
    public const string Sugars = "269";

    public static readonly string[] Planner = [Energy, Carbohydrate, Protein, Fat, Fibre, Sodium, Sugars];
}

/// <summary>A household measure offered for a food; <see cref="Seq"/> 0 is grams.</summary>
internal sealed record FoodPortionChoice(int Seq, string Label, double Grams);

/// <summary>A food as the planner and the API show it: its measures, and the seven figures per 100 g.</summary>
internal sealed record FoodDetails(
    string Id, string Name, string GroupName, string? CommonNames, IReadOnlyList<FoodPortionChoice> Portions, NutritionFigures Per100g)
{
    /// <summary>The measure with this sequence number, or grams for 0; null when the food has no such measure.</summary>
    public FoodPortionChoice? Portion(int seq) => seq == 0 ? FoodCatalog.Gram : Portions.FirstOrDefault(p => p.Seq == seq);
}

/// <summary>A search hit: enough to list it and to pick it.</summary>
internal sealed record FoodHit(string Id, string Name, string GroupName, double? KcalPer100g);

/// <summary>
/// What other features know of the foods catalogue (USDA SR28): a food by its NDB number, and search. The tables are
/// this feature's; the planner and the API use this service only.
/// </summary>
internal sealed class FoodCatalog(MedAtlasDbContext db, FoodSearchIndex index)
{
    /// <summary>"1 g": the measure every food has (a quantity of grams).</summary>
    public static readonly FoodPortionChoice Gram = new(0, "g", 1);

    public async Task<FoodDetails?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await FindManyAsync([id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>The foods with these NDB numbers that exist (unknown ones are left out).</summary>
    public async Task<IReadOnlyDictionary<string, FoodDetails>> FindManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i is { Length: > 0 and <= 5 }).Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, FoodDetails>();
        var foods = await db.Set<Food>().AsNoTracking().Where(f => wanted.Contains(f.Id))
            .Join(db.Set<FoodGroup>(), f => f.GroupCode, g => g.Code, (f, g) => new { f.Id, f.Name, f.CommonNames, Group = g.Name })
            .ToListAsync(cancellationToken);
        var found = foods.Select(f => f.Id).ToList();
        var portions = (await db.Set<FoodPortion>().AsNoTracking().Where(p => found.Contains(p.FoodId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.FoodId);
        var values = (await db.Set<FoodNutrient>().AsNoTracking()
                .Where(v => found.Contains(v.FoodId) && NutrientIds.Planner.Contains(v.NutrientId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.FoodId);
        return foods.ToDictionary(f => f.Id, f => new FoodDetails(
            f.Id, f.Name, f.Group, f.CommonNames,
            [.. portions[f.Id].OrderBy(p => p.Seq).Select(p => new FoodPortionChoice(p.Seq, PortionLabel(p.Amount, p.Description), p.Grams))],
            Figures(values[f.Id])));
    }

    /// <summary>Foods matching what a person typed, best first (typo tolerant; see <see cref="FoodSearchIndex"/>).</summary>
    public Task<IReadOnlyList<FoodHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        index.SearchAsync(query, limit, cancellationToken);

    /// <summary>"1 cup, chopped", "0.5 cup": USDA's amount and measure as a person reads them.</summary>
    public static string PortionLabel(double amount, string description) =>
        $"{amount.ToString("0.###", CultureInfo.InvariantCulture)} {description}";

    private static NutritionFigures Figures(IEnumerable<FoodNutrient> values)
    {
        var byId = values.ToDictionary(v => v.NutrientId, v => (double?)v.Value);
        double? Of(string id) => byId.GetValueOrDefault(id);
        return new(Of(NutrientIds.Energy), Of(NutrientIds.Carbohydrate), Of(NutrientIds.Protein), Of(NutrientIds.Fat),
            Of(NutrientIds.Fibre), Of(NutrientIds.Sodium), Of(NutrientIds.Sugars));
    }
}
