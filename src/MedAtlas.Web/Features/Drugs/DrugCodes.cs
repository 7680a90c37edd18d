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

    /// <summary>
    /// Every product code on the catalogue's labels (9 digits, <see cref="Ndc.NormalizeProduct"/>) → the slugs of the
    /// drugs whose labels carry it: how a recall's NDCs find the drug. Read whole, once per use, because label
    /// products are stored as JSON and cannot be filtered in SQL on both providers.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DrugsByProductCodeAsync(CancellationToken cancellationToken)
    {
        var labels = await db.Set<DrugLabel>()
            .AsNoTracking()
            .Select(l => new { l.Drug.Slug, l.Products })
            .ToListAsync(cancellationToken);
        var index = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            foreach (var product in label.Products)
            {
                if (Ndc.NormalizeProduct(product.Ndc) is not { } code)
                    continue;
                if (!index.TryGetValue(code, out var slugs))
                    index[code] = slugs = new SortedSet<string>(StringComparer.Ordinal);
                slugs.Add(label.Slug);
            }
        }

        return index.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value], StringComparer.Ordinal);
    }

    /// <summary>
    /// Normalised name (<see cref="DrugName.Normalized"/>, or a drug's ingredient key such as "acetaminophen +
    /// hydrocodone") → the slugs of the drugs it names exactly, for those of <paramref name="names"/> that name any.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DrugsByNameAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        var byName = await db.Set<DrugName>()
            .Where(n => wanted.Contains(n.Normalized))
            .Select(n => new { Name = n.Normalized, n.Drug.Slug })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var byKey = await db.Set<Drug>()
            .Where(d => wanted.Contains(d.IngredientKey))
            .Select(d => new { Name = d.IngredientKey, d.Slug })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return byName.Concat(byKey)
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Slug).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
    }
}
