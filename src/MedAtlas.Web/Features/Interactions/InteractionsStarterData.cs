using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Interactions;

internal sealed record SeedInteraction(string A, string B, string Severity, string? Summary, string? Mechanism, string? Management, List<string>? Sources);

internal sealed record SeedGroup(string Slug, string Name, string? Description, List<string>? Members);

internal sealed record SeedDuplicate(string Kind, string? Ingredient, string? Class, string Summary, string? DailyLimit, string? Management, List<string>? Sources);

/// <summary>A drug (ingredient, class or group) and a condition from the conditions catalogue: a label's "ask a doctor before use if you have...".</summary>
internal sealed record SeedCaution(string Drug, string Condition, string Severity, string? Summary, string? Management, List<string>? Sources);

internal sealed record SeedFood(string Drug, string Item, string Severity, string Summary, string? Mechanism, string? Management, List<string>? Sources);

/// <summary>
/// The curated interaction set under <c>data/seed/interactions</c>, in the project's own words: pairs and class
/// rules (interactions-*.json), groups, duplicate-therapy rules, food/alcohol, and drug-condition cautions
/// (conditions.json, stored as rules with a <c>condition:</c> side). The starter rows are replaced as a whole on
/// each new version; imported sources (DDInter, ONC) are separate rows and untouched.
/// </summary>
internal sealed class InteractionsStarterData(ConditionCatalog conditionCatalog, DrugLinks drugLinks) : IStarterDataSet
{
    public string Name => "interactions";

    // After the drugs set: rules name its classes.
    public int Order => 20;

    public string Folder => "interactions";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var pairs = await folder.ReadJsonArraysAsync<SeedInteraction>("interactions-*.json", cancellationToken);
        var groups = await folder.ReadJsonArraysAsync<SeedGroup>("groups.json", cancellationToken);
        var duplicates = await folder.ReadJsonArraysAsync<SeedDuplicate>("duplicates.json", cancellationToken);
        var foods = await folder.ReadJsonArraysAsync<SeedFood>("food.json", cancellationToken);
        var cautions = await folder.ReadJsonArraysAsync<SeedCaution>("conditions.json", cancellationToken);
        var classSlugs = (await drugLinks.ClassNamesAsync(cancellationToken)).Keys.ToHashSet();
        var conditionSlugs = (await conditionCatalog.NamesAsync(cancellationToken)).Select(c => c.Slug).ToHashSet();
        var ingredients = (await drugLinks.IngredientsAsync(cancellationToken)).ToHashSet();
        Validate(pairs, groups, duplicates, foods, classSlugs);
        ValidateCautions(cautions, groups, classSlugs, conditionSlugs, ingredients);

        await db.Set<InteractionRule>().Where(r => r.Origin == ContentOrigin.Starter).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InteractionGroup>().Where(r => r.Origin == ContentOrigin.Starter).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DuplicateTherapyRule>().Where(r => r.Origin == ContentOrigin.Starter).ExecuteDeleteAsync(cancellationToken);
        await db.Set<FoodInteraction>().Where(r => r.Origin == ContentOrigin.Starter).ExecuteDeleteAsync(cancellationToken);

        foreach (var group in groups)
        {
            db.Add(new InteractionGroup
            {
                Slug = group.Slug, Name = group.Name, Description = group.Description, Origin = ContentOrigin.Starter,
                Members = [.. (group.Members ?? []).Select(Participant).Distinct()],
            });
        }

        foreach (var pair in pairs.GroupBy(p => InteractionRule.Order(Participant(p.A), Participant(p.B))).Select(g => g.First()))
        {
            var (a, b) = InteractionRule.Order(Participant(pair.A), Participant(pair.B));
            db.Add(new InteractionRule
            {
                Source = InteractionSources.MedAtlas, A = a, B = b, Severity = InteractionSources.ParseSeverity(pair.Severity)!.Value,
                Summary = pair.Summary, Mechanism = pair.Mechanism, Management = pair.Management, References = pair.Sources ?? [],
                Origin = ContentOrigin.Starter,
            });
        }

        foreach (var caution in cautions)
        {
            var (a, b) = InteractionRule.Order(Participant(caution.Drug), InteractionRule.ConditionPrefix + caution.Condition.Trim());
            db.Add(new InteractionRule
            {
                Source = InteractionSources.MedAtlas, A = a, B = b, Severity = InteractionSources.ParseSeverity(caution.Severity)!.Value,
                Summary = caution.Summary, Management = caution.Management, References = caution.Sources ?? [],
                Origin = ContentOrigin.Starter,
            });
        }

        foreach (var duplicate in duplicates)
        {
            var kind = duplicate.Kind == "class" ? DuplicateKind.Class : DuplicateKind.Ingredient;
            db.Add(new DuplicateTherapyRule
            {
                Kind = kind, Target = kind == DuplicateKind.Class ? duplicate.Class!.Trim() : SearchText.Normalize(duplicate.Ingredient),
                Summary = duplicate.Summary, DailyLimit = duplicate.DailyLimit, Management = duplicate.Management,
                References = duplicate.Sources ?? [], Origin = ContentOrigin.Starter,
            });
        }

        foreach (var food in foods.GroupBy(f => (Participant(f.Drug), f.Item.Trim().ToLowerInvariant())).Select(g => g.First()))
        {
            db.Add(new FoodInteraction
            {
                Drug = Participant(food.Drug), Item = food.Item.Trim(), Severity = InteractionSources.ParseSeverity(food.Severity)!.Value,
                Summary = food.Summary, Mechanism = food.Mechanism, Management = food.Management, References = food.Sources ?? [],
                Origin = ContentOrigin.Starter,
            });
        }

        await DataStamps.BumpAsync(db, "interactions", cancellationToken);
    }

    /// <summary>"class:NSAIDs" stays a class key; "St. John's wort" becomes the ingredient key "st johns wort".</summary>
    internal static string Participant(string value)
    {
        var trimmed = value.Trim();
        foreach (var prefix in new[] { "class:", "group:" })
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return prefix + trimmed[prefix.Length..].Trim().ToLowerInvariant();
        }

        return SearchText.Normalize(trimmed);
    }

    /// <summary>
    /// A caution names a drug the catalogue has (an ingredient of one of its drugs, a class, a group) and a condition
    /// of the conditions catalogue, with what the label says and where: a typo here would silently warn no one.
    /// </summary>
    internal static void ValidateCautions(List<SeedCaution> cautions, List<SeedGroup> groups, HashSet<string> classSlugs, HashSet<string> conditionSlugs, HashSet<string> ingredients)
    {
        var problems = new List<string>();
        var groupSlugs = groups.Select(g => g.Slug).ToHashSet();
        var seen = new HashSet<(string, string)>();
        foreach (var caution in cautions)
        {
            var where = $"caution '{caution.Drug}' + '{caution.Condition}'";
            var key = Participant(caution.Drug);
            var condition = caution.Condition.Trim();
            if (key.StartsWith("class:", StringComparison.Ordinal) ? !classSlugs.Contains(key[6..])
                : key.StartsWith("group:", StringComparison.Ordinal) ? !groupSlugs.Contains(key[6..])
                : !ingredients.Contains(key))
                problems.Add($"{where}: '{caution.Drug}' is no ingredient, class or group of the catalogue");
            if (!conditionSlugs.Contains(condition))
                problems.Add($"{where}: unknown condition '{condition}'");
            if (InteractionSources.ParseSeverity(caution.Severity) is null or InteractionSeverity.Unknown)
                problems.Add($"{where}: severity '{caution.Severity}' is not contraindicated, major, moderate or minor");
            if (string.IsNullOrWhiteSpace(caution.Summary) || string.IsNullOrWhiteSpace(caution.Management) || caution.Sources is not { Count: > 0 })
                problems.Add($"{where}: needs a summary, a management and sources");
            if (!seen.Add((key, condition)))
                problems.Add($"{where}: listed twice");
        }

        if (problems.Count > 0)
            throw new InvalidDataException($"The condition cautions starter data has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }

    internal static void Validate(List<SeedInteraction> pairs, List<SeedGroup> groups, List<SeedDuplicate> duplicates, List<SeedFood> foods, HashSet<string> classSlugs)
    {
        var problems = new List<string>();
        var groupSlugs = groups.Select(g => g.Slug).ToHashSet();

        void Check(string participant, string where)
        {
            var key = Participant(participant);
            if (key.StartsWith("class:", StringComparison.Ordinal) && !classSlugs.Contains(key[6..]))
                problems.Add($"{where}: unknown class '{key[6..]}'");
            else if (key.StartsWith("group:", StringComparison.Ordinal) && !groupSlugs.Contains(key[6..]))
                problems.Add($"{where}: unknown group '{key[6..]}'");
            else if (key.Length == 0)
                problems.Add($"{where}: empty participant");
        }

        foreach (var group in groups)
        {
            foreach (var member in group.Members ?? [])
                Check(member, $"group '{group.Slug}'");
        }

        foreach (var pair in pairs)
        {
            var where = $"interaction '{pair.A}' + '{pair.B}'";
            Check(pair.A, where);
            Check(pair.B, where);
            if (InteractionSources.ParseSeverity(pair.Severity) is null or InteractionSeverity.Unknown)
                problems.Add($"{where}: severity '{pair.Severity}' is not contraindicated, major, moderate or minor");
            if (string.IsNullOrWhiteSpace(pair.Summary) || pair.Sources is not { Count: > 0 })
                problems.Add($"{where}: needs a summary and sources");
        }

        foreach (var duplicate in duplicates)
        {
            if (duplicate.Kind == "class" && (duplicate.Class is null || !classSlugs.Contains(duplicate.Class.Trim())))
                problems.Add($"duplicate rule: unknown class '{duplicate.Class}'");
            else if (duplicate.Kind != "class" && (duplicate.Kind != "ingredient" || string.IsNullOrWhiteSpace(duplicate.Ingredient)))
                problems.Add($"duplicate rule '{duplicate.Ingredient ?? duplicate.Class}': kind must be 'ingredient' (with an ingredient) or 'class'");
        }

        foreach (var food in foods)
        {
            Check(food.Drug, $"food '{food.Drug}' + '{food.Item}'");
            if (InteractionSources.ParseSeverity(food.Severity) is null or InteractionSeverity.Unknown)
                problems.Add($"food '{food.Drug}' + '{food.Item}': severity '{food.Severity}' is not valid");
        }

        if (problems.Count > 0)
            throw new InvalidDataException($"The interactions starter data has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }
}
