using MedAtlas.Web.Features.Tools;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>A link to another feature's page: a drug, a condition.</summary>
internal sealed record CatalogLink(string Slug, string Name);

/// <summary>A center in the /health list.</summary>
internal sealed record CenterCard(string Slug, string Name, string Summary, int ArticleCount, int SlideshowCount, int VideoCount)
{
    public string Path => $"/health/{Slug}";
}

/// <summary>An article or slideshow in a list: its address, title and summary, and when it was published and reviewed.</summary>
internal sealed record ContentCard(
    ContentKind Kind, string CenterSlug, string CenterName, string Slug, string Title, string Summary, bool Featured,
    DateTimeOffset PublishedAt, DateOnly? ReviewedOn)
{
    public string Path => ContentItem.PathOf(Kind, CenterSlug, Slug);
}

internal sealed record CenterView(
    string Slug, string Name, string Summary, IReadOnlyList<ContentCard> Featured, IReadOnlyList<ContentCard> Latest,
    IReadOnlyList<ContentCard> Slideshows, IReadOnlyList<ContentCard> Videos, IReadOnlyList<ToolLink> Tools, IReadOnlyList<CatalogLink> Drugs,
    IReadOnlyList<CatalogLink> Conditions)
{
    public string Path => $"/health/{Slug}";
}

/// <summary>Who reviewed a revision and until when the review holds; <see cref="ReReviewDue"/> once it is past the grace period.</summary>
internal sealed record ReviewLine(string AuthorName, string? ReviewerName, string? ReviewerCredentials, DateOnly? ReviewedOn, DateOnly? ValidUntil, bool ReReviewDue)
{
    public string? Reviewer => ReviewerName is null ? null
        : ReviewerCredentials is { Length: > 0 } credentials ? $"{ReviewerName}, {credentials}" : ReviewerName;
}

internal sealed record ArticleView(
    string CenterSlug, string CenterName, string Slug, string Title, string Summary, string BodyHtml, string SourcesHtml,
    IReadOnlyList<TocEntry> TableOfContents, ReviewLine Review, DateOnly? WrittenOn, DateTimeOffset PublishedAt,
    IReadOnlyList<string> Topics, IReadOnlyList<CatalogLink> Conditions, IReadOnlyList<CatalogLink> Drugs,
    IReadOnlyList<ContentCard> Related)
{
    public string Path => $"/health/{CenterSlug}/{Slug}";

    public string CenterPath => $"/health/{CenterSlug}";
}

/// <summary>Where /health/{center}/{article} leads: the article, a 301 to the center it belongs to, or nowhere.</summary>
internal sealed record ArticleLookup(ArticleView? Article, string? MovedTo);

internal sealed record SlideView(int Position, string Title, string Image, string Alt, string CaptionHtml)
{
    public string ImagePath => HealthMedia.SlideImagePath(Image);
}

internal sealed record SlideshowView(
    string Slug, string Title, string Summary, string CenterSlug, string CenterName, IReadOnlyList<SlideView> Slides,
    string SourcesHtml, ReviewLine Review, DateTimeOffset PublishedAt, IReadOnlyList<CatalogLink> Conditions)
{
    public string Path => $"/slideshows/{Slug}";

    public string SlidePath(int n) => $"/slideshows/{Slug}/{n}";
}

/// <summary>A video page: the player's files, the transcript (the revision's body) and the sources.</summary>
internal sealed record VideoView(
    string Slug, string Title, string Summary, string CenterSlug, string CenterName, string File, string Captions, string Poster,
    int DurationSeconds, string TranscriptHtml, string SourcesHtml, ReviewLine Review, DateTimeOffset PublishedAt,
    IReadOnlyList<CatalogLink> Conditions)
{
    public string Path => $"/videos/{Slug}";

    public string FilePath => HealthMedia.VideoPathOf(File);

    public string CaptionsPath => HealthMedia.VideoPathOf(Captions);

    public string PosterPath => HealthMedia.VideoPathOf(Poster);

    /// <summary>"1 min 24 s".</summary>
    public string Length => DurationSeconds >= 60 ? $"{DurationSeconds / 60} min {DurationSeconds % 60} s" : $"{DurationSeconds} s";
}

/// <summary>A drug's or condition's articles and slideshows, as its page lists them ("From our health centers").</summary>
internal sealed record HealthArticleLink(string Title, string Path, string CenterName, string Summary);

/// <summary>The home page's "Today" strip: featured and newest articles across the centers, slideshows and videos.</summary>
internal sealed record TodayStrip(
    IReadOnlyList<ContentCard> Featured, IReadOnlyList<ContentCard> Newest, IReadOnlyList<ContentCard> Slideshows, IReadOnlyList<ContentCard> Videos)
{
    public bool IsEmpty => Featured.Count == 0 && Newest.Count == 0 && Slideshows.Count == 0 && Videos.Count == 0;
}

/// <summary>One entry of a center's Atom feed.</summary>
internal sealed record FeedEntry(ContentCard Card, DateTimeOffset Updated);

internal sealed record CenterFeed(string Slug, string Name, string Summary, DateTimeOffset Updated, IReadOnlyList<FeedEntry> Entries);
