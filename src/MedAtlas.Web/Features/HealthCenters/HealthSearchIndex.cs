using Markdig;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Search;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// Keeps published health articles, slideshows and videos in the site's <see cref="FullTextIndex"/>: one document per item (key:
/// its id), the published revision's title, and as body its summary and Markdown as plain text (a slideshow: its slides'
/// titles and captions), scoped to the center's slug. Like <see cref="FullTextIndex"/> it only stages: whoever publishes
/// or unpublishes (the starter loader, the editorial workflow) calls it before its own SaveChangesAsync, in the same
/// transaction.
/// </summary>
internal sealed class HealthSearchIndex(FullTextIndex index)
{
    public const string ArticleKind = "health-article";
    public const string SlideshowKind = "health-slideshow";
    public const string VideoKind = "health-video";

    public static readonly string[] Kinds = [ArticleKind, SlideshowKind, VideoKind];

    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().UseFootnotes().UsePipeTables().Build();

    /// <summary>Indexes <paramref name="revision"/> as what <paramref name="item"/> (already saved: it needs its id) says now.</summary>
    public Task StageAsync(ContentItem item, ContentRevision revision, CancellationToken cancellationToken)
    {
        var body = item.Kind == ContentKind.Slideshow
            ? string.Join("\n", [revision.Summary, .. revision.Slides.OrderBy(s => s.Position).SelectMany(s => new[] { s.Title, ToPlainText(s.CaptionMarkdown) })])
            : revision.Summary + "\n" + ToPlainText(revision.BodyMarkdown);
        return index.UpsertAsync(KindOf(item), KeyOf(item), revision.Title, body, item.Center?.Slug, cancellationToken);
    }

    /// <summary>Takes <paramref name="item"/> out of search (it has no published revision any more).</summary>
    public Task StageRemoveAsync(ContentItem item, CancellationToken cancellationToken) =>
        index.RemoveAsync(KindOf(item), KeyOf(item), cancellationToken);

    public static string KindOf(ContentItem item) => KindOf(item.Kind);

    public static string KindOf(ContentKind kind) => kind switch
    {
        ContentKind.Article => ArticleKind,
        ContentKind.Slideshow => SlideshowKind,
        ContentKind.Video => VideoKind,
        _ => throw new NotSupportedException($"{kind} items are not in the site search yet."),
    };

    private static string KeyOf(ContentItem item) => item.Id != 0
        ? item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException("Save a new content item before indexing it: its key is its id.");

    private static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown ?? "", PlainText);
}

/// <summary>
/// Brings the index up to date with what is published: every published article, slideshow and video indexed, no document left
/// for an item that is not. A starter data set over the same folder as <see cref="HealthStarterData"/>, ordered after
/// it, so it runs once on a database that had health content before the index did, and again only when the starter files
/// change; starting without changes costs the loader's fingerprint check only.
/// </summary>
internal sealed class HealthSearchBackfill(HealthSearchIndex search) : IStarterDataSet
{
    public string Name => "health-search";

    public int Order => 41;

    public string Folder => "health";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var published = await db.Set<ContentItem>()
            .Where(i => i.PublishedRevisionId != null && (i.Kind == ContentKind.Article || i.Kind == ContentKind.Slideshow || i.Kind == ContentKind.Video))
            .Include(i => i.Center).Include(i => i.PublishedRevision).ThenInclude(r => r!.Slides)
            .ToListAsync(cancellationToken);
        foreach (var item in published)
            await search.StageAsync(item, item.PublishedRevision!, cancellationToken);

        var keys = published.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var stale = await db.Set<SearchDocument>().Where(d => HealthSearchIndex.Kinds.Contains(d.Kind)).ToListAsync(cancellationToken);
        db.Set<SearchDocument>().RemoveRange(stale.Where(d => !keys.Contains(d.Key)));
    }
}
