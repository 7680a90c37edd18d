using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Foods.Pages;

/// <summary>One nutrient of a food: per 100 g and per the measure chosen, in USDA's unit and decimals.</summary>
internal sealed record FoodNutrientRow(string Name, string Unit, int Decimals, double Per100g)
{
    public string Show(double grams) => (Per100g * grams / 100).ToString("N" + Math.Clamp(Decimals, 0, 3), CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>/foods/{id}</c>: a food of the USDA SR28 catalogue, its household measures and every nutrient USDA gives for it,
/// per 100 g and per the measure picked (a GET form: catalogue data, nothing personal). Public.
/// </summary>
[PublicCache]
internal sealed class FoodModel(MedAtlasDbContext db, FoodCatalog catalog) : PageModel
{
    public FoodDetails Food { get; private set; } = null!;

    public FoodPortionChoice Shown { get; private set; } = null!;

    public IReadOnlyList<FoodNutrientRow> Nutrients { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Portion { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 5 || !id.All(char.IsAsciiDigit) || await catalog.FindAsync(id, cancellationToken) is not { } food)
            return NotFound();

        Food = food;
        // The first household measure unless another was picked; 100 g for a food with none.
        Shown = (Portion is { } seq ? food.Portion(seq) : null) ?? (food.Portions.Count > 0 ? food.Portions[0] : null) ?? new FoodPortionChoice(0, "100 g", 100);
        Portion = Shown.Seq;
        if (Shown.Seq == 0)
            Shown = new FoodPortionChoice(0, "100 g", 100);

        Nutrients = await db.Set<FoodNutrient>().AsNoTracking().Where(v => v.FoodId == id)
            .Join(db.Set<Nutrient>(), v => v.NutrientId, n => n.Id, (v, n) => new { n.Name, n.Unit, n.Decimals, n.SortOrder, v.Value })
            .OrderBy(n => n.SortOrder)
            .Select(n => new FoodNutrientRow(n.Name, n.Unit, n.Decimals, n.Value))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
