using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>
/// Two foods in SR28's shape with ids no real food has (99001, 99002), so the planner's tests work out their totals by
/// hand: a banana with every figure, and a yogurt USDA-style without a sugars value and without fibre.
/// </summary>
internal static class PlannerTestFoods
{
    public const string Banana = "99001";
    public const string Yogurt = "99002";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureAsync(MedAtlasApp app)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            await app.WithDbAsync(async db =>
            {
                if (await db.Set<Food>().AnyAsync(f => f.Id == Banana))
                    return 0;
                if (!await db.Set<FoodGroup>().AnyAsync(g => g.Code == "9900"))
                    db.Add(new FoodGroup { Code = "9900", Name = "Planner test foods" });
                foreach (var (id, name) in new[] { ("208", "Energy"), ("205", "Carbohydrate, by difference"), ("203", "Protein"), ("204", "Total lipid (fat)"), ("291", "Fiber, total dietary"), ("307", "Sodium, Na"), ("269", "Sugars, total") })
                {
                    if (!await db.Set<Nutrient>().AnyAsync(n => n.Id == id))
                        db.Add(new Nutrient { Id = id, Name = name, Unit = id == "208" ? "kcal" : id == "307" ? "mg" : "g" });
                }

                db.Add(new Food { Id = Banana, GroupCode = "9900", Name = "Plannertest banana, raw", Origin = ContentOrigin.Starter });
                db.Add(new Food { Id = Yogurt, GroupCode = "9900", Name = "Plannertest yogurt, greek, plain, nonfat", Origin = ContentOrigin.Starter });
                Values(db, Banana, 89, 22.84, 1.09, 0.33, 2.6, 1, 12.23);
                Values(db, Yogurt, 59, 3.6, 10.19, 0.39, null, 36, null);
                db.Add(new FoodPortion { FoodId = Banana, Seq = 1, Amount = 1, Description = "medium (7\" to 7-7/8\" long)", Grams = 118 });
                db.Add(new FoodPortion { FoodId = Banana, Seq = 2, Amount = 1, Description = "cup, sliced", Grams = 150 });
                db.Add(new FoodPortion { FoodId = Yogurt, Seq = 1, Amount = 1, Description = "container (6 oz)", Grams = 170 });
                // As an import does: the food search index rebuilds when the "foods" stamp moves.
                await DataStamps.BumpAsync(db, "foods", TestContext.Current.CancellationToken);
                return await db.SaveChangesAsync();
            });
            app.Services.GetRequiredService<DataStamps>().Invalidate();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Values(MedAtlasDbContext db, string food, double kcal, double carbs, double protein, double fat, double? fibre, double sodium, double? sugars)
    {
        void Add(string nutrient, double? value)
        {
            if (value is { } v)
                db.Add(new FoodNutrient { FoodId = food, NutrientId = nutrient, Value = v });
        }

        Add("208", kcal);
        Add("205", carbs);
        Add("203", protein);
        Add("204", fat);
        Add("291", fibre);
        Add("307", sodium);
        Add("269", sugars);
    }
}
