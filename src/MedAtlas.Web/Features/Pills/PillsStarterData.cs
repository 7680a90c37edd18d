using System.Text.Encodings.Web;
using System.Text.Json;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// A starter pill: label facts of one solid oral product as <c>import dailymed</c> read them from a public-domain DailyMed
/// label, with the label's provenance (set id, version, effective date). Written by <see cref="PillsStarterExport"/>.
/// </summary>
/// <param name="Drug">The starter drug's slug, for a reader of the file.</param>
/// <param name="DrugIngredients">The drug's ingredient key ("hydrochlorothiazide + lisinopril"): what the pill is linked by, as labels are.</param>
internal sealed record SeedPill(
    string SetId, int LabelVersion, DateOnly LabelDate, string? Labeler, string ProductName, string? Strength,
    string? ProductNdc, List<string>? PackageNdcs, string Imprint, List<string>? Colors, string? Shape, decimal? SizeMm,
    int? Score, string? Coating, string Drug, string DrugIngredients)
{
    /// <summary>What makes a starter pill the same one from one version of the files to the next.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => string.Join('\u001F', SetId, ProductNdc, ProductName, Strength, Imprint);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The file is read by people too: "+" and "é" as themselves, not as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// The starter pills under <c>data/seed/pills</c> (pills.json, made by <c>scripts/make-pill-starter.sh</c>), so a first
/// run's pill identifier finds real pills. Loaded after the drugs they link to; a pill whose drug is not in the catalogue
/// is left out (the export keeps only those whose label matched a starter drug, so this happens only when the catalogue
/// loses one). A set id an import has already brought is left to the import, and an import of the set id later replaces
/// its starter pills (<see cref="Import.LabelPills"/>). Updates only rows it owns.
/// </summary>
internal sealed class PillsStarterData(DrugLinks drugs, ILogger<PillsStarterData> logger) : IStarterDataSet
{
    public string Name => "pills";

    public int Order => 15;

    public string Folder => "pills";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var seeds = await folder.ReadJsonArraysAsync<SeedPill>("*.json", cancellationToken);
        Validate(seeds);

        var drugIds = await drugs.IdsByIngredientKeyAsync([.. seeds.Select(s => s.DrugIngredients).Distinct()], cancellationToken);
        var setIds = seeds.Select(s => s.SetId).Distinct().ToList();
        var importedSetIds = (await db.Set<Pill>()
            .Where(p => p.SetId != null && setIds.Contains(p.SetId) && p.Origin != ContentOrigin.Starter)
            .Select(p => p.SetId!).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Set<Pill>().Where(p => p.Origin == ContentOrigin.Starter && !p.IsSynthetic).ToListAsync(cancellationToken);
        var byKey = existing.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var kept = new HashSet<Pill>();
        var withoutDrug = 0;
        foreach (var seed in seeds)
        {
            if (importedSetIds.Contains(seed.SetId))
                continue;
            if (!drugIds.TryGetValue(seed.DrugIngredients, out var drugId))
            {
                withoutDrug++;
                continue;
            }

            if (!byKey.TryGetValue(seed.Key, out var pill))
            {
                pill = new Pill { ProductName = seed.ProductName, Imprint = seed.Imprint, Origin = ContentOrigin.Starter };
                db.Add(pill);
            }

            Apply(seed, pill, drugId);
            kept.Add(pill);
        }

        foreach (var stale in existing.Where(p => !kept.Contains(p)))
            db.Remove(stale);
        if (withoutDrug > 0)
            logger.LogWarning("{Count} starter pill(s) left out: their drug is not in the catalogue", withoutDrug);
        await DataStamps.BumpAsync(db, "pills", cancellationToken);
    }

    /// <summary>Every problem in the file at once; nothing is loaded until they are fixed.</summary>
    internal static void Validate(IReadOnlyList<SeedPill> seeds)
    {
        var problems = new List<string>();
        foreach (var (seed, i) in seeds.Select((s, i) => (s, i + 1)))
        {
            var name = $"pill {i} ({seed.ProductName}, {seed.Imprint})";
            if (string.IsNullOrWhiteSpace(seed.SetId))
                problems.Add($"{name}: no set id");
            if (seed.LabelVersion < 1)
                problems.Add($"{name}: no label version");
            if (seed.LabelDate == default)
                problems.Add($"{name}: no label date");
            if (string.IsNullOrWhiteSpace(seed.DrugIngredients))
                problems.Add($"{name}: no drug ingredients to link it by");
            if (seed.Imprint.Length == 0 && seed.Colors is not { Count: > 0 } && seed.Shape is null)
                problems.Add($"{name}: neither an imprint, a colour nor a shape");
        }

        problems.AddRange(seeds.GroupBy(s => s.Key).Where(g => g.Count() > 1)
            .Select(g => $"pill {g.First().ProductName} ({g.First().Imprint}) of set id {g.First().SetId} appears {g.Count()} times"));
        if (problems.Count > 0)
            throw new InvalidDataException($"The pills starter data has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }

    private static string Key(Pill p) => string.Join('\u001F', p.SetId, p.ProductNdc, p.ProductName, p.Strength, p.Imprint);

    private static void Apply(SeedPill seed, Pill pill, int drugId)
    {
        pill.DrugId = drugId;
        pill.SetId = seed.SetId;
        pill.ProductName = seed.ProductName;
        pill.Strength = seed.Strength;
        pill.Labeler = seed.Labeler;
        pill.ProductNdc = seed.ProductNdc;
        pill.PackageNdcs = seed.PackageNdcs ?? [];
        pill.Imprint = seed.Imprint;
        pill.Colors = seed.Colors ?? [];
        pill.Shape = seed.Shape;
        pill.SizeMm = seed.SizeMm;
        pill.Score = seed.Score;
        pill.Coating = seed.Coating;
        pill.IsSynthetic = false;
    }
}
