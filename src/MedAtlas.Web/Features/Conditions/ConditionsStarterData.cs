using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions;

internal sealed record SeedCondition(string Slug, string Name, List<string>? Synonyms, List<string>? Icd10, string? Summary, DateOnly? LastReviewed);

/// <summary>
/// The starter conditions under <c>data/seed/conditions</c> (conditions.json), written by the editorial team in plain
/// words. Loaded before the drugs, which link to them by slug. Updates only rows it owns.
/// </summary>
internal sealed class ConditionsStarterData : IStarterDataSet
{
    public string Name => "conditions";

    public int Order => 5;

    public string Folder => "conditions";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var conditions = await folder.ReadJsonArraysAsync<SeedCondition>("conditions.json", cancellationToken);
        Validate(conditions);
        await UpsertConditionsAsync(db, conditions, cancellationToken);
        // The drug search index lists conditions too.
        await DataStamps.BumpAsync(db, "drugs", cancellationToken);
    }

    /// <summary>Every problem in the file at once; nothing is loaded until they are fixed.</summary>
    internal static void Validate(List<SeedCondition> conditions)
    {
        var problems = conditions.GroupBy(c => c.Slug).Where(g => g.Count() > 1).Select(g => $"condition '{g.Key}' appears {g.Count()} times")
            .Concat(conditions.Where(c => string.IsNullOrWhiteSpace(c.Name)).Select(c => $"condition '{c.Slug}' has no name"))
            .ToList();
        if (problems.Count > 0)
            throw new InvalidDataException($"The conditions starter data has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }

    private static async Task UpsertConditionsAsync(MedAtlasDbContext db, List<SeedCondition> seeds, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Condition>().ToDictionaryAsync(c => c.Slug, cancellationToken);
        foreach (var seed in seeds)
        {
            if (!existing.TryGetValue(seed.Slug, out var condition))
            {
                condition = new Condition { Slug = seed.Slug, Name = seed.Name, Origin = ContentOrigin.Starter };
                db.Add(condition);
                existing[seed.Slug] = condition;
            }

            if (condition.Origin != ContentOrigin.Starter)
                continue;
            condition.Name = seed.Name;
            condition.Summary = seed.Summary;
            condition.Synonyms = seed.Synonyms ?? [];
            condition.Icd10Codes = seed.Icd10 ?? [];
            condition.LastReviewed = seed.LastReviewed;
            condition.UpdatedAt = DateTimeOffset.UtcNow;
        }
    }
}
