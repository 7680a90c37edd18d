using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ganss.Xss;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// Turns the narrative of an SPL section (the XHTML-like markup inside <c>&lt;text&gt;</c>) into the small
/// set of HTML a label page needs: paragraphs, lists, tables, bold/italic/underline, line breaks, super-
/// and subscripts. The output is sanitized as well, so a surprise in the markup cannot put script on a page.
/// </summary>
internal sealed partial class SplNarrative
{
    private static readonly XNamespace V = SplReader.Hl7;

    private static readonly string[] AllowedTags =
    [
        "p", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
        "strong", "em", "u", "br", "sup", "sub", "h4",
    ];

    // Where SPL indents with whitespace between child elements; text there is layout, not content.
    private static readonly HashSet<string> StructuralElements = ["text", "list", "table", "thead", "tbody", "tfoot", "tr", "colgroup"];

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>The section's own text, then each subsection's title (as h4) and text, in label order.</summary>
    public string SectionHtml(XElement section)
    {
        var html = new StringBuilder();
        AppendSection(section, html, isSubsection: false);
        if (html.Length == 0)
            return "";

        var safe = sanitizer.Sanitize(html.ToString());
        // The XML's indentation leaves spaces at the edges of blocks, and some labels space out with empty paragraphs.
        safe = SpaceAfterOpening().Replace(safe, "$1");
        safe = SpaceBeforeClosing().Replace(safe, "$1");
        return EmptyParagraph().Replace(safe, "").Trim();
    }

    /// <summary>
    /// The words of a title or name, markup dropped, whitespace collapsed; null when there are none. A name's
    /// suffix is its own word: "TRIAMINIC" + "Childrens Night Time Cold and Cough", "Karbinal" + "ER".
    /// </summary>
    public static string? PlainText(XElement? element)
    {
        if (element is null)
            return null;

        var text = new StringBuilder();
        foreach (var node in element.DescendantNodes())
        {
            if (node is XText t)
                text.Append(t.Value);
            else if (node is XElement { Name.LocalName: "br" or "suffix" })
                text.Append(' ');
        }

        var collapsed = CollapseWhitespace(text.ToString()).Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    private static void AppendSection(XElement section, StringBuilder html, bool isSubsection)
    {
        if (isSubsection && PlainText(section.Element(V + "title")) is { } title)
            html.Append("<h4>").Append(Encode(title)).Append("</h4>");

        var subsections = section.Elements(V + "component").Elements(V + "section").ToList();
        var text = section.Element(V + "text");
        if (string.IsNullOrWhiteSpace(text?.Value) && subsections.Count == 0)
        {
            // Recent Major Changes (and the odd other section) has its words only in the Highlights excerpt.
            text = section.Element(V + "excerpt")?.Element(V + "highlight")?.Element(V + "text") ?? text;
        }

        if (text is not null)
        {
            var writer = new Writer(html);
            writer.AppendChildren(text);
            writer.FlushFootnotes();
        }

        foreach (var subsection in subsections)
            AppendSection(subsection, html, isSubsection: true);
    }

    [GeneratedRegex(@"(<(?:p|li|td|th|caption|h4)(?: [^>]*)?>)\s+")]
    private static partial Regex SpaceAfterOpening();

    [GeneratedRegex(@"\s+(</(?:p|li|td|th|caption|h4)>)")]
    private static partial Regex SpaceBeforeClosing();

    [GeneratedRegex(@"<p>(?:\s|<br>)*</p>")]
    private static partial Regex EmptyParagraph();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer { KeepChildNodes = true };
        sanitizer.AllowedTags.Clear();
        foreach (var tag in AllowedTags)
            sanitizer.AllowedTags.Add(tag);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("colspan");
        sanitizer.AllowedAttributes.Add("rowspan");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.UriAttributes.Clear();
        return sanitizer;
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
                builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        if (space)
            builder.Append(' ');
        return builder.ToString();
    }

    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Writes one <c>&lt;text&gt;</c> block; numbers its footnotes and prints them after their table.</summary>
    private sealed class Writer(StringBuilder html)
    {
        private readonly List<(int Number, string Html)> pendingFootnotes = [];
        private readonly Dictionary<string, int> footnoteNumbers = new(StringComparer.Ordinal);
        private int lastFootnote;

        public void AppendChildren(XElement parent)
        {
            var structural = StructuralElements.Contains(parent.Name.LocalName);
            foreach (var node in parent.Nodes())
            {
                switch (node)
                {
                    case XText text when structural && string.IsNullOrWhiteSpace(text.Value):
                        break;
                    case XText text:
                        html.Append(Encode(CollapseWhitespace(text.Value)));
                        break;
                    case XElement element:
                        AppendElement(element);
                        break;
                }
            }
        }

        public void FlushFootnotes()
        {
            foreach (var (number, text) in pendingFootnotes)
                html.Append("<p><sup>").Append(number.ToString(CultureInfo.InvariantCulture)).Append("</sup> ").Append(text).Append("</p>");
            pendingFootnotes.Clear();
        }

        private void AppendElement(XElement element)
        {
            switch (element.Name.LocalName)
            {
                case "paragraph":
                    Wrap("p", () => Styled(element, () => AppendChildren(element)));
                    break;
                case "list":
                    AppendList(element);
                    break;
                case "item":
                    Wrap("li", () => AppendChildren(element));
                    break;
                case "table":
                    AppendTable(element);
                    break;
                case "thead" or "tbody" or "tfoot" or "tr":
                    Wrap(element.Name.LocalName, () => AppendChildren(element));
                    break;
                case "td" or "th":
                    AppendCell(element);
                    break;
                case "caption":
                    // A caption outside a table (a list's, a stray one) reads as a bold lead-in line.
                    Wrap("p", () => Wrap("strong", () => AppendChildren(element)));
                    break;
                case "content":
                    Styled(element, () => AppendChildren(element));
                    break;
                case "br":
                    html.Append("<br>");
                    break;
                case "sup" or "sub":
                    Wrap(element.Name.LocalName, () => AppendChildren(element));
                    break;
                case "footnote":
                    AppendFootnote(element);
                    break;
                case "footnoteRef":
                    if (element.Attribute("IDREF")?.Value is { } idref && footnoteNumbers.TryGetValue(idref, out var number))
                        html.Append("<sup>").Append(number.ToString(CultureInfo.InvariantCulture)).Append("</sup>");
                    break;
                case "renderMultiMedia" or "col" or "colgroup":
                    // Pictures come later (with the pill images); column widths are layout.
                    break;
                default:
                    // linkHtml and anything unforeseen: keep the words, drop the element.
                    AppendChildren(element);
                    break;
            }
        }

        private void AppendList(XElement list)
        {
            foreach (var caption in list.Elements(V + "caption"))
                Wrap("p", () => Wrap("strong", () => AppendChildren(caption)));

            var tag = string.Equals(list.Attribute("listType")?.Value, "ordered", StringComparison.OrdinalIgnoreCase) ? "ol" : "ul";
            Wrap(tag, () =>
            {
                foreach (var child in list.Elements().Where(e => e.Name.LocalName != "caption"))
                {
                    if (child.Name.LocalName == "item")
                        Wrap("li", () => AppendChildren(child));
                    else
                        Wrap("li", () => AppendElement(child));
                }
            });
        }

        private void AppendTable(XElement table)
        {
            Wrap("table", () =>
            {
                foreach (var caption in table.Elements(V + "caption"))
                    Wrap("caption", () => AppendChildren(caption));
                foreach (var child in table.Elements().Where(e => e.Name.LocalName != "caption"))
                    AppendElement(child);
            });
            FlushFootnotes();
        }

        private void AppendCell(XElement cell)
        {
            var tag = cell.Name.LocalName;
            html.Append('<').Append(tag);
            foreach (var name in (string[])["colspan", "rowspan"])
            {
                if (int.TryParse(cell.Attribute(name)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var span) && span > 1)
                    html.Append(' ').Append(name).Append("=\"").Append(span.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            html.Append('>');
            Styled(cell, () => AppendChildren(cell));
            html.Append("</").Append(tag).Append('>');
        }

        private void AppendFootnote(XElement footnote)
        {
            var number = ++lastFootnote;
            if (footnote.Attribute("ID")?.Value is { } id)
                footnoteNumbers[id] = number;

            var text = new StringBuilder();
            new Writer(text).AppendChildren(footnote);
            pendingFootnotes.Add((number, text.ToString().Trim()));
            html.Append("<sup>").Append(number.ToString(CultureInfo.InvariantCulture)).Append("</sup>");
        }

        /// <summary>SPL's styleCode carries emphasis ("bold italics") and table rules ("Botrule"); only emphasis is kept.</summary>
        private void Styled(XElement element, Action inner)
        {
            var styles = (element.Attribute("styleCode")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var tags = new List<string>(3);
            foreach (var style in styles)
            {
                var tag = style.ToUpperInvariant() switch
                {
                    "BOLD" => "strong",
                    "ITALICS" or "EMPHASIS" => "em",
                    "UNDERLINE" => "u",
                    _ => null,
                };
                if (tag is not null && !tags.Contains(tag))
                    tags.Add(tag);
            }

            foreach (var tag in tags)
                html.Append('<').Append(tag).Append('>');
            inner();
            for (var i = tags.Count - 1; i >= 0; i--)
                html.Append("</").Append(tags[i]).Append('>');
        }

        private void Wrap(string tag, Action inner)
        {
            html.Append('<').Append(tag).Append('>');
            inner();
            html.Append("</").Append(tag).Append('>');
        }
    }
}
