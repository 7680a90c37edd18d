using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// Loads <c>data/seed/health/</c>: <c>centers.json</c>, <c>articles/&lt;center&gt;/&lt;slug&gt;.md</c> and
/// <c>slideshows/&lt;slug&gt;.md</c> (images in <c>slideshows/media/</c>, served by <see cref="HealthMedia"/>) and
/// <c>videos/&lt;slug&gt;.md</c> with its <c>.webm</c>, <c>.vtt</c> and <c>-poster.png</c> (README.md is skipped). A new file
/// makes an item with one published revision; a changed file makes a new published revision of a starter item and
/// supersedes the old one; an item an editor took over (origin not Starter) is left alone, as <c>SiteStarterData</c> does.
/// A starter item whose file is gone is unpublished.
/// </summary>
internal sealed class HealthStarterData(HealthRendering rendering, HealthCentersSettings settings, HealthSearchIndex search, TimeProvider time) : IStarterDataSet
{
    /// <summary>Who wrote and reviewed the starter content (PRODUCT.md: sample content, never a named doctor).</summary>
    public const string EditorialTeam = "the MedAtlas editorial team";

    public string Name => "health-centers";

    // After the conditions (5) and drugs (10) whose slugs the files name.
    public int Order => 40;

    public string Folder => "health";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var centers = await ApplyCentersAsync(db, folder, now, cancellationToken);
        var items = await db.Set<ContentItem>()
            .Include(i => i.PublishedRevision).ThenInclude(r => r!.Slides)
            .Include(i => i.PublishedRevision).ThenInclude(r => r!.Video)
            .ToListAsync(cancellationToken);
        var numbers = await db.Set<ContentRevision>().GroupBy(r => r.ItemId)
            .Select(g => new { g.Key, Max = g.Max(r => r.Number) }).ToDictionaryAsync(g => g.Key, g => g.Max, cancellationToken);
        var seen = new HashSet<ContentItem>();
        var pending = new List<(ContentItem Item, ContentRevision Revision)>();

        var articlesRoot = Path.Combine(folder.Path, "articles");
        foreach (var file in folder.Files("*.md").Where(f => f.StartsWith(articlesRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            var centerSlug = Path.GetFileName(Path.GetDirectoryName(file))!;
            if (!centers.TryGetValue(centerSlug, out var center))
                throw new InvalidDataException($"{file}: there is no center \"{centerSlug}\" in centers.json.");
            var document = HealthSeed.Read(await File.ReadAllTextAsync(file, cancellationToken), file, slideshow: false);
            var existing = items.FirstOrDefault(i => i.Kind == ContentKind.Article && i.CenterId == center.Id && i.Slug == document.Slug);
            var item = existing ?? Add(db, items, ContentKind.Article, center, document.Slug, now);
            seen.Add(item);
            // What is featured is the editors' choice (the revision page's toggle): the file's flag only starts a new article off.
            if (existing is null)
                item.Featured = document.Featured;
            if (item.Origin != ContentOrigin.Starter)
                continue;

            var html = rendering.Article(document.Body);
            var revision = NewRevision(document, now);
            revision.BodyHtml = html.BodyHtml;
            revision.SourcesHtml = html.SourcesHtml;
            revision.SourceCount = html.SourceCount;
            revision.TableOfContents = [.. html.Headings.Select(h => new TocEntry(h.Level, h.Id, h.Text))];
            Publish(db, item, revision, numbers, pending, now);
        }

        var slideshowsRoot = Path.Combine(folder.Path, "slideshows");
        foreach (var file in folder.Files("*.md").Where(f => Path.GetDirectoryName(f) == slideshowsRoot))
        {
            var document = HealthSeed.Read(await File.ReadAllTextAsync(file, cancellationToken), file, slideshow: true);
            if (document.Center is null || !centers.TryGetValue(document.Center, out var center))
                throw new InvalidDataException($"{file}: center \"{document.Center}\" is not in centers.json.");
            var item = items.FirstOrDefault(i => i.Kind == ContentKind.Slideshow && i.Slug == document.Slug)
                ?? Add(db, items, ContentKind.Slideshow, center, document.Slug, now);
            seen.Add(item);
            if (item.Origin != ContentOrigin.Starter)
                continue;

            item.Center = center;
            var html = rendering.Slideshow(document.Slug, [.. document.Slides.Select(s => s.Caption)], document.SourcesMarkdown);
            var revision = NewRevision(document, now);
            revision.BodyHtml = "";
            revision.SourcesHtml = html.SourcesHtml;
            revision.SourceCount = html.SourceCount;
            revision.Slides = [.. document.Slides.Select((s, i) => new ContentSlide
            {
                Position = i + 1, Title = s.Title, Image = s.Image, Alt = s.Alt, CaptionMarkdown = s.Caption, CaptionHtml = html.Captions[i],
            })];
            Publish(db, item, revision, numbers, pending, now);
        }

        var videosRoot = Path.Combine(folder.Path, "videos");
        foreach (var file in folder.Files("*.md").Where(f => Path.GetDirectoryName(f) == videosRoot && Path.GetFileName(f) != "README.md"))
        {
            var document = HealthSeed.Read(await File.ReadAllTextAsync(file, cancellationToken), file, slideshow: false);
            if (document.Center is null || !centers.TryGetValue(document.Center, out var center))
                throw new InvalidDataException($"{file}: center \"{document.Center}\" is not in centers.json.");
            var video = HealthSeed.ReadVideo(videosRoot, document.Slug, file);
            var item = items.FirstOrDefault(i => i.Kind == ContentKind.Video && i.Slug == document.Slug)
                ?? Add(db, items, ContentKind.Video, center, document.Slug, now);
            seen.Add(item);
            if (item.Origin != ContentOrigin.Starter)
                continue;

            item.Center = center;
            var revision = NewRevision(document with { Body = HealthSeed.Transcript(document.Body) }, now);
            var html = rendering.Article(revision.BodyMarkdown);
            revision.BodyHtml = html.BodyHtml;
            revision.SourcesHtml = html.SourcesHtml;
            revision.SourceCount = html.SourceCount;
            revision.Video = video;
            Publish(db, item, revision, numbers, pending, now);
        }

        foreach (var gone in items.Where(i => i.Origin == ContentOrigin.Starter && !seen.Contains(i) && i.PublishedRevision is not null))
        {
            await search.StageRemoveAsync(gone, cancellationToken);
            gone.PublishedRevision!.State = RevisionState.Unpublished;
            gone.PublishedRevision = null;
            gone.PublishedRevisionId = null;
        }

        // An item and its revision point at each other: insert both, then point the item at its published revision.
        // The loader's SaveChangesAsync writes that, and the search documents (a new item has its id only now).
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (item, revision) in pending)
        {
            item.PublishedRevision = revision;
            await search.StageAsync(item, revision, cancellationToken);
        }
    }

    private static async Task<Dictionary<string, HealthCenter>> ApplyCentersAsync(
        MedAtlasDbContext db, StarterDataFolder folder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Set<HealthCenter>().ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, cancellationToken);
        var file = Path.Combine(folder.Path, "centers.json");
        if (!File.Exists(file))
            return existing;

        foreach (var seed in await folder.ReadJsonArraysAsync<SeedCenter>("centers.json", cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(seed.Slug) || string.IsNullOrWhiteSpace(seed.Name))
                throw new InvalidDataException($"{file}: every center needs a slug and a name.");
            if (!existing.TryGetValue(seed.Slug, out var center))
            {
                center = new HealthCenter { Slug = seed.Slug, Name = "", Summary = "", Origin = ContentOrigin.Starter };
                db.Add(center);
                existing[seed.Slug] = center;
            }
            else if (center.Origin != ContentOrigin.Starter)
            {
                continue;
            }

            center.Name = seed.Name;
            center.Summary = seed.Summary ?? "";
            center.Order = seed.Order;
            center.ConditionSlugs = [.. (seed.Conditions ?? []).Distinct(StringComparer.Ordinal)];
            center.DrugSlugs = [.. (seed.Drugs ?? []).Distinct(StringComparer.Ordinal)];
            center.ToolSlugs = [.. (seed.Tools ?? []).Distinct(StringComparer.Ordinal)];
            center.UpdatedAt = now;
        }

        // The items below need the centers' ids.
        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    private static ContentItem Add(MedAtlasDbContext db, List<ContentItem> items, ContentKind kind, HealthCenter center, string slug, DateTimeOffset now)
    {
        var item = new ContentItem { Kind = kind, Center = center, CenterId = center.Id, Slug = slug, Origin = ContentOrigin.Starter, CreatedAt = now };
        db.Add(item);
        items.Add(item);
        return item;
    }

    private ContentRevision NewRevision(SeedDocument document, DateTimeOffset now) => new()
    {
        Title = document.Title,
        Summary = document.Summary,
        BodyMarkdown = document.Body,
        BodyHtml = "",
        Topics = [.. document.Topics],
        ConditionSlugs = [.. document.Conditions],
        DrugSlugs = [.. document.Drugs],
        Medical = true,
        AuthorName = EditorialTeam,
        ReviewerName = EditorialTeam,
        WrittenOn = document.Written,
        ReviewedOn = document.Reviewed,
        ReviewValidUntil = settings.ValidUntil(document.Reviewed),
        CreatedAt = now,
    };

    /// <summary>Makes <paramref name="revision"/> the item's published one, unless it says the same as the live one.</summary>
    private static void Publish(MedAtlasDbContext db, ContentItem item, ContentRevision revision, Dictionary<int, int> numbers,
        List<(ContentItem Item, ContentRevision Revision)> pending, DateTimeOffset now)
    {
        if (item.PublishedRevision is { } live && SameContent(live, revision))
            return;

        if (item.PublishedRevision is { } old)
            old.State = RevisionState.Superseded;
        var number = item.Id == 0 ? 0 : numbers.GetValueOrDefault(item.Id);
        revision.Number = number + 1;
        if (item.Id != 0)
            numbers[item.Id] = revision.Number;
        revision.State = RevisionState.Published;
        revision.PublishedAt = now;
        revision.Item = item;
        item.Revisions.Add(revision);
        db.Add(revision);
        pending.Add((item, revision));
    }

    private static bool SameContent(ContentRevision a, ContentRevision b) =>
        a.Title == b.Title && a.Summary == b.Summary && a.BodyMarkdown == b.BodyMarkdown
        && a.Topics.SequenceEqual(b.Topics) && a.ConditionSlugs.SequenceEqual(b.ConditionSlugs) && a.DrugSlugs.SequenceEqual(b.DrugSlugs)
        && a.ReviewedOn == b.ReviewedOn && a.WrittenOn == b.WrittenOn && a.ReviewValidUntil == b.ReviewValidUntil
        && (a.Video is null ? b.Video is null : a.Video.SameAs(b.Video))
        && a.Slides.Count == b.Slides.Count
        && a.Slides.OrderBy(s => s.Position).Zip(b.Slides).All(p => p.First.Title == p.Second.Title && p.First.Image == p.Second.Image
            && p.First.Alt == p.Second.Alt && p.First.CaptionMarkdown == p.Second.CaptionMarkdown);
}
