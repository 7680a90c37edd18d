using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>
/// People's plain text (reviews, posts, answers) as HTML: every character encoded, blank lines make paragraphs,
/// single line breaks stay breaks. Links become clickable only when allowed (the writer's account was old enough),
/// and then only http(s), with rel="nofollow ugc noopener"; otherwise they stay text, so a new account cannot post spam links.
/// </summary>
internal static partial class UserText
{
    /// <summary>The text with line endings unified, spaces at the ends of lines trimmed and runs of blank lines made one.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    public static string ToHtml(string text, bool linksClickable)
    {
        var html = new StringBuilder();
        foreach (var paragraph in Normalize(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                    html.Append("<br>");
                AppendLine(html, lines[i], linksClickable);
            }

            html.Append("</p>");
        }

        return html.ToString();
    }

    private static void AppendLine(StringBuilder html, string line, bool linksClickable)
    {
        if (!linksClickable)
        {
            html.Append(WebUtility.HtmlEncode(line));
            return;
        }

        var at = 0;
        foreach (Match link in Links().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..link.Index]));
            var url = link.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                html.Append("<a href=\"").Append(WebUtility.HtmlEncode(uri.AbsoluteUri)).Append("\" rel=\"nofollow ugc noopener\">")
                    .Append(WebUtility.HtmlEncode(url)).Append("</a>");
            else
                html.Append(WebUtility.HtmlEncode(url));
            html.Append(WebUtility.HtmlEncode(link.Value[url.Length..]));
            at = link.Index + link.Length;
        }

        html.Append(WebUtility.HtmlEncode(line[at..]));
    }


    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
