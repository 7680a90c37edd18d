using System.Text.RegularExpressions;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>Small, forgiving reads of the HTML a page returned: what a person would see.</summary>
public static partial class Html
{
    public static string Text(string html)
    {
        var withoutTags = TagPattern().Replace(ScriptOrStylePattern().Replace(html, " "), " ");
        return System.Net.WebUtility.HtmlDecode(SpacePattern().Replace(withoutTags, " ")).Trim();
    }

    public static IEnumerable<string> AttributeValues(string html, string attribute) =>
        Regex.Matches(html, $@"\s{attribute}=""([^""]*)""").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStylePattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacePattern();
}
