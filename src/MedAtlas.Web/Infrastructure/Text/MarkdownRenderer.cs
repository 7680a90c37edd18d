using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>A <c>##</c> or <c>###</c> heading of an editorial document: its level, its anchor id and its text.</summary>
internal sealed record MarkdownHeading(int Level, string Id, string Text);

/// <summary>An editorial document rendered once, when it is saved: the body, its footnotes as a sources list, its headings.</summary>
internal sealed record EditorialHtml(string BodyHtml, string SourcesHtml, int SourceCount, IReadOnlyList<MarkdownHeading> Headings);

/// <summary>
/// Turns editorial and user Markdown into safe HTML. Raw HTML in the source is not passed through, and the
/// result is sanitized as well, so a mistake in either step alone cannot put script on a page.
/// </summary>
internal sealed partial class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseListExtras()
        .DisableHtml()
        .Build();

    // Editorial documents (health articles, slideshows) also get footnote sources and heading anchors for a table of
    // contents; user text keeps the plain pipeline above, so a review cannot fake a "Sources" list.
    private readonly MarkdownPipeline editorialPipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseListExtras()
        .UseFootnotes()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    private readonly HtmlSanitizer editorialSanitizer = CreateEditorialSanitizer();

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline));

    /// <summary>HTML from a trusted-format source (e.g. NLM's topic summaries), cleaned by the same rules as rendered Markdown.</summary>
    public string SanitizeHtml(string? html) =>
        string.IsNullOrWhiteSpace(html) ? "" : sanitizer.Sanitize(html).Trim();

    /// <summary>
    /// An editorial document: <c>##</c>/<c>###</c> headings keep their anchor ids and are listed; footnotes
    /// (<c>[^1]</c>) are cut from the body into <see cref="EditorialHtml.SourcesHtml"/>.
    /// </summary>
    public EditorialHtml ToEditorialHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return new EditorialHtml("", "", 0, []);

        // Markdig reads "[^1][^2]" as a reference link (text "^1", label "^2") and numbers the sources wrongly: one
        // invisible word joiner between adjacent markers keeps them two footnotes.
        var document = Markdown.Parse(AdjacentFootnotes().Replace(markdown, "]\u2060[^"), editorialPipeline);
        var headings = document.Descendants<HeadingBlock>()
            .Where(h => h.Level is 2 or 3 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new MarkdownHeading(h.Level, h.GetAttributes().Id!, InlineText(h)))
            .ToList();
        var html = editorialSanitizer.Sanitize(document.ToHtml(editorialPipeline));
        var footnotes = FootnotesBlock().Match(html);
        if (!footnotes.Success)
            return new EditorialHtml(html, "", 0, headings);
        var sourceCount = FootnoteItem().Count(footnotes.Value);

        var sources = HorizontalRule().Replace(footnotes.Groups["list"].Value, "", 1).Trim();
        return new EditorialHtml(html.Remove(footnotes.Index, footnotes.Length).TrimEnd() + "\n", sources, sourceCount, headings);
    }

    private static string InlineText(HeadingBlock heading)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in heading.Inline?.Descendants() ?? [])
        {
            if (inline is Markdig.Syntax.Inlines.LiteralInline literal)
                text.Append(literal.Content.ToString());
            else if (inline is Markdig.Syntax.Inlines.CodeInline code)
                text.Append(code.Content);
        }

        return text.ToString().Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Inline styles would be blocked by the CSP anyway; dropping them keeps the markup honest.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        return sanitizer;
    }

    /// <summary>
    /// The same rules, plus the anchors an editorial document needs: heading ids (the table of contents) and the footnotes'
    /// ids and classes (the sources). Only ids Markdig makes (lower-case words and dashes, <c>fn:1</c>, <c>fnref:1</c>) and
    /// the footnote classes survive, so a document cannot restyle the page or clobber the site's own element ids.
    /// </summary>
    private static HtmlSanitizer CreateEditorialSanitizer()
    {
        var sanitizer = CreateSanitizer();
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element)
                return;
            if (element.GetAttribute("id") is { } id && !EditorialId().IsMatch(id))
                element.RemoveAttribute("id");
            if (element.GetAttribute("class") is { } css && css is not ("footnotes" or "footnote-ref" or "footnote-back-ref"))
                element.RemoveAttribute("class");
        };
        return sanitizer;
    }

    [GeneratedRegex("^(?:fn:[0-9]+|fnref:[0-9]+|[a-z0-9]+(?:-[a-z0-9]+)*)$")]
    private static partial Regex EditorialId();

    [GeneratedRegex("<div class=\"footnotes\">(?<list>.*)</div>\\s*$", RegexOptions.Singleline)]
    private static partial Regex FootnotesBlock();

    [GeneratedRegex("\\]\\[\\^")]
    private static partial Regex AdjacentFootnotes();

    [GeneratedRegex("<li id=\"fn:[0-9]+\">")]
    private static partial Regex FootnoteItem();

    [GeneratedRegex("<hr\\s*/?>")]
    private static partial Regex HorizontalRule();
}
