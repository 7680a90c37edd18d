using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions;

internal sealed record ConditionListItem(string Slug, string Name, IReadOnlyList<string> Synonyms, int DrugCount);

internal sealed record Icd10View(string Code, string? Title);

internal sealed record ConditionView(
    string Slug, string Name, string? Summary, IReadOnlyList<string> Synonyms, IReadOnlyList<Icd10View> Icd10Codes,
    DateOnly? LastReviewed, IReadOnlyList<ConditionDrug> Drugs);

/// <summary>A condition as other features refer to it: its id (their rows' key), slug and name.</summary>
internal sealed record ConditionRef(int Id, string Slug, string Name);

/// <summary>A condition's names, as a search index lists it.</summary>
internal sealed record ConditionNames(string Slug, string Name, IReadOnlyList<string> Synonyms);

/// <summary>
/// The read side of the conditions, and what other features ask of them (<see cref="ConditionRef"/> by id or slug, the
/// names for a search index). The drugs used for a condition are the Drugs feature's (<see cref="DrugLinks"/>).
/// </summary>
internal sealed class ConditionCatalog(MedAtlasDbContext db, DrugLinks drugs)
{
    /// <summary>Conditions by id (unknown ids left out), for features that store a condition id (reviews).</summary>
    public async Task<IReadOnlyDictionary<int, ConditionRef>> ByIdsAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<int, ConditionRef>();
        return await db.Set<Condition>().AsNoTracking().Where(c => wanted.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new ConditionRef(c.Id, c.Slug, c.Name), cancellationToken);
    }

    /// <summary>A condition by its slug (normalised as the condition page does), or null.</summary>
    public async Task<ConditionRef?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var normalized = SearchText.Slug(slug);
        return await db.Set<Condition>().AsNoTracking().Where(c => c.Slug == normalized)
            .Select(c => new ConditionRef(c.Id, c.Slug, c.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every condition, by name: a picker's choices.</summary>
    public async Task<IReadOnlyList<ConditionRef>> AllAsync(CancellationToken cancellationToken) =>
        await db.Set<Condition>().AsNoTracking().OrderBy(c => c.Name).Select(c => new ConditionRef(c.Id, c.Slug, c.Name)).ToListAsync(cancellationToken);

    /// <summary>Every condition's names and synonyms: what the drug search and the interaction checker recognise.</summary>
    public async Task<IReadOnlyList<ConditionNames>> NamesAsync(CancellationToken cancellationToken) =>
        await db.Set<Condition>().AsNoTracking().Select(c => new ConditionNames(c.Slug, c.Name, c.Synonyms)).ToListAsync(cancellationToken);

    public async Task<(int Total, IReadOnlyList<ConditionListItem> Items)> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await db.Set<Condition>().CountAsync(cancellationToken);
        var items = await db.Set<Condition>().AsNoTracking().OrderBy(c => c.Name)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.Slug, c.Name, c.Synonyms })
            .ToListAsync(cancellationToken);
        var counts = await drugs.CountsByConditionAsync([.. items.Select(c => c.Id)], cancellationToken);
        return (total, [.. items.Select(c => new ConditionListItem(c.Slug, c.Name, c.Synonyms, counts.GetValueOrDefault(c.Id)))]);
    }

    public async Task<ConditionView?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var normalized = SearchText.Slug(slug);
        var condition = await db.Set<Condition>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == normalized, cancellationToken);
        if (condition is null)
            return null;

        var used = (await drugs.ForConditionsAsync([condition.Slug], cancellationToken)).GetValueOrDefault(condition.Slug) ?? [];

        // Titles come from an imported ICD-10-CM list when there is one; the codes stand on their own otherwise.
        var codes = condition.Icd10Codes.Select(c => Icd10Code.Normalize(c)).OfType<string>().ToList();
        var titles = await db.Set<Icd10Code>().AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Title, cancellationToken);

        return new ConditionView(
            condition.Slug, condition.Name, condition.Summary, condition.Synonyms,
            [.. codes.Select(c => new Icd10View(Icd10Code.Display(c), titles.GetValueOrDefault(c)))],
            condition.LastReviewed,
            used);
    }
}
