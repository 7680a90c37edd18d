using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

internal sealed record SeedDrugCondition(string Slug, string Use);

internal sealed record SeedDrug(
    string Slug, string Name, string Kind, List<string>? BrandNames, List<string>? OtherNames, List<string>? Classes,
    List<string>? Ingredients, List<string>? Forms, List<string>? Strengths, List<string>? Routes, string? Summary,
    string? Uses, string? HowToTake, string? SideEffects, string? SeriousSideEffects, string? BoxedWarning, string? Warnings,
    string? Pregnancy, string? Overdose, string? MissedDose, string? Storage, List<SeedDrugCondition>? Conditions,
    List<string>? Sources, DateOnly? LastReviewed);

internal sealed record SeedClass(string Slug, string Name, string? Description);

/// <summary>
/// The starter catalogue under <c>data/seed/drugs</c>: classes.json, and drugs-*.json plus supplements.json, written by
/// the editorial team in plain words. Drugs link to the conditions the Conditions feature's starter set loaded first
/// (<see cref="ConditionCatalog"/>, by slug). Updates only rows it owns.
/// </summary>
internal sealed class DrugsStarterData(ConditionCatalog conditionCatalog, ILogger<DrugsStarterData> logger) : IStarterDataSet
{
    public string Name => "drugs";

    public int Order => 10;

    public string Folder => "drugs";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var classes = await folder.ReadJsonArraysAsync<SeedClass>("classes.json", cancellationToken);
        var conditionBySlug = (await conditionCatalog.AllAsync(cancellationToken)).ToDictionary(c => c.Slug, c => c.Id, StringComparer.Ordinal);
        var drugs = await folder.ReadJsonArraysAsync<SeedDrug>("drugs-*.json", cancellationToken);
        drugs.AddRange(await folder.ReadJsonArraysAsync<SeedDrug>("supplements.json", cancellationToken));
        Validate(classes, conditionBySlug.Keys.ToHashSet(StringComparer.Ordinal), drugs);

        var classBySlug = await UpsertClassesAsync(db, classes, cancellationToken);
        await UpsertDrugsAsync(db, drugs, classBySlug, conditionBySlug, cancellationToken);
        await DataStamps.BumpAsync(db, "drugs", cancellationToken);
    }

    /// <summary>Every problem in the files at once, so an author fixes them in one pass; nothing is loaded until they are fixed.</summary>
    internal static void Validate(List<SeedClass> classes, IReadOnlySet<string> conditionSlugs, List<SeedDrug> drugs)
    {
        var problems = new List<string>();
        var classSlugs = classes.Select(c => c.Slug).ToHashSet();
        problems.AddRange(Duplicates(classes.Select(c => c.Slug), "class"));
        problems.AddRange(Duplicates(drugs.Select(d => d.Slug), "drug"));

        var brandOwners = new Dictionary<string, string>();
        foreach (var drug in drugs)
        {
            if (drug.Slug != SearchText.Slug(drug.Slug))
                problems.Add($"drug '{drug.Slug}': a slug is lower-case letters, digits and hyphens");
            if (ParseKind(drug.Kind) is null)
                problems.Add($"drug '{drug.Slug}': unknown kind '{drug.Kind}'");
            if (drug.Ingredients is not { Count: > 0 })
                problems.Add($"drug '{drug.Slug}': no ingredients");
            problems.AddRange((drug.Classes ?? []).Where(c => !classSlugs.Contains(c)).Select(c => $"drug '{drug.Slug}': unknown class '{c}'"));
            foreach (var link in drug.Conditions ?? [])
            {
                if (!conditionSlugs.Contains(link.Slug))
                    problems.Add($"drug '{drug.Slug}': unknown condition '{link.Slug}'");
                if (ParseUse(link.Use) is null)
                    problems.Add($"drug '{drug.Slug}': condition use '{link.Use}' is neither on-label nor common");
            }

            foreach (var brand in drug.BrandNames ?? [])
            {
                // A brand names one product; two entries claiming it would send /drugs/{brand} to a guess.
                if (brandOwners.TryGetValue(SearchText.Normalize(brand), out var owner) && owner != drug.Slug)
                    problems.Add($"brand '{brand}' is claimed by both '{owner}' and '{drug.Slug}'");
                brandOwners[SearchText.Normalize(brand)] = drug.Slug;
            }
        }

        if (problems.Count > 0)
            throw new InvalidDataException($"The drugs starter data has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> slugs, string what) =>
        slugs.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => $"{what} '{g.Key}' appears {g.Count()} times");

    internal static DrugKind? ParseKind(string? kind) => kind?.ToLowerInvariant() switch
    {
        "prescription" => DrugKind.Prescription,
        "otc" => DrugKind.Otc,
        "vitamin" => DrugKind.Vitamin,
        "mineral" => DrugKind.Mineral,
        "herbal" => DrugKind.Herbal,
        "supplement" => DrugKind.Supplement,
        _ => null,
    };

    private static ConditionUse? ParseUse(string? use) => use?.ToLowerInvariant() switch
    {
        "on-label" => ConditionUse.OnLabel,
        "common" => ConditionUse.Common,
        _ => null,
    };

    private static async Task<Dictionary<string, DrugClass>> UpsertClassesAsync(MedAtlasDbContext db, List<SeedClass> seeds, CancellationToken cancellationToken)
    {
        var existing = await db.Set<DrugClass>().ToDictionaryAsync(c => c.Slug, cancellationToken);
        foreach (var seed in seeds)
        {
            if (!existing.TryGetValue(seed.Slug, out var drugClass))
            {
                drugClass = new DrugClass { Slug = seed.Slug, Name = seed.Name, Origin = ContentOrigin.Starter };
                db.Add(drugClass);
                existing[seed.Slug] = drugClass;
            }

            if (drugClass.Origin != ContentOrigin.Starter)
                continue;
            drugClass.Name = seed.Name;
            drugClass.Description = seed.Description;
        }

        return existing;
    }

    private async Task UpsertDrugsAsync(
        MedAtlasDbContext db, List<SeedDrug> seeds, Dictionary<string, DrugClass> classes, Dictionary<string, int> conditions, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Drug>()
            .Include(d => d.Names).Include(d => d.Ingredients).Include(d => d.Classes).Include(d => d.Conditions)
            .AsSplitQuery()
            .Where(d => d.Origin == ContentOrigin.Starter)
            .ToDictionaryAsync(d => d.Slug, cancellationToken);
        var takenByOthers = await db.Set<Drug>().Where(d => d.Origin != ContentOrigin.Starter).Select(d => d.Slug).ToListAsync(cancellationToken);

        foreach (var seed in seeds)
        {
            if (takenByOthers.Contains(seed.Slug))
            {
                logger.LogWarning("Starter drug {Slug} skipped: an imported or edited entry already uses that slug", seed.Slug);
                continue;
            }

            if (!existing.TryGetValue(seed.Slug, out var drug))
            {
                drug = new Drug { Slug = seed.Slug, Name = seed.Name, IngredientKey = "", Origin = ContentOrigin.Starter };
                db.Add(drug);
            }

            Apply(seed, drug, classes, conditions);
        }
    }

    private static void Apply(SeedDrug seed, Drug drug, Dictionary<string, DrugClass> classes, Dictionary<string, int> conditions)
    {
        var ingredients = (seed.Ingredients ?? []).Select(i => SearchText.Normalize(i)).Where(i => i.Length > 0).Distinct().ToList();
        drug.Name = seed.Name;
        drug.Kind = ParseKind(seed.Kind)!.Value;
        drug.IngredientKey = DrugMatcher.Key(ingredients);
        drug.Summary = seed.Summary;
        drug.Uses = seed.Uses;
        drug.HowToTake = seed.HowToTake;
        drug.SideEffects = seed.SideEffects;
        drug.SeriousSideEffects = seed.SeriousSideEffects;
        drug.BoxedWarning = seed.BoxedWarning;
        drug.Warnings = seed.Warnings;
        drug.Pregnancy = seed.Pregnancy;
        drug.Overdose = seed.Overdose;
        drug.MissedDose = seed.MissedDose;
        drug.Storage = seed.Storage;
        drug.Forms = seed.Forms ?? [];
        drug.Strengths = seed.Strengths ?? [];
        drug.Routes = seed.Routes ?? [];
        drug.Sources = seed.Sources ?? [];
        drug.LastReviewed = seed.LastReviewed;
        drug.UpdatedAt = DateTimeOffset.UtcNow;

        // Names the starter data owns are replaced; names an importer added (brands from Drugs@FDA) stay.
        drug.Names.RemoveAll(n => n.Origin == ContentOrigin.Starter);
        DrugMatcher.AddName(drug, seed.Name, DrugNameType.Generic, ContentOrigin.Starter);
        foreach (var brand in seed.BrandNames ?? [])
            DrugMatcher.AddName(drug, brand, DrugNameType.Brand, ContentOrigin.Starter);
        foreach (var other in seed.OtherNames ?? [])
            DrugMatcher.AddName(drug, other, DrugNameType.Other, ContentOrigin.Starter);

        var wantedIngredients = ingredients.Select((name, position) => (name, position)).ToList();
        drug.Ingredients.RemoveAll(i => !ingredients.Contains(i.Name));
        foreach (var (name, position) in wantedIngredients)
        {
            var ingredient = drug.Ingredients.FirstOrDefault(i => i.Name == name);
            if (ingredient is null)
                drug.Ingredients.Add(new DrugIngredient { Name = name, Position = position });
            else
                ingredient.Position = position;
        }

        drug.Classes.Clear();
        drug.Classes.AddRange((seed.Classes ?? []).Distinct().Select(slug => classes[slug]));

        var links = (seed.Conditions ?? []).GroupBy(l => l.Slug).Select(g => g.First()).ToList();
        drug.Conditions.RemoveAll(dc => dc.Origin == ContentOrigin.Starter && !links.Any(l => conditions[l.Slug] == dc.ConditionId));
        foreach (var link in links)
        {
            var conditionId = conditions[link.Slug];
            var existing = drug.Conditions.FirstOrDefault(dc => dc.ConditionId == conditionId);
            if (existing is null)
                drug.Conditions.Add(new DrugCondition { ConditionId = conditionId, Use = ParseUse(link.Use)!.Value, Origin = ContentOrigin.Starter });
            else if (existing.Origin == ContentOrigin.Starter)
                existing.Use = ParseUse(link.Use)!.Value;
        }
    }
}
