using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>The version of a DailyMed label that is stored: its provenance, as other features cite it.</summary>
internal sealed record LabelVersion(string SetId, int Version, DateOnly EffectiveDate);

/// <summary>
/// What other features need to link their rows to drugs without reading the Drugs tables: a drug's id by its
/// ingredients (the key <see cref="Import.DrugMatcher.Key"/> files labels by), and the stored version of a label.
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

    /// <summary>The stored version and effective date of each of these labels; set ids not stored are absent.</summary>
    public async Task<IReadOnlyDictionary<string, LabelVersion>> LabelVersionsAsync(IReadOnlyCollection<string> setIds, CancellationToken cancellationToken) =>
        await db.Set<DrugLabel>().AsNoTracking()
            .Where(l => setIds.Contains(l.SetId))
            .Select(l => new LabelVersion(l.SetId, l.Version, l.EffectiveDate))
            .ToDictionaryAsync(l => l.SetId, StringComparer.Ordinal, cancellationToken);
}
