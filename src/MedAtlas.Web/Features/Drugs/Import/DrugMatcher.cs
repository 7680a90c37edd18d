using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// Finds the catalogue entry an imported product belongs to, or creates one, by its active ingredients:
/// a maker's label, a repackager's label and every generic of one medicine all land on one drug.
/// Shared by the Drugs@FDA and DailyMed importers.
/// </summary>
internal static class DrugMatcher
{
    // Counter-ions and hydrates that name a salt form, not a different medicine ("atorvastatin calcium" is
    // atorvastatin). Only stripped when what remains is itself a medicine name, not a bare ion: "potassium
    // chloride" stays potassium chloride, "calcium carbonate" stays calcium carbonate.
    private static readonly HashSet<string> SaltWords =
    [
        "acetate", "anhydrous", "besylate", "bitartrate", "bromide", "calcium", "camsylate", "carbonate", "chloride",
        "citrate", "dihydrate", "dipropionate", "disodium", "edisylate", "erbumine", "estolate", "ethylsuccinate",
        "fumarate", "gluconate", "hcl", "hemihydrate", "hyclate", "hydrobromide", "hydrochloride", "hydrate", "lactate",
        "magnesium", "maleate", "malate", "mesylate", "monohydrate", "napsylate", "nitrate", "oxalate", "pamoate",
        "phosphate", "potassium", "propionate", "sesquihydrate", "sodium", "stearate", "succinate", "sulfate",
        "tartrate", "tosylate", "trihydrate", "trometamol", "tromethamine", "valerate", "xinafoate", "dimesylate",
        "furoate", "medoxomil", "axetil", "pivoxil", "monosodium", "dihydrochloride", "zinc", "dibasic", "monobasic",
        "tribasic", "tetrahydrate", "pentahydrate", "hexahydrate", "heptahydrate",
    ];

    private static readonly HashSet<string> BareIons =
    [
        "sodium", "potassium", "calcium", "magnesium", "lithium", "zinc", "iron", "aluminum", "ammonium", "chloride",
        "carbonate", "bicarbonate", "citrate", "phosphate", "sulfate", "acetate", "bromide", "gluconate", "oxide",
        "hydroxide", "fluoride", "iodide", "dibasic", "monobasic", "tribasic", "anhydrous", "dihydrate", "monohydrate",
        "trihydrate", "tetrahydrate", "pentahydrate", "hexahydrate", "heptahydrate", "hydrate",
    ];

    /// <summary>"ATORVASTATIN CALCIUM TRIHYDRATE" gives "atorvastatin"; "POTASSIUM CHLORIDE" stays "potassium chloride".</summary>
    public static string BaseName(string ingredient)
    {
        // "AMPICILLIN/AMPICILLIN TRIHYDRATE" names one ingredient twice; a word counts once.
        var words = SearchText.Normalize(ingredient).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var kept = words.Where(w => !SaltWords.Contains(w)).ToList();
        if (kept.Count == 0 || kept.All(BareIons.Contains))
            return string.Join(' ', words);
        return string.Join(' ', kept);
    }

    /// <summary>"ACETAMINOPHEN; HYDROCODONE BITARTRATE" gives ["acetaminophen", "hydrocodone"] in the order given.</summary>
    public static IReadOnlyList<string> Ingredients(string activeIngredients) =>
        activeIngredients.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BaseName)
            .Where(n => n.Length > 0)
            .Distinct()
            .ToList();

    public static string Key(IEnumerable<string> ingredientNames) =>
        string.Join(" + ", ingredientNames.Select(SearchText.Normalize).Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// The drug whose ingredients are exactly <paramref name="ingredientNames"/>; for a single ingredient, also a
    /// drug that lists <paramref name="fullName"/> among its names ("lithium carbonate" is the lithium entry).
    /// Starter entries win over imported ones, so an import enriches the curated monograph.
    /// </summary>
    public static async Task<Drug?> FindAsync(MedAtlasDbContext db, IReadOnlyList<string> ingredientNames, string? fullName, CancellationToken cancellationToken)
    {
        var key = Key(ingredientNames);
        var byKey = await db.Set<Drug>().Where(d => d.IngredientKey == key)
            .OrderBy(d => d.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (byKey is not null || ingredientNames.Count != 1 || string.IsNullOrWhiteSpace(fullName))
            return byKey;

        var normalized = SearchText.Normalize(fullName);
        return await db.Set<DrugName>().Where(n => n.Normalized == normalized && n.Drug.Ingredients.Count <= 1)
            .OrderBy(n => n.Drug.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(n => n.DrugId)
            .Select(n => n.Drug).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A new imported entry named after its ingredients, with a slug no other drug uses.</summary>
    public static async Task<Drug> CreateAsync(MedAtlasDbContext db, IReadOnlyList<string> ingredientNames, DrugKind kind, CancellationToken cancellationToken)
    {
        var name = ToDisplayName(ingredientNames);
        var slug = await UniqueSlugAsync(db, SearchText.Slug(string.Join(" ", ingredientNames)), cancellationToken);
        var drug = new Drug
        {
            Slug = slug,
            Name = name,
            Kind = kind,
            IngredientKey = Key(ingredientNames),
            Origin = ContentOrigin.Imported,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        drug.Ingredients.AddRange(ingredientNames.Select((n, i) => new DrugIngredient { Name = n, Position = i }));
        AddName(drug, name, DrugNameType.Generic, ContentOrigin.Imported);
        db.Add(drug);
        return drug;
    }

    /// <summary>Adds a name (a brand, a salt form) unless the drug already has it.</summary>
    public static bool AddName(Drug drug, string name, DrugNameType type, ContentOrigin origin)
    {
        var normalized = SearchText.Normalize(name);
        if (normalized.Length == 0 || drug.Names.Any(n => n.Normalized == normalized))
            return false;

        drug.Names.Add(new DrugName { Name = name.Trim(), Normalized = normalized, Slug = normalized.Replace(' ', '-'), Type = type, Origin = origin });
        return true;
    }

    /// <summary>"acetaminophen", "hydrocodone" gives "Acetaminophen and hydrocodone".</summary>
    public static string ToDisplayName(IReadOnlyList<string> ingredientNames)
    {
        var joined = ingredientNames.Count switch
        {
            0 => "",
            1 => ingredientNames[0],
            2 => $"{ingredientNames[0]} and {ingredientNames[1]}",
            _ => $"{string.Join(", ", ingredientNames.Take(ingredientNames.Count - 1))} and {ingredientNames[^1]}",
        };
        return joined.Length == 0 ? joined : char.ToUpperInvariant(joined[0]) + joined[1..];
    }

    private static async Task<string> UniqueSlugAsync(MedAtlasDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (slug.Length > 180)
            slug = slug[..180].TrimEnd('-');

        var candidate = slug;
        for (var n = 2; await SlugTakenAsync(db, candidate, cancellationToken); n++)
            candidate = $"{slug}-{n}";
        return candidate;
    }

    private static async Task<bool> SlugTakenAsync(MedAtlasDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Set<Drug>().Local.Any(d => d.Slug == slug) || await db.Set<Drug>().AnyAsync(d => d.Slug == slug, cancellationToken);

    /// <summary>
    /// <see cref="FindAsync"/> for a whole import batch: one query by ingredient key and at most one by name for all
    /// of its products, instead of two per product. The drugs come tracked with their names, so an importer can add to them.
    /// </summary>
    public static async Task<DrugMatches> FindManyAsync(
        MedAtlasDbContext db, IEnumerable<(IReadOnlyList<string> IngredientNames, string? FullName)> products, CancellationToken cancellationToken)
    {
        var wanted = products.ToList();
        var keys = wanted.Select(p => Key(p.IngredientNames)).Distinct().ToList();
        var byKey = await db.Set<Drug>().Include(d => d.Names).Where(d => keys.Contains(d.IngredientKey)).ToListAsync(cancellationToken);
        var matches = new DrugMatches();
        foreach (var drug in byKey.OrderBy(d => d.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(d => d.Id))
            matches.AddByKey(drug);

        var names = wanted
            .Where(p => p.IngredientNames.Count == 1 && !string.IsNullOrWhiteSpace(p.FullName) && !matches.HasKey(Key(p.IngredientNames)))
            .Select(p => SearchText.Normalize(p.FullName))
            .Distinct()
            .ToList();
        if (names.Count == 0)
            return matches;

        var byName = await db.Set<Drug>().Include(d => d.Names)
            .Where(d => d.Ingredients.Count <= 1 && d.Names.Any(n => names.Contains(n.Normalized)))
            .ToListAsync(cancellationToken);
        var wantedNames = names.ToHashSet(StringComparer.Ordinal);
        foreach (var drug in byName.OrderBy(d => d.Origin == ContentOrigin.Starter ? 0 : 1).ThenBy(d => d.Id))
            matches.AddByNames(drug, drug.Names.Select(n => n.Normalized).Where(wantedNames.Contains));
        return matches;
    }

    /// <summary>
    /// Whether <paramref name="drug"/> is an entry <see cref="FindAsync"/> could return for these ingredients, preference
    /// aside: an importer keeps a product on the drug it already sits on while this holds, so re-imports never shuffle it.
    /// </summary>
    public static bool Matches(Drug drug, IReadOnlyList<string> ingredientNames, string? fullName)
    {
        if (drug.IngredientKey == Key(ingredientNames))
            return true;
        if (ingredientNames.Count != 1 || string.IsNullOrWhiteSpace(fullName))
            return false;
        var normalized = SearchText.Normalize(fullName);
        return drug.Names.Any(n => n.Normalized == normalized);
    }
}

/// <summary>The drugs an import batch's products belong to, from <see cref="DrugMatcher.FindManyAsync"/>; same rules as <see cref="DrugMatcher.FindAsync"/>.</summary>
internal sealed class DrugMatches
{
    private readonly Dictionary<string, Drug> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Drug> byName = new(StringComparer.Ordinal);

    public Drug? Find(IReadOnlyList<string> ingredientNames, string? fullName)
    {
        if (byKey.TryGetValue(DrugMatcher.Key(ingredientNames), out var drug))
            return drug;
        if (ingredientNames.Count != 1 || string.IsNullOrWhiteSpace(fullName))
            return null;
        return byName.GetValueOrDefault(SearchText.Normalize(fullName));
    }

    /// <summary>A drug created during the batch, so the batch's later products find it before it is saved.</summary>
    public void Add(Drug drug)
    {
        AddByKey(drug);
        if (drug.Ingredients.Count <= 1)
            AddByNames(drug, drug.Names.Select(n => n.Normalized));
    }

    internal bool HasKey(string key) => byKey.ContainsKey(key);

    // First one in wins: callers add in preference order (starter entries, then the oldest).
    internal void AddByKey(Drug drug) => byKey.TryAdd(drug.IngredientKey, drug);

    internal void AddByNames(Drug drug, IEnumerable<string> normalizedNames)
    {
        foreach (var name in normalizedNames)
            byName.TryAdd(name, drug);
    }
}
