using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>
/// The RxNorm codes of catalogue drugs, for features that send a medicine to another system (a FHIR export) or read
/// one from it. Only a single-ingredient drug has one: its ingredient's RxCUI (term type IN), as imported by
/// <c>import rxnorm-ingredients</c>. A combination has no ingredient code of its own, so it has none here; nothing
/// is guessed.
/// </summary>
internal sealed class DrugCodes(MedAtlasDbContext db)
{
    /// <summary>Slug → RxCUI for those of <paramref name="slugs"/> that have one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RxCuiForAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);

        var rows = await (
            from drug in db.Set<Drug>()
            where wanted.Contains(drug.Slug) && drug.Ingredients.Count == 1
            from ingredient in drug.Ingredients
            join code in db.Set<IngredientCode>() on ingredient.Name equals code.Ingredient
            select new { drug.Slug, code.RxCui })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Slug, r => r.RxCui, StringComparer.Ordinal);
    }

    /// <summary>
    /// RxCUI → slug of the single-ingredient catalogue drug with that ingredient code, for those of
    /// <paramref name="rxCuis"/> that name one. A code of a clinical drug ("atorvastatin 20 MG Oral Tablet") is not an
    /// ingredient code and finds nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> DrugForRxCuiAsync(IEnumerable<string> rxCuis, CancellationToken cancellationToken)
    {
        var wanted = rxCuis.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);

        var rows = await (
            from code in db.Set<IngredientCode>()
            where wanted.Contains(code.RxCui)
            join drug in db.Set<Drug>() on code.Ingredient equals drug.IngredientKey
            where drug.Ingredients.Count == 1
            select new { code.RxCui, drug.Slug })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        // Two drugs on one ingredient would make the code ambiguous here too; then neither is taken.
        return rows.GroupBy(r => r.RxCui, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Slug).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Slug, StringComparer.Ordinal);
    }
}
