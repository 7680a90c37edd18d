using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// /health, every center, every published article and video, and every published slideshow with each of its slides, for the sitemap.
/// The per-center Atom feeds are not pages and stay out. Health content is a few hundred pages at most, so the list is
/// built whole and paged in memory (ordered by kind and id, so it stays put between requests).
/// </summary>
internal sealed class HealthSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "health";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => (await EntriesAsync(cancellationToken)).Count;

    public async Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        (await EntriesAsync(cancellationToken)).Skip(skip).Take(take).ToList();

    private async Task<List<SitemapEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<SitemapEntry> { new("/health") };
        var centers = await db.Set<HealthCenter>().AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Slug, c.UpdatedAt }).ToListAsync(cancellationToken);
        entries.AddRange(centers.Select(c => new SitemapEntry("/health/" + c.Slug, DateOnly.FromDateTime(c.UpdatedAt.UtcDateTime))));
        var centerSlugs = centers.ToDictionary(c => c.Id, c => c.Slug);

        var items = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.PublishedRevisionId != null)
            .OrderBy(i => i.Kind).ThenBy(i => i.Id)
            .Select(i => new { i.Kind, i.CenterId, i.Slug, i.PublishedRevision!.PublishedAt, Slides = i.PublishedRevision.Slides.Count })
            .ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            DateOnly? changed = item.PublishedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null;
            if (item.Kind != ContentKind.Slideshow)
            {
                entries.Add(new SitemapEntry(ContentItem.PathOf(item.Kind, centerSlugs[item.CenterId], item.Slug), changed));
            }
            else if (item.Slides > 0)
            {
                entries.Add(new SitemapEntry(ContentItem.PathOf(item.Kind, centerSlugs[item.CenterId], item.Slug), changed));
                for (var n = 1; n <= item.Slides; n++)
                    entries.Add(new SitemapEntry($"/slideshows/{item.Slug}/{n}", changed));
            }
        }
        return entries;
    }
}
