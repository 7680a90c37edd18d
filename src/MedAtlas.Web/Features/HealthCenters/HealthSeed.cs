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
internal static class HealthSeed
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

        IReadOnlyList<SeedSlide> slides = [];
        var sources = "";
        if (slideshow)
        {
            var parsed = SlideParse.Read(body);
            if (parsed.Problem is { } problem)
                throw new InvalidDataException($"{file}: {problem}");
            (slides, sources) = (parsed.Slides, parsed.SourcesMarkdown);
        }

        return new SeedDocument(
            Path.GetFileNameWithoutExtension(file), Required("title"), Required("summary"), header.GetValueOrDefault("center"),
            List("topics"), List("conditions"), List("drugs"),
            string.Equals(header.GetValueOrDefault("featured"), "true", StringComparison.OrdinalIgnoreCase),
            Date("written"), Date("reviewed"), body, slides, sources);
    }

    /// <summary>
    /// A video's transcript as Markdown: its body without the scenes' <c>image:</c> lines, each scene a <c>###</c> heading
    /// (the page puts the transcript under its own <c>##</c> heading); the footnotes stay, they are the sources.
    /// </summary>
    public static string Transcript(string body) => string.Join('\n', body.Split('\n')
        .Where(l => !l.StartsWith("image:", StringComparison.OrdinalIgnoreCase))
        .Select(l => l.StartsWith("## ", StringComparison.Ordinal) ? "#" + l : l)).Trim();

    /// <summary>A starter video's files beside its Markdown (<c>slug.webm</c>, <c>slug.vtt</c>, <c>slug-poster.png</c>) and its length.</summary>
    public static ContentVideo ReadVideo(string folder, string slug, string file)
    {
        var video = new ContentVideo { File = slug + ".webm", Captions = slug + ".vtt", Poster = slug + "-poster.png" };
        foreach (var name in new[] { video.File, video.Captions, video.Poster })
        {
            if (!File.Exists(Path.Combine(folder, name)))
                throw new InvalidDataException($"{file}: there is no {name} beside it.");
        }

        video.DurationSeconds = WebmSeconds(Path.Combine(folder, video.File));
        return video;
    }

    private static readonly byte[] TimecodeScaleId = [0x2A, 0xD7, 0xB1];
    private static readonly byte[] DurationId = [0x44, 0x89];

    /// <summary>
    /// The length a WebM's header records: the Segment Info's Duration (EBML id 0x4489, a 4- or 8-byte float) in units of
    /// its TimecodeScale (id 0x2AD7B1, nanoseconds, 1 ms when absent). Both sit in the first few hundred bytes.
    /// </summary>
    public static int WebmSeconds(string path)
    {
        var head = new byte[Math.Min(64 * 1024, new FileInfo(path).Length)];
        using (var stream = File.OpenRead(path))
            stream.ReadExactly(head);
        ReadOnlySpan<byte> bytes = head;

        double scale = 1_000_000;
        var at = bytes.IndexOf(TimecodeScaleId);
        if (at >= 0 && at + 4 < bytes.Length && bytes[at + 3] is >= 0x81 and <= 0x88)
        {
            var size = bytes[at + 3] - 0x80;
            if (at + 4 + size <= bytes.Length)
            {
                ulong value = 0;
                foreach (var b in bytes.Slice(at + 4, size))
                    value = (value << 8) | b;
                scale = value;
            }
        }

        var duration = bytes.IndexOf(DurationId);
        if (duration < 0 || duration + 3 >= bytes.Length)
            throw new InvalidDataException($"{path}: no duration in the WebM header.");
        double units = bytes[duration + 2] switch
        {
            0x88 when duration + 11 <= bytes.Length => System.Buffers.Binary.BinaryPrimitives.ReadDoubleBigEndian(bytes.Slice(duration + 3, 8)),
            0x84 when duration + 7 <= bytes.Length => System.Buffers.Binary.BinaryPrimitives.ReadSingleBigEndian(bytes.Slice(duration + 3, 4)),
            _ => throw new InvalidDataException($"{path}: the WebM duration is not a float."),
        };
        return (int)Math.Round(units * scale / 1_000_000_000, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// A slideshow's Markdown (a starter file's body or what an editor typed) read into slides: one <c>## </c> section per
/// slide, its <c>image:</c> and <c>alt:</c> lines first, then the caption; the footnote definitions at the end are the
/// slideshow's sources. The first problem is said in words (never thrown), for the editor's form or the loader's message.
/// </summary>
internal sealed partial record SlideParse(IReadOnlyList<SeedSlide> Slides, string SourcesMarkdown, string? Problem)
{
    public static SlideParse Read(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var firstSource = Array.FindIndex(lines, l => FootnoteDefinition().IsMatch(l));
        var sources = firstSource < 0 ? "" : string.Join('\n', lines[firstSource..]).Trim();
        var slideLines = firstSource < 0 ? lines : lines[..firstSource];

        var slides = new List<SeedSlide>();
        string? title = null;
        var chunk = new List<string>();
        string? Flush()
        {
            if (title is null)
                return null;
            var rest = chunk.SkipWhile(string.IsNullOrWhiteSpace).ToList();
            var label = title.Length > 0 ? $"Slide {slides.Count + 1} (\"{title}\")" : $"Slide {slides.Count + 1}";
            if (title.Length == 0)
                return $"{label} needs a title after its '## '.";
            var values = new List<string>();
            foreach (var key in new[] { "image", "alt" })
            {
                if (rest.Count == 0 || !rest[0].StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
                    return $"{label} must go on with a line '{key}: ...' right after its title.";
                var value = rest[0][(key.Length + 1)..].Trim();
                rest.RemoveAt(0);
                if (value.Length == 0)
                    return $"{label} has an empty {key}.";
                values.Add(value);
            }

            slides.Add(new SeedSlide(title, values[0], values[1], string.Join('\n', rest).Trim()));
            return null;
        }

        foreach (var line in slideLines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.TrimEnd() == "##")
            {
                if (Flush() is { } problem)
                    return Refused(problem);
                title = line[2..].Trim();
                chunk.Clear();
            }
            else if (title is not null)
            {
                chunk.Add(line);
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                return Refused("Start with a line '## Slide title': text before the first slide would not be shown.");
            }
        }

        if (Flush() is { } last)
            return Refused(last);
        return slides.Count == 0
            ? Refused("A slideshow needs at least one slide (a line starting with '## ').")
            : new SlideParse(slides, sources, null);
    }

    private static SlideParse Refused(string problem) => new([], "", problem);

    [GeneratedRegex("^\\[\\^[^\\]]+\\]:")]
    private static partial Regex FootnoteDefinition();
}
