using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// The pill identifier's search: every pill held in a <see cref="PillIndex"/>, rebuilt when pills or drugs change
/// (the "pills" and "drugs" data stamps), so an import run from the command line shows up on the site and a
/// search touches no database.
/// </summary>
internal sealed class PillSearch : IDisposable, IWarmable
{
    /// <summary>Photo types served as they are; anything else a label ships (an SVG could carry script) is not shown.</summary>
    public static readonly IReadOnlySet<string> PhotoTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp",
    };

    private readonly IServiceScopeFactory scopes;
    private readonly StampedSnapshot<PillIndex> snapshot;

    public PillSearch(IServiceScopeFactory scopes, DataStamps stamps, ILogger<PillSearch> logger)
    {
        this.scopes = scopes;
        snapshot = new StampedSnapshot<PillIndex>(stamps, ["pills", "drugs"], BuildAsync, logger, "Pill index");
    }

    public async Task<PillSearchPage> SearchAsync(PillQuery query, int page, int pageSize, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Search(query, page, pageSize);

    public Task<PillIndex> CurrentAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    public Task WarmAsync(CancellationToken cancellationToken) => CurrentAsync(cancellationToken);

    public void Dispose() => snapshot.Dispose();

    private async Task<PillIndex> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();

        // Image ids and types only: the bytes stay in the database until someone asks for the photo.
        var images = await db.Set<PillImage>().AsNoTracking()
            .Select(i => new { i.PillId, i.Id, i.ContentType })
            .ToListAsync(cancellationToken);
        var photoByPill = images.Where(i => PhotoTypes.Contains(i.ContentType))
            .GroupBy(i => i.PillId)
            .ToDictionary(g => g.Key, g => g.Min(i => i.Id));

        var pills = await db.Set<Pill>().AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Imprint, p.Colors, p.Shape, p.SizeMm, p.Score, DrugSlug = p.Drug.Slug, DrugName = p.Drug.Name,
                p.ProductName, p.Strength, p.Labeler, p.ProductNdc, p.IsSynthetic, p.Origin,
            })
            .ToListAsync(cancellationToken);

        return PillIndex.Build(pills.Select(p => new PillCard(
            p.Id, p.Imprint, [.. p.Colors.Select(c => SplAppearance.Color(c) ?? c.ToUpperInvariant())], SplAppearance.Shape(p.Shape) ?? p.Shape,
            p.SizeMm, p.Score, p.DrugSlug, p.DrugName, p.ProductName, p.Strength, p.Labeler, p.ProductNdc,
            photoByPill.TryGetValue(p.Id, out var photo) ? photo : null, p.IsSynthetic)), pills.Count(p => p.Origin == ContentOrigin.Starter));
    }

}

/// <summary>
/// A search as typed into the form or the API, checked: each problem is named by its field ("color", "size") so
/// the page can say it next to the field and the API can put it in a validation problem.
/// </summary>
internal static class PillSearchInput
{
    public const int MaxImprintLength = 100;
    public const decimal MinSizeMm = 1;
    public const decimal MaxSizeMm = 50;

    public static string AllowedColors => string.Join(", ", SplAppearance.Colors.Select(c => c.Name));

    public static string AllowedShapes => string.Join(", ", SplAppearance.Shapes.Select(s => s.Name));

    public static (PillQuery Query, Dictionary<string, string> Problems) Parse(string? imprint, IEnumerable<string?>? colors, string? shape, string? size)
    {
        var problems = new Dictionary<string, string>();

        imprint = string.IsNullOrWhiteSpace(imprint) ? null : imprint.Trim();
        if (imprint is not null && imprint.Length > MaxImprintLength)
            problems["imprint"] = $"An imprint is at most {MaxImprintLength} characters. Type only what is printed on the pill.";
        else if (imprint is not null && ImprintText.Compact(imprint).Length == 0)
            problems["imprint"] = "Type the letters and numbers printed on the pill.";

        // A form sends color=BLUE&color=WHITE; a script may send color=BLUE,WHITE. Both are fine.
        var chosen = new List<string>();
        var unknown = new List<string>();
        foreach (var value in (colors ?? []).SelectMany(c => (c ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (SplAppearance.Color(value) is { } name)
            {
                if (!chosen.Contains(name))
                    chosen.Add(name);
            }
            else
            {
                unknown.Add(value);
            }
        }

        if (unknown.Count > 0)
            problems["color"] = $"There is no colour {string.Join(", ", unknown.Select(u => $"“{Shorten(u)}”"))}. Pick from: {AllowedColors}.";

        string? shapeName = null;
        if (!string.IsNullOrWhiteSpace(shape))
        {
            shapeName = SplAppearance.Shape(shape);
            if (shapeName is null)
                problems["shape"] = $"There is no shape “{Shorten(shape)}”. Pick one of: {AllowedShapes}.";
        }

        decimal? sizeMm = null;
        if (!string.IsNullOrWhiteSpace(size))
        {
            var number = size.Trim();
            if (number.EndsWith("mm", StringComparison.OrdinalIgnoreCase))
                number = number[..^2].TrimEnd();
            if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed is >= MinSizeMm and <= MaxSizeMm)
                sizeMm = parsed;
            else
                problems["size"] = $"Size is the pill's longest side in millimetres: a number from {MinSizeMm:0} to {MaxSizeMm:0}.";
        }

        return (new PillQuery(imprint, chosen, shapeName, sizeMm), problems);
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
