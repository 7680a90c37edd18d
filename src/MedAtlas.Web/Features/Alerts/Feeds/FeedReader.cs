using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using AngleSharp.Html.Parser;
using MedAtlas.Web.Features.Alerts.Sources;

namespace MedAtlas.Web.Features.Alerts.Feeds;

/// <summary>One feed item as stored: FDA's words as plain text, an absolute http(s) link, the date in UTC.</summary>
internal sealed record FeedItem(string Row, string ItemKey, string Title, string Link, DateTime? PublishedAt, string Summary);

/// <summary>
/// Reads an RSS 2.0 feed with <see cref="SyndicationFeed"/> over an <see cref="XmlReader"/> that refuses DTDs (so no
/// entity expansion and no external entities: XXE), resolves nothing and is bounded by the body's size cap. Markup in
/// titles and descriptions becomes plain text (tags dropped, entities decoded), capped; an item whose link is not
/// absolute http(s) (<c>javascript:</c>, a relative path) is rejected with its index, the others kept.
/// </summary>
internal static partial class FeedReader
{
    public const int TitleLength = 500;
    public const int SummaryLength = 4000;
    private const int KeyLength = 1000;

    private static readonly HtmlParser Html = new();

    public static IReadOnlyList<FeedItem> Read(byte[] body, out IReadOnlyList<(string Row, string Reason)> rejected)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = body.Length + 1024L,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
        };
        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException)
        {
            throw new SourceUnavailableException($"not a readable RSS feed ({e.Message}); nothing of it was stored");
        }

        var items = new List<FeedItem>();
        var problems = new List<(string, string)>();
        var index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            var row = $"item {index.ToString(CultureInfo.InvariantCulture)}";
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
            var title = PlainText(item.Title?.Text, TitleLength);
            var key = item.Id is { Length: > 0 } id ? id.Trim() : link?.OriginalString ?? "";
            if (link is null || !link.IsAbsoluteUri || link.Scheme is not ("http" or "https"))
                problems.Add((row, $"the link '{Shorten(link?.OriginalString ?? "")}' is not an absolute http(s) address; the item is not stored"));
            else if (title.Length == 0)
                problems.Add((row, "no title"));
            else if (key.Length is 0 or > KeyLength)
                problems.Add((row, "no usable guid or link to know the item by"));
            else
                items.Add(new FeedItem(row, key, title, link.AbsoluteUri, item.PublishDate == default ? null : item.PublishDate.UtcDateTime, PlainText(item.Summary?.Text, SummaryLength)));
        }

        rejected = problems;
        return items;
    }

    /// <summary>Markup dropped, entities decoded, white space collapsed, cut at a word to <paramref name="max"/> characters.</summary>
    internal static string PlainText(string? html, int max)
    {
        if (string.IsNullOrWhiteSpace(html))
            return "";
        // Block ends and line breaks separate words that the markup only set on separate lines.
        var spaced = BlockEnd().Replace(html, " ");
        var text = Html.ParseDocument("<body>" + spaced + "</body>").Body?.TextContent ?? "";
        text = Space().Replace(text, " ").Trim();
        if (text.Length <= max)
            return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/td|/th)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();
}
