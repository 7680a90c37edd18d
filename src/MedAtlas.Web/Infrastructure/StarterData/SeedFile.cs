using System.Text.RegularExpressions;

namespace MedAtlas.Web.Infrastructure.StarterData;

/// <summary>
/// The starter Markdown files' shape (<c>data/seed/site</c>, <c>data/seed/health</c>): a header of <c>key: value</c> lines
/// (keys lower-cased, split on the first colon, a repeated key keeps its last value) ended by a line <c>---</c>, then the body.
/// </summary>
internal static partial class SeedFile
{
    public static (IReadOnlyDictionary<string, string> Header, string Body) Split(string text, string file)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = HeaderEnd().Match(text);
        if (!end.Success)
            throw new InvalidDataException($"{file}: the header must end with a line '---'.");

        var header = text[..end.Index].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim());
        return (header, text[(end.Index + end.Length)..].TrimStart('\n'));
    }

    [GeneratedRegex("^---[ \\t]*$", RegexOptions.Multiline)]
    private static partial Regex HeaderEnd();
}
