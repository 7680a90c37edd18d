using System.Text.Json;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// <c>export-starter pills &lt;folder&gt;</c> (not in the help: a maintainer's tool, run by <c>scripts/make-pill-starter.sh</c>):
/// writes the imported pills whose label matched a starter drug to <c>pills.json</c> as <see cref="SeedPill"/>s, with
/// each label's version and date. Sorted and normalised, so the same import gives the same bytes.
/// </summary>
internal static class PillsStarterExport
{
    public const string FileName = "pills.json";

    public static async Task<int> RunAsync(IServiceProvider services, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments is not ["pills", var folder])
        {
            await output.WriteLineAsync("Usage: export-starter pills <folder>");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var pills = await db.Set<Pill>().AsNoTracking()
            .Where(p => !p.IsSynthetic && p.Origin == ContentOrigin.Imported && p.SetId != null)
            .Select(p => new
            {
                Pill = p, DrugSlug = p.Drug.Slug, p.Drug.IngredientKey, StarterDrug = p.Drug.Origin == ContentOrigin.Starter,
            })
            .ToListAsync(cancellationToken);
        var versions = await scope.ServiceProvider.GetRequiredService<DrugLinks>()
            .LabelVersionsAsync([.. pills.Select(p => p.Pill.SetId!).Distinct()], cancellationToken);

        // Only pills of medicines the starter catalogue describes: a pill links to a drug page worth reading.
        var seeds = pills
            .Where(p => p.StarterDrug && versions.ContainsKey(p.Pill.SetId!))
            .Select(p => new SeedPill(
                p.Pill.SetId!, versions[p.Pill.SetId!].Version, versions[p.Pill.SetId!].EffectiveDate, p.Pill.Labeler, p.Pill.ProductName,
                p.Pill.Strength, p.Pill.ProductNdc, p.Pill.PackageNdcs, p.Pill.Imprint, p.Pill.Colors, p.Pill.Shape,
                // 9.50 from one provider and 9.5 from another are the same size: written without trailing zeros.
                p.Pill.SizeMm is { } size ? size / 1.000000000000000000000000000000000m : null,
                p.Pill.Score, p.Pill.Coating, p.DrugSlug, p.IngredientKey))
            .OrderBy(s => s.SetId, StringComparer.Ordinal)
            .ThenBy(s => s.ProductNdc, StringComparer.Ordinal)
            .ThenBy(s => s.ProductName, StringComparer.Ordinal)
            .ThenBy(s => s.Strength, StringComparer.Ordinal)
            .ThenBy(s => s.Imprint, StringComparer.Ordinal)
            .ToList();
        PillsStarterData.Validate(seeds);

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(seeds, SeedPill.Json) + "\n", cancellationToken);
        await output.WriteLineAsync(
            $"{seeds.Count} pills from {seeds.Select(s => s.SetId).Distinct().Count()} labels written to {path}; "
            + $"{pills.Count - seeds.Count} left out because their medicine is not in the starter catalogue.");
        return 0;
    }
}
