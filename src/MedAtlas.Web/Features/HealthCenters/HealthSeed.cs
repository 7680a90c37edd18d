using MedAtlas.Web.Infrastructure.StarterData;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>A center as <c>data/seed/health/centers.json</c> lists it (the format: docs/architecture.md, Health Centers).</summary>
internal sealed record SeedCenter(
    string Slug, string Name, string Summary, List<string>? Conditions, List<string>? Drugs, List<string>? Tools, int Order);

/// <summary>One slide of a starter slideshow file.</summary>
internal sealed record SeedSlide(string Title, string Image, string Alt, string Caption);

/// <summary>A starter article or slideshow file, parsed: its header, its Markdown body, and (slideshows) its slides and sources.</summary>
internal sealed record SeedDocument(
    string Slug, string Title, string Summary, string? Center, IReadOnlyList<string> Topics, IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Drugs, bool Featured, DateOnly Written, DateOnly Reviewed, string Body,
    IReadOnlyList<SeedSlide> Slides, string SourcesMarkdown);

/// <summary>
/// Reads the starter files: a header of <c>key: value</c> lines ended by <c>---</c> (as <c>data/seed/site</c>), then
/// Markdown. A slideshow's body is one <c>## </c> section per slide (<c>image:</c> and <c>alt:</c> first, then the
/// caption) and the footnote definitions at the end, which are the slideshow's sources.
/// </summary>
internal static partial class HealthSeed
{
    public static SeedDocument Read(string text, string file, bool slideshow)
    {
        var (header, body) = SeedFile.Split(text, file);

        string Required(string key) => header.GetValueOrDefault(key) is { Length: > 0 } value
            ? value
            : throw new InvalidDataException($"{file}: no {key}.");
        DateOnly Date(string key) => DateOnly.TryParseExact(Required(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"{file}: {key} must be a date written YYYY-MM-DD.");
        IReadOnlyList<string> List(string key) => (header.GetValueOrDefault(key) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

        var slides = new List<SeedSlide>();
        var sources = "";
        if (slideshow)
            (slides, sources) = ReadSlides(body, file);

        return new SeedDocument(
            Path.GetFileNameWithoutExtension(file), Required("title"), Required("summary"), header.GetValueOrDefault("center"),
            List("topics"), List("conditions"), List("drugs"),
            string.Equals(header.GetValueOrDefault("featured"), "true", StringComparison.OrdinalIgnoreCase),
            Date("written"), Date("reviewed"), body, slides, sources);
    }

    private static (List<SeedSlide> Slides, string Sources) ReadSlides(string body, string file)
    {
        var lines = body.Split('\n');
        var firstSource = Array.FindIndex(lines, l => FootnoteDefinition().IsMatch(l));
        var sources = firstSource < 0 ? "" : string.Join('\n', lines[firstSource..]).Trim();
        var slideLines = firstSource < 0 ? lines : lines[..firstSource];

        var slides = new List<SeedSlide>();
        string? title = null;
        var chunk = new List<string>();
        void Flush()
        {
            if (title is null)
                return;
            var rest = chunk.SkipWhile(string.IsNullOrWhiteSpace).ToList();
            string Field(string key)
            {
                if (rest.Count == 0 || !rest[0].StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException($"{file}: slide \"{title}\" must start with a line '{key}: ...'.");
                var value = rest[0][(key.Length + 1)..].Trim();
                rest.RemoveAt(0);
                return value.Length > 0 ? value : throw new InvalidDataException($"{file}: slide \"{title}\" has an empty {key}.");
            }

            var image = Field("image");
            var alt = Field("alt");
            slides.Add(new SeedSlide(title, image, alt, string.Join('\n', rest).Trim()));
        }

        foreach (var line in slideLines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                title = line[3..].Trim();
                chunk.Clear();
            }
            else if (title is not null)
            {
                chunk.Add(line);
            }
        }

        Flush();
        if (slides.Count == 0)
            throw new InvalidDataException($"{file}: a slideshow needs at least one slide (a line starting with '## ').");
        return (slides, sources);
    }

    [GeneratedRegex("^\\[\\^[^\\]]+\\]:")]
    private static partial Regex FootnoteDefinition();
}
