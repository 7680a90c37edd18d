using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>A slideshow rendered once: each slide's caption and the sources shared by all slides.</summary>
internal sealed record SlideshowHtml(IReadOnlyList<string> Captions, string SourcesHtml, int SourceCount);

/// <summary>
/// Renders articles and slideshows through the site's one sanitizing <see cref="MarkdownRenderer"/> (its editorial pipeline).
/// Called when a revision is saved; pages only read the stored HTML.
/// </summary>
internal sealed partial class HealthRendering(MarkdownRenderer markdown)
{
    // A paragraph no caption can contain: the captions are rendered as one document so footnotes number the same on
    // every slide as in the sources list, then cut apart here.
    private const string SlideBreak = "MEDATLASSLIDEBREAK";

    public EditorialHtml Article(string body) => markdown.ToEditorialHtml(body);

    public SlideshowHtml Slideshow(string slug, IReadOnlyList<string> captions, string sourcesMarkdown)
    {
        var document = string.Join($"\n\n{SlideBreak}\n\n", captions) + "\n\n" + sourcesMarkdown;
        var html = markdown.ToEditorialHtml(document);
        var parts = html.BodyHtml.Split($"<p>{SlideBreak}</p>", StringSplitOptions.None)
            .Select(p => FootnoteLink().Replace(p.Trim(), $"href=\"/slideshows/{slug}#fn:"))
            .ToList();
        if (parts.Count != captions.Count)
            throw new InvalidDataException($"Slideshow {slug}: a caption could not be told apart from the next.");

        // The back-links point at markers on other slides' pages; the sources list stands on its own.
        return new SlideshowHtml(parts, BackLink().Replace(html.SourcesHtml, ""), html.SourceCount);
    }

    [GeneratedRegex("href=\"#fn:")]
    private static partial Regex FootnoteLink();

    [GeneratedRegex("<a href=\"#fnref:[^\"]*\" class=\"footnote-back-ref\">[^<]*</a>")]
    private static partial Regex BackLink();
}
