using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills;

/// <summary>A photo from the label, by address; the bytes are served by <see cref="PillPictureEndpoints"/>.</summary>
internal sealed record PillPhoto(int Id, string FileName, string Url);

/// <summary>Everything the label says about one pill, for its page, the compare table and the API.</summary>
internal sealed record PillDetails(
    int Id, string Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score, string? Coating,
    string DrugSlug, string DrugName, string ProductName, string? Strength, string? Labeler, string? ProductNdc,
    IReadOnlyList<string> PackageNdcs, string? SetId, bool IsSynthetic, IReadOnlyList<PillPhoto> Photos)
{
    public PillAppearance Appearance => new(Imprint, Colors, Shape, SizeMm, Score);

    /// <summary>The imprint's blocks as labelled (one per side or line), for reading: "PD", "155", "10".</summary>
    public IReadOnlyList<string> ImprintBlocks => PillUrls.ImprintBlocks(Imprint);

    public string PictureUrl => Photos.Count > 0 ? Photos[0].Url : PillUrls.Drawing(Id);

    /// <summary>The label on DailyMed, built from the set id (a link to the source, not a copy of it).</summary>
    public string? DailyMedUrl => SetId is { Length: > 0 } setId
        ? $"https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid={Uri.EscapeDataString(setId)}"
        : null;
}

/// <summary>Reads pills from the database for the pages that show one or a few in full.</summary>
internal sealed class PillCatalog(MedAtlasDbContext db)
{
    public async Task<PillDetails?> GetAsync(int id, CancellationToken cancellationToken) =>
        await GetManyAsync([id], cancellationToken) is [var pill] ? pill : null;

    /// <summary>The pills with these ids, in the order asked; ids with no pill are left out.</summary>
    public async Task<IReadOnlyList<PillDetails>> GetManyAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var pills = await db.Set<Pill>().AsNoTracking()
            .Where(p => wanted.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Imprint, p.Colors, p.Shape, p.SizeMm, p.Score, p.Coating, DrugSlug = p.Drug.Slug, DrugName = p.Drug.Name,
                p.ProductName, p.Strength, p.Labeler, p.ProductNdc, p.PackageNdcs, p.SetId, p.IsSynthetic,
            })
            .ToListAsync(cancellationToken);
        var images = await db.Set<PillImage>().AsNoTracking()
            .Where(i => wanted.Contains(i.PillId))
            .OrderBy(i => i.Id)
            .Select(i => new { i.PillId, i.Id, i.FileName, i.ContentType })
            .ToListAsync(cancellationToken);

        var byId = pills.ToDictionary(p => p.Id, p => new PillDetails(
            p.Id, p.Imprint, [.. p.Colors.Select(c => SplAppearance.Color(c) ?? c.ToUpperInvariant())], SplAppearance.Shape(p.Shape) ?? p.Shape,
            p.SizeMm, p.Score, p.Coating, p.DrugSlug, p.DrugName, p.ProductName, p.Strength, p.Labeler, p.ProductNdc, p.PackageNdcs,
            p.SetId, p.IsSynthetic,
            [.. images.Where(i => i.PillId == p.Id && PillSearch.PhotoTypes.Contains(i.ContentType)).Select(i => new PillPhoto(i.Id, i.FileName, PillUrls.Photo(p.Id, i.Id)))]));
        return [.. wanted.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>A photo's bytes, only under the pill it belongs to and only if it is a type served as is.</summary>
    public async Task<(string ContentType, byte[] Content)?> PhotoAsync(int pillId, int imageId, CancellationToken cancellationToken)
    {
        var image = await db.Set<PillImage>().AsNoTracking()
            .Where(i => i.Id == imageId && i.PillId == pillId)
            .Select(i => new { i.ContentType, i.Content })
            .FirstOrDefaultAsync(cancellationToken);
        return image is not null && PillSearch.PhotoTypes.Contains(image.ContentType) ? (image.ContentType.ToLowerInvariant(), image.Content) : null;
    }
}
