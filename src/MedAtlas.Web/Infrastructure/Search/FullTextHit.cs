using System.Net;
using System.Text;

namespace MedAtlas.Web.Infrastructure.Search;

/// <summary>One document found by <see cref="FullTextIndex"/>.</summary>
/// <param name="Rank">Higher is better; comparable only within the one search that returned it.</param>
/// <param name="Snippet">
/// Plain text from the body around the matches, each match between <see cref="MatchStart"/> and <see cref="MatchEnd"/>.
/// Never HTML: show it with <see cref="SnippetHtml"/> (or encode it yourself).
/// </param>
internal sealed record FullTextHit(string Kind, string Key, string Title, double Rank, string Snippet)
{
    /// <summary>Control characters, never stored in indexed text (<see cref="FullTextIndex"/> removes them), so they can only be markers.</summary>
    public const char MatchStart = '\u0002';
    public const char MatchEnd = '\u0003';

    /// <summary>The snippet without its markers.</summary>
    public string SnippetText => Snippet.Replace(MatchStart.ToString(), "", StringComparison.Ordinal).Replace(MatchEnd.ToString(), "", StringComparison.Ordinal);

    /// <summary>The snippet HTML-encoded, each match in <c>&lt;mark&gt;</c>.</summary>
    public string SnippetHtml()
    {
        var html = new StringBuilder(Snippet.Length + 32);
        var open = false;
        foreach (var part in Snippet.Split([MatchStart, MatchEnd]).Select((text, i) => (text, i)))
        {
            if (part.i > 0)
            {
                // Split drops which marker it was: alternate, and never leave a <mark> open.
                html.Append(open ? "</mark>" : "<mark>");
                open = !open;
            }

            html.Append(WebUtility.HtmlEncode(part.text));
        }

        if (open)
            html.Append("</mark>");
        return html.ToString();
    }
}
