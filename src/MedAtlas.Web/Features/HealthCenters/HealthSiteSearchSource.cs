using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Search;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// Puts published health articles, slideshows and videos into the site search (full text over their title, summary and body).
/// They rank after the drugs and conditions a search names, in the index's order.
/// </summary>
internal sealed class HealthSiteSearchSource(FullTextIndex index, MedAtlasDbContext db) : ISiteSearchSource
{
    // Drug and condition hits score from about 40 up; a health hit stays below 1.
    private const double TopScore = 1;

    public async Task<IReadOnlyList<SiteSearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        if (FullTextQuery.Problem(query) is not null)
            return [];
        var found = await index.SearchAsync(query, HealthSearchIndex.Kinds, limit: Math.Min(limit, FullTextIndex.MaxLimit), cancellationToken: cancellationToken);
        if (found.Count == 0)
            return [];

        // The index may briefly hold an item an editor just unpublished elsewhere: only what is published now is shown.
        var ids = found.Select(h => int.TryParse(h.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var items = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.PublishedRevisionId != null)
            .Select(i => new { i.Id, i.Kind, i.Slug, CenterSlug = i.Center.Slug, i.PublishedRevision!.Title })
            .ToDictionaryAsync(i => i.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal, cancellationToken);

        var hits = new List<SiteSearchHit>();
        foreach (var hit in found)
        {
            if (!items.TryGetValue(hit.Key, out var item) || HealthSearchIndex.KindOf(item.Kind) != hit.Kind)
                continue;
            hits.Add(new SiteSearchHit(
                item.Title,
                ContentItem.PathOf(item.Kind, item.CenterSlug, item.Slug),
                item.Kind switch { ContentKind.Article => "Health article", ContentKind.Video => "Video", _ => "Slideshow" },
                hit.SnippetText is { Length: > 0 } snippet ? snippet : null,
                TopScore - (hits.Count * 0.001)));
        }

        return hits;
    }
}
