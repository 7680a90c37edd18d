using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>A drug used for a condition, as the condition page and a search by condition list it.</summary>
internal sealed record ConditionDrug(string Slug, string Name, DrugKind Kind, ConditionUse Use, IReadOnlyList<string> BrandNames);

/// <summary>A drug by what it is made of: its ingredients in label order and its class slugs (what interaction rules name).</summary>
internal sealed record DrugComposition(int Id, string Slug, string Name, string IngredientKey, IReadOnlyList<string> Ingredients, IReadOnlyList<string> Classes);

/// <summary>A single-ingredient drug's ingredient and every normalised name it goes by ("acetylsalicylic acid" for aspirin).</summary>
internal sealed record IngredientNames(string Ingredient, IReadOnlyList<string> Names);

/// <summary>The version of a DailyMed label that is stored: its provenance, as other features cite it.</summary>
internal sealed record LabelVersion(string SetId, int Version, DateOnly EffectiveDate);

/// <summary>
/// What other features need to link their rows to drugs without reading the Drugs tables: a drug's id by its
/// ingredients (the key <see cref="Import.DrugMatcher.Key"/> files labels by), the stored version of a label, and the drugs
/// used for a condition (the drug-condition links are the Drugs feature's rows), and what the drugs are made of, for the
/// interaction rules that name ingredients and classes.
/// </summary>
internal sealed class DrugLinks(MedAtlasDbContext db)
{
    /// <summary>
    /// Drug ids by ingredient key ("hydrochlorothiazide + lisinopril"); keys no drug has are absent. Where an imported and a
    /// starter entry share a key, the starter entry wins: it is the one the editorial team wrote.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> IdsByIngredientKeyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Drug>().AsNoTracking()
            .Where(d => keys.Contains(d.IngredientKey))
            .Select(d => new { d.Id, d.IngredientKey, d.Origin })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.IngredientKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Origin != ContentOrigin.Starter).ThenBy(r => r.Id).First().Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The drugs used for each condition (FDA-approved uses first, then by name), in one query for all of them:
    /// a search that matches several conditions expands them without a round trip each.
    /// </summary>
    public async Task<Dictionary<string, List<ConditionDrug>>> ForConditionsAsync(IReadOnlyCollection<string> conditionSlugs, CancellationToken cancellationToken)
    {
        var rows = await db.Set<DrugCondition>().AsNoTracking()
            .Where(dc => conditionSlugs.Contains(dc.Condition.Slug))
            .OrderBy(dc => dc.Use).ThenBy(dc => dc.Drug.Name)
            .Select(dc => new
            {
                Condition = dc.Condition.Slug,
                dc.Drug.Slug,
                dc.Drug.Name,
                dc.Drug.Kind,
                dc.Use,
                Brands = dc.Drug.Names.Where(n => n.Type == DrugNameType.Brand).OrderBy(n => n.Name).Select(n => n.Name).Take(4).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Condition)
            .ToDictionary(g => g.Key, g => g.Select(d => new ConditionDrug(d.Slug, d.Name, d.Kind, d.Use, d.Brands)).ToList());
    }

    /// <summary>How many drugs are linked to each of these conditions (by condition id); conditions with none are absent.</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountsByConditionAsync(IReadOnlyCollection<int> conditionIds, CancellationToken cancellationToken) =>
        await db.Set<DrugCondition>().AsNoTracking()
            .Where(dc => conditionIds.Contains(dc.ConditionId))
            .GroupBy(dc => dc.ConditionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Every drug's ingredients and classes, in one pass: what the interaction index is built from.</summary>
    public async Task<IReadOnlyList<DrugComposition>> CompositionsAsync(CancellationToken cancellationToken) =>
        await db.Set<Drug>().AsNoTracking().AsSplitQuery()
            .Select(d => new DrugComposition(d.Id, d.Slug, d.Name, d.IngredientKey,
                d.Ingredients.OrderBy(i => i.Position).Select(i => i.Name).ToList(), d.Classes.Select(c => c.Slug).ToList()))
            .ToListAsync(cancellationToken);

    /// <summary>Every ingredient of the catalogue (normalised names: "warfarin").</summary>
    public async Task<IReadOnlySet<string>> IngredientsAsync(CancellationToken cancellationToken) =>
        (await db.Set<DrugIngredient>().AsNoTracking().Select(i => i.Name).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Drug classes, name by slug.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ClassNamesAsync(CancellationToken cancellationToken) =>
        await db.Set<DrugClass>().AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Name, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// The names of every single-ingredient drug, starter entries first: where two drugs claim a name, the curated one wins
    /// (as in <see cref="Import.DrugMatcher"/>).
    /// </summary>
    public async Task<IReadOnlyList<IngredientNames>> SingleIngredientNamesAsync(CancellationToken cancellationToken) =>
        await db.Set<Drug>().AsNoTracking()
            .Where(d => d.Ingredients.Count == 1)
            .OrderBy(d => d.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(d => d.Id)
            .Select(d => new IngredientNames(d.Ingredients.Select(i => i.Name).First(), d.Names.Select(n => n.Normalized).ToList()))
            .ToListAsync(cancellationToken);

    /// <summary>The stored version and effective date of each of these labels; set ids not stored are absent.</summary>
    public async Task<IReadOnlyDictionary<string, LabelVersion>> LabelVersionsAsync(IReadOnlyCollection<string> setIds, CancellationToken cancellationToken) =>
        await db.Set<DrugLabel>().AsNoTracking()
            .Where(l => setIds.Contains(l.SetId))
            .Select(l => new LabelVersion(l.SetId, l.Version, l.EffectiveDate))
            .ToDictionaryAsync(l => l.SetId, StringComparer.Ordinal, cancellationToken);
}
