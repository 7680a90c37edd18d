using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Tools;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// The read side of the health centers: what the public pages, the feeds and the home page show. Only published revisions
/// are read. Lists are small (tens of items per center), so ranking and date ordering happen in memory, the same on both providers.
/// </summary>
internal sealed class HealthContent(
    MedAtlasDbContext db, ConditionCatalog conditions, DrugCatalog drugs, DrugLinks drugLinks, HealthCentersSettings settings, TimeProvider time)
    : IHealthArticleLinks, IHealthToday
{
    private const int RelatedCount = 5;
    private const int CenterDrugCount = 16;

    private sealed record Row(
        int Id, ContentKind Kind, string CenterSlug, string CenterName, string Slug, bool Featured, string Title, string Summary,
        DateTimeOffset PublishedAt, DateOnly? ReviewedOn, List<string> Topics, List<string> Conditions)
    {
        public ContentCard Card => new(Kind, CenterSlug, CenterName, Slug, Title, Summary, Featured, PublishedAt, ReviewedOn);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private IQueryable<ContentItem> Published => db.Set<ContentItem>().AsNoTracking().Where(i => i.PublishedRevisionId != null);

    private static IQueryable<Row> Rows(IQueryable<ContentItem> items) => items.Select(i => new Row(
        i.Id, i.Kind, i.Center.Slug, i.Center.Name, i.Slug, i.Featured, i.PublishedRevision!.Title, i.PublishedRevision.Summary,
        i.PublishedRevision.PublishedAt ?? i.CreatedAt, i.PublishedRevision.ReviewedOn, i.PublishedRevision.Topics,
        i.PublishedRevision.ConditionSlugs));

    public async Task<IReadOnlyList<CenterCard>> CentersAsync(CancellationToken cancellationToken)
    {
        var centers = await db.Set<HealthCenter>().AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await Published.GroupBy(i => new { i.CenterId, i.Kind }).Select(g => new { g.Key.CenterId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(int center, ContentKind kind) => counts.FirstOrDefault(c => c.CenterId == center && c.Kind == kind)?.Count ?? 0;
        return [.. centers.Select(c => new CenterCard(c.Slug, c.Name, c.Summary, Count(c.Id, ContentKind.Article), Count(c.Id, ContentKind.Slideshow),
            Count(c.Id, ContentKind.Video)))];
    }

    public async Task<CenterView?> CenterAsync(string slug, CancellationToken cancellationToken)
    {
        var center = await db.Set<HealthCenter>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (center is null)
            return null;

        var rows = Newest(await Rows(Published.Where(i => i.CenterId == center.Id)).ToListAsync(cancellationToken));
        var articles = rows.Where(r => r.Kind == ContentKind.Article).ToList();
        var featured = articles.Where(r => r.Featured).Select(r => r.Card).ToList();
        var latest = articles.Where(r => !r.Featured).Select(r => r.Card).ToList();
        var tools = center.ToolSlugs
            .Select(s => ToolLinks.All.FirstOrDefault(t => t.Path == $"/tools/{s}"))
            .OfType<ToolLink>().ToList();

        return new CenterView(
            center.Slug, center.Name, center.Summary, featured, latest,
            [.. rows.Where(r => r.Kind == ContentKind.Slideshow).Select(r => r.Card)],
            [.. rows.Where(r => r.Kind == ContentKind.Video).Select(r => r.Card)],
            tools, await CenterDrugsAsync(center, cancellationToken), await ConditionLinksAsync(center.ConditionSlugs, cancellationToken));
    }

    public async Task<ArticleLookup> ArticleAsync(string centerSlug, string slug, CancellationToken cancellationToken)
    {
        var article = await Published
            .Where(i => i.Kind == ContentKind.Article && i.Center.Slug == centerSlug && i.Slug == slug)
            .Select(i => new { i.Id, i.CenterId, CenterSlug = i.Center.Slug, CenterName = i.Center.Name, Revision = i.PublishedRevision! })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            // An article asked for under another center's address: the one center that has it, if only one does.
            var elsewhere = await Published.Where(i => i.Kind == ContentKind.Article && i.Slug == slug)
                .Select(i => i.Center.Slug).Take(2).ToListAsync(cancellationToken);
            var known = await db.Set<HealthCenter>().AnyAsync(c => c.Slug == centerSlug, cancellationToken);
            return new ArticleLookup(null, known && elsewhere.Count == 1 ? $"/health/{elsewhere[0]}/{slug}" : null);
        }

        var r = article.Revision;
        var others = await Rows(Published.Where(i => i.Kind == ContentKind.Article && i.CenterId == article.CenterId && i.Id != article.Id))
            .ToListAsync(cancellationToken);
        var topics = r.Topics.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var related = others
            .OrderByDescending(o => o.Conditions.Count(r.ConditionSlugs.Contains))
            .ThenByDescending(o => o.Topics.Count(topics.Contains))
            .ThenByDescending(o => o.PublishedAt)
            .ThenBy(o => o.Title, StringComparer.Ordinal)
            .Take(RelatedCount)
            .Select(o => o.Card)
            .ToList();
        var drugNames = await drugs.NamesAsync(r.DrugSlugs, cancellationToken);

        return new ArticleLookup(new ArticleView(
            article.CenterSlug, article.CenterName, slug, r.Title, r.Summary, r.BodyHtml, r.SourcesHtml, r.TableOfContents,
            Review(r), r.WrittenOn, r.PublishedAt ?? r.CreatedAt, r.Topics,
            await ConditionLinksAsync(r.ConditionSlugs, cancellationToken),
            [.. r.DrugSlugs.Where(drugNames.ContainsKey).Select(s => new CatalogLink(s, drugNames[s]))],
            related), null);
    }

    public async Task<SlideshowView?> SlideshowAsync(string slug, CancellationToken cancellationToken)
    {
        var show = await Published.Where(i => i.Kind == ContentKind.Slideshow && i.Slug == slug)
            .Select(i => new
            {
                CenterSlug = i.Center.Slug,
                CenterName = i.Center.Name,
                Revision = i.PublishedRevision!,
                Slides = i.PublishedRevision!.Slides.OrderBy(s => s.Position).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (show is null)
            return null;

        var r = show.Revision;
        return new SlideshowView(
            slug, r.Title, r.Summary, show.CenterSlug, show.CenterName,
            [.. show.Slides.Select(s => new SlideView(s.Position, s.Title, s.Image, s.Alt, s.CaptionHtml))],
            r.SourcesHtml, Review(r), r.PublishedAt ?? r.CreatedAt, await ConditionLinksAsync(r.ConditionSlugs, cancellationToken));
    }

    public async Task<VideoView?> VideoAsync(string slug, CancellationToken cancellationToken)
    {
        var video = await Published.Where(i => i.Kind == ContentKind.Video && i.Slug == slug && i.PublishedRevision!.Video != null)
            .Select(i => new { CenterSlug = i.Center.Slug, CenterName = i.Center.Name, Revision = i.PublishedRevision!, Files = i.PublishedRevision!.Video! })
            .FirstOrDefaultAsync(cancellationToken);
        if (video is null)
            return null;

        var r = video.Revision;
        var f = video.Files;
        return new VideoView(
            slug, r.Title, r.Summary, video.CenterSlug, video.CenterName, f.File, f.Captions, f.Poster, f.DurationSeconds,
            r.BodyHtml, r.SourcesHtml, Review(r), r.PublishedAt ?? r.CreatedAt, await ConditionLinksAsync(r.ConditionSlugs, cancellationToken));
    }

    /// <summary>A center's published articles, slideshows and videos for its Atom feed, newest first; null for an unknown center.</summary>
    public async Task<CenterFeed?> FeedAsync(string slug, CancellationToken cancellationToken)
    {
        var center = await db.Set<HealthCenter>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (center is null)
            return null;

        var rows = Newest(await Rows(Published.Where(i => i.CenterId == center.Id)).ToListAsync(cancellationToken));
        var entries = rows.Select(r => new FeedEntry(r.Card, r.PublishedAt)).ToList();
        return new CenterFeed(center.Slug, center.Name, center.Summary,
            entries.Count > 0 ? entries.Max(e => e.Updated) : center.UpdatedAt, entries);
    }

    /// <summary>Articles and slideshows that name this drug (by its catalogue slug).</summary>
    public async Task<IReadOnlyList<HealthArticleLink>> ForDrugAsync(string drugSlug, CancellationToken cancellationToken) =>
        Links(await Rows(Published.Where(i => i.PublishedRevision!.DrugSlugs.Contains(drugSlug))).ToListAsync(cancellationToken));

    /// <summary>Articles and slideshows about this condition (by its catalogue slug).</summary>
    public async Task<IReadOnlyList<HealthArticleLink>> ForConditionAsync(string conditionSlug, CancellationToken cancellationToken) =>
        Links(await Rows(Published.Where(i => i.PublishedRevision!.ConditionSlugs.Contains(conditionSlug))).ToListAsync(cancellationToken));

    public async Task<TodayStrip> TodayAsync(CancellationToken cancellationToken)
    {
        var rows = Newest(await Rows(Published).ToListAsync(cancellationToken));
        var articles = rows.Where(r => r.Kind == ContentKind.Article).ToList();
        var featured = articles.Where(r => r.Featured).Take(4).ToList();
        return new TodayStrip(
            [.. featured.Select(r => r.Card)],
            [.. articles.Except(featured).Take(4).Select(r => r.Card)],
            [.. rows.Where(r => r.Kind == ContentKind.Slideshow).Take(3).Select(r => r.Card)],
            [.. rows.Where(r => r.Kind == ContentKind.Video).Take(2).Select(r => r.Card)]);
    }

    private ReviewLine Review(ContentRevision r) => new(
        r.AuthorName, r.ReviewerName, r.ReviewerCredentials, r.ReviewedOn, r.ReviewValidUntil,
        settings.ShowsReReviewNote(r.ReviewValidUntil, Today));

    private static List<Row> Newest(List<Row> rows) =>
        [.. rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.ReviewedOn).ThenBy(r => r.Title, StringComparer.Ordinal)];

    private static List<HealthArticleLink> Links(List<Row> rows) =>
        [.. Newest(rows).OrderBy(r => r.Kind).Take(8).Select(r => new HealthArticleLink(r.Title, r.Card.Path, r.CenterName, r.Summary))];

    private async Task<IReadOnlyList<CatalogLink>> ConditionLinksAsync(List<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0)
            return [];
        var all = (await conditions.AllAsync(cancellationToken)).ToDictionary(c => c.Slug, StringComparer.Ordinal);
        return [.. slugs.Where(all.ContainsKey).Select(s => new CatalogLink(s, all[s].Name))];
    }

    /// <summary>The center's own drugs first, then those used for its conditions (the Drugs feature's links), without repeats.</summary>
    private async Task<IReadOnlyList<CatalogLink>> CenterDrugsAsync(HealthCenter center, CancellationToken cancellationToken)
    {
        var names = await drugs.NamesAsync(center.DrugSlugs, cancellationToken);
        var list = center.DrugSlugs.Where(names.ContainsKey).Select(s => new CatalogLink(s, names[s])).ToList();
        var used = await drugLinks.ForConditionsAsync(center.ConditionSlugs, cancellationToken);
        foreach (var drug in center.ConditionSlugs.SelectMany(c => used.GetValueOrDefault(c) ?? []))
        {
            if (list.Count >= CenterDrugCount)
                break;
            if (list.All(d => d.Slug != drug.Slug))
                list.Add(new CatalogLink(drug.Slug, drug.Name));
        }

        return list;
    }
}
