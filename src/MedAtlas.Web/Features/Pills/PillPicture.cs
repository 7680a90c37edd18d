using System.Globalization;
using System.Text;
using System.Xml;

namespace MedAtlas.Web.Features.Pills;

/// <summary>What a drawn picture needs to know about a pill.</summary>
internal sealed record PillAppearance(string Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score);

/// <summary>
/// Draws a pill as SVG from its labelled appearance, for pills with no imported photo: the SPL shape's outline,
/// one band per colour, the imprint, the score lines, to scale.
/// </summary>
/// <remarks>
/// The markup is written for the site's CSP (style-src 'self'): presentation attributes only, never a style
/// attribute or element, no script, nothing fetched. It carries no id either, so it is the same for the same
/// pill every time (cacheable, testable) and a page may show the same pill twice without duplicate ids; that is
/// why it is named by aria-label rather than aria-labelledby, and why colour bands are cut geometrically
/// rather than with a clipPath, which would need an id.
/// </remarks>
internal static class PillPicture
{
    /// <summary>How much of the pill the picture spans: 25 mm across, so pills of different sizes compare at a glance.</summary>
    public const int ViewBoxMm = 25;

    /// <summary>viewBox units per millimetre: a tenth of a millimetre per unit keeps the path numbers short.</summary>
    public const int UnitsPerMm = 10;

    /// <summary>Drawn when the label gives no size; the picture then says it is not to scale.</summary>
    public const decimal DefaultSizeMm = 10;

    private const int ViewBox = ViewBoxMm * UnitsPerMm;

    // Room left round the longest pills for the outline's stroke; a pill longer than this is drawn reduced.
    private const double LargestToScaleMm = ViewBoxMm - 2;

    // Imprint lettering on a real tablet is rarely taller than a quarter of its width or about 3.5 mm; text any
    // bigger would make a short imprint ("5") look like a different, printed pill.
    private const double MaxImprintShare = 0.25;
    private const double MaxImprintMm = 3.5;

    // Monospace glyphs are 0.6 em wide in every common monospace font (DejaVu Sans Mono, Liberation Mono,
    // Menlo, Courier), which is what lets text be fitted here without measuring it in a browser.
    private const double GlyphWidthEm = 0.6;
    private const double LineHeightEm = 1.15;

    // Layouts that keep the label's blocks on their own lines win unless joining them makes text this much bigger.
    private const double JoinBlocksGain = 1.25;

    // Mid grey: 7:1 against a white page and 3:1 against a black pill, so every pill has a visible edge.
    private const string OutlineColor = "#595959";
    private const string DarkInk = "#1A1A1A";
    private const string LightInk = "#FFFFFF";

    // A pill whose colour the label does not give is drawn white, the commonest colour, and said to be unknown in words.
    private const string UnstatedColor = "NOT STATED";
    private const string UnstatedFill = "#FFFFFF";

    /// <summary>An inline SVG element (no script, no style attribute), sized to <paramref name="widthPx"/>.</summary>
    public static string Svg(PillAppearance pill, int widthPx = 160)
    {
        ArgumentNullException.ThrowIfNull(pill);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);

        var shape = PillShapes.For(pill.Shape);
        var size = StatedSize(pill.SizeMm);
        var lengthMm = (double)(size ?? DefaultSizeMm);
        var scale = size is null ? "not-to-scale" : lengthMm > LargestToScaleMm ? "reduced" : "to-scale";
        var unitsPerMm = Math.Min(UnitsPerMm, LargestToScaleMm * UnitsPerMm / lengthMm);

        // The shape is drawn with its longest dimension as the labelled size, centred in the picture.
        var unit = shape.Outline.Bounds();
        var factor = lengthMm * unitsPerMm / Math.Max(unit.Width, unit.Height);
        var outline = shape.Outline.Map(p => new PillPoint(
            (ViewBox / 2.0) + ((p.X - unit.CenterX) * factor),
            (ViewBox / 2.0) + ((p.Y - unit.CenterY) * factor)));
        var box = outline.Bounds();
        var colors = Colors(pill.Colors);
        var alt = Escape(AltText(pill));

        var svg = new StringBuilder(2048);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(ViewBox).Append(' ').Append(ViewBox)
            .Append("\" width=\"").Append(widthPx).Append("\" height=\"").Append(widthPx)
            .Append("\" role=\"img\" aria-label=\"").Append(alt)
            .Append("\" class=\"pill-picture\" data-shape=\"").Append(Escape(shape.Name))
            .Append("\" data-colors=\"").Append(Escape(string.Join(',', colors.Select(c => c.Name))))
            .Append("\" data-scale=\"").Append(scale).Append('"');
        if (size is not null)
            svg.Append(" data-size-mm=\"").Append(size.Value.ToString("0.##", CultureInfo.InvariantCulture)).Append('"');
        svg.Append('>');

        svg.Append("<title>").Append(alt).Append("</title>");
        svg.Append("<desc>").Append(Escape(Description(scale))).Append("</desc>");

        // One band per colour across the long axis: a two-tone capsule's cap and body, a bilayer tablet's layers.
        for (var i = 0; i < colors.Count; i++)
        {
            var band = outline;
            if (i > 0)
                band = band.ClipAtX(box.MinX + (box.Width * i / colors.Count), keepLeft: false);
            if (i < colors.Count - 1)
                band = band.ClipAtX(box.MinX + (box.Width * (i + 1) / colors.Count), keepLeft: true);
            svg.Append("<path class=\"pill-body\" data-color=\"").Append(Escape(colors[i].Name))
                .Append("\" fill=\"").Append(colors[i].Hex).Append("\" stroke=\"none\" d=\"").Append(band.PathData(Number)).Append("\"/>");
        }

        svg.Append("<path class=\"pill-outline\" fill=\"none\" stroke=\"").Append(OutlineColor)
            .Append("\" stroke-width=\"3\" stroke-linejoin=\"round\"");
        if (shape == PillShapes.NotStated)
            svg.Append(" stroke-dasharray=\"10 6\"");
        svg.Append(" d=\"").Append(outline.PathData(Number)).Append("\"/>");

        var ink = Ink(colors);
        AppendScoreLines(svg, outline, box, pill.Score, ink.Fill);
        // On one colour the halo is the pill's own colour, so a score line stops short of the lettering instead of
        // striking through it; across several, it is the other ink, so the text reads on every band.
        var fills = colors.Select(c => c.Hex).Distinct().ToList();
        AppendImprint(svg, pill.Imprint, shape, box, unitsPerMm, ink.Fill, fills.Count == 1 ? fills[0] : ink.Halo);

        if (shape == PillShapes.NotStated)
        {
            svg.Append("<text class=\"pill-shape-note\" x=\"").Append(Number(ViewBox / 2.0)).Append("\" y=\"").Append(ViewBox - 8)
                .Append("\" font-family=\"sans-serif\" font-size=\"18\" text-anchor=\"middle\" fill=\"").Append(DarkInk)
                .Append("\">shape not stated</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Words for people who cannot see the picture: "White round pill, 10 mm, imprint PD 155 10, scored in half".</summary>
    public static string AltText(PillAppearance pill)
    {
        ArgumentNullException.ThrowIfNull(pill);
        var shape = PillShapes.For(pill.Shape);
        var colorWords = ColorWords(pill.Colors);

        var head = string.Join(' ', new[] { colorWords, shape.Words, "pill" }.Where(w => w.Length > 0));
        var parts = new List<string> { char.ToUpperInvariant(head[0]) + head[1..] };
        if (colorWords.Length == 0 && shape == PillShapes.NotStated)
            parts.Add("color and shape not stated");
        else if (colorWords.Length == 0)
            parts.Add("color not stated");
        else if (shape == PillShapes.NotStated)
            parts.Add("shape not stated");

        parts.Add(StatedSize(pill.SizeMm) is { } size ? $"{size.ToString("0.##", CultureInfo.InvariantCulture)} mm" : "size not stated");
        var blocks = ImprintBlocks(pill.Imprint);
        parts.Add(blocks.Count > 0 ? $"imprint {string.Join(' ', blocks)}" : "no imprint");
        if (ScoreWords(pill.Score) is { } score)
            parts.Add(score);
        return string.Join(", ", parts);
    }

    private static string Description(string scale) => "A drawing made from the label's description, not a photo. " + scale switch
    {
        "to-scale" => $"Drawn to scale: the picture is {ViewBoxMm} mm across.",
        "reduced" => $"Drawn smaller than life: the pill is longer than the picture's {ViewBoxMm} mm.",
        _ => "The label gives no size: drawn at a typical size, not to scale.",
    };

    private static decimal? StatedSize(decimal? sizeMm) => sizeMm is > 0 ? sizeMm : null;

    private static string? ScoreWords(int? score) => score switch
    {
        null or <= 1 => null,
        2 => "scored in half",
        3 => "scored in thirds",
        4 => "scored in quarters",
        _ => $"scored into {score} parts",
    };

    private static List<string> ImprintBlocks(string? imprint) =>
        [.. (imprint ?? "").Split(';').Select(b => string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(b => b.Length > 0)];

    /// <summary>The pill's colours as SPL names and hex, in label order, each once; unknown names kept, drawn white.</summary>
    private static List<(string Name, string Hex)> Colors(IReadOnlyList<string>? colors)
    {
        var result = new List<(string Name, string Hex)>();
        foreach (var raw in colors ?? [])
        {
            if (string.IsNullOrWhiteSpace(raw))
                continue;
            var name = SplAppearance.Color(raw);
            var entry = name is null
                ? (raw.Trim().ToUpperInvariant(), UnstatedFill)
                : (name, SplAppearance.Colors.First(c => c.Name == name).Hex);
            if (!result.Contains(entry))
                result.Add(entry);
        }

        if (result.Count == 0)
            result.Add((UnstatedColor, UnstatedFill));
        return result;
    }

    private static string ColorWords(IReadOnlyList<string>? colors)
    {
        var names = Colors(colors).Where(c => c.Name != UnstatedColor).Select(c => c.Name.ToLowerInvariant()).ToList();
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} and {names[^1]}",
        };
    }

    /// <summary>
    /// The imprint's colour: whichever of near-black and white has the better worst-case contrast over every
    /// colour it crosses (a light pill gets dark text, a dark one light). Across bands of different colours
    /// neither may be enough on its own, so the text then gets a halo of the other.
    /// </summary>
    private static (string Fill, string Halo) Ink(List<(string Name, string Hex)> colors)
    {
        var dark = colors.Min(c => Contrast(DarkInk, c.Hex));
        var light = colors.Min(c => Contrast(LightInk, c.Hex));
        return dark >= light ? (DarkInk, LightInk) : (LightInk, DarkInk);
    }

    /// <summary>The WCAG contrast ratio of two "#RRGGBB" colours.</summary>
    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    /// <summary>
    /// Score lines cross the pill's short way (perpendicular to the long axis), edge to edge: 2 pieces, one line;
    /// 3, two lines at the thirds; 4, a cross, as quarter-scored tablets are. More (rare, and likely a label
    /// error past a handful) are evenly spaced lines, capped so bad data cannot flood the picture.
    /// </summary>
    private static void AppendScoreLines(StringBuilder svg, PillOutline outline, PillBounds box, int? score, string ink)
    {
        if (score is not > 1)
            return;
        var pieces = Math.Min(score.Value, 8);
        var lines = new List<(PillPoint From, PillPoint To)>();
        if (pieces == 4)
        {
            lines.Add(Chord(outline, box.CenterX, vertical: true));
            lines.Add(Chord(outline, box.CenterY, vertical: false));
        }
        else
        {
            for (var i = 1; i < pieces; i++)
                lines.Add(Chord(outline, box.MinX + (box.Width * i / pieces), vertical: true));
        }

        var width = Math.Max(2, Math.Min(box.Width, box.Height) * 0.025);
        foreach (var (from, to) in lines.Where(l => l.From != l.To))
        {
            svg.Append("<line class=\"pill-score\" x1=\"").Append(Number(from.X)).Append("\" y1=\"").Append(Number(from.Y))
                .Append("\" x2=\"").Append(Number(to.X)).Append("\" y2=\"").Append(Number(to.Y))
                .Append("\" stroke=\"").Append(ink).Append("\" stroke-opacity=\"0.55\" stroke-width=\"").Append(Number(width))
                .Append("\" stroke-linecap=\"round\"/>");
        }
    }

    /// <summary>The line across the outline at <paramref name="at"/>, from edge to edge, stopping just short of the outline.</summary>
    private static (PillPoint From, PillPoint To) Chord(PillOutline outline, double at, bool vertical)
    {
        var crossings = vertical ? outline.CrossingsAtX(at) : outline.CrossingsAtY(at);
        if (crossings.Count < 2)
            return default;
        var (low, high) = (crossings.Min(), crossings.Max());
        var inset = Math.Min(4, (high - low) / 6);
        (low, high) = (low + inset, high - inset);
        return vertical ? (new(at, low), new(at, high)) : (new(low, at), new(high, at));
    }

    /// <summary>
    /// The imprint's blocks as lines of text, centred on the shape's text area and sized to fit it. Blocks on
    /// separate lines are how labels write them (one per line or side); a long narrow pill may join them on one
    /// line when that makes the text clearly bigger, since three stacked lines on a capsule would be unreadable.
    /// </summary>
    private static void AppendImprint(StringBuilder svg, string? imprint, PillShape shape, PillBounds box, double unitsPerMm, string ink, string halo)
    {
        var blocks = ImprintBlocks(imprint);
        if (blocks.Count == 0)
            return;

        var area = shape.TextArea;
        var width = box.Width * area.Width;
        var height = box.Height * area.Height;
        var cap = Math.Min(MaxImprintShare * Math.Min(box.Width, box.Height), MaxImprintMm * unitsPerMm);
        var (lines, fontSize) = Layout(blocks, width, height, cap);

        var centerX = box.CenterX + (box.Width * area.OffsetX);
        var centerY = box.CenterY + (box.Height * area.OffsetY);
        svg.Append("<text class=\"pill-imprint\" x=\"").Append(Number(centerX)).Append("\" y=\"").Append(Number(centerY))
            .Append("\" font-family=\"monospace\" font-weight=\"bold\" font-size=\"").Append(Number(fontSize))
            .Append("\" text-anchor=\"middle\" fill=\"").Append(ink)
            .Append("\" stroke=\"").Append(halo).Append("\" stroke-width=\"").Append(Number(fontSize * 0.16))
            .Append("\" stroke-linejoin=\"round\" paint-order=\"stroke\">");
        for (var i = 0; i < lines.Count; i++)
        {
            // Baselines placed so the capitals (about 0.7 em tall) are centred on each line's slot.
            var y = centerY + ((i - ((lines.Count - 1) / 2.0)) * LineHeightEm * fontSize) + (0.35 * fontSize);
            svg.Append("<tspan x=\"").Append(Number(centerX)).Append("\" y=\"").Append(Number(y)).Append("\">")
                .Append(Escape(lines[i])).Append("</tspan>");
        }

        svg.Append("</text>");
    }

    /// <summary>The grouping of blocks into lines (order kept) with the largest text, preferring more lines unless fewer are clearly larger.</summary>
    private static (List<string> Lines, double FontSize) Layout(List<string> blocks, double width, double height, double cap)
    {
        double Fit(List<string> lines) => Math.Min(
            Math.Min(cap, height / (lines.Count * LineHeightEm)),
            width / (lines.Max(TextLength) * GlyphWidthEm));

        var oneBlockPerLine = blocks;
        // Each way of breaking n blocks into lines is a bit mask over the n − 1 gaps; beyond ten blocks (never seen
        // on a label) the search is not worth it.
        if (blocks.Count > 10)
            return (oneBlockPerLine, Fit(oneBlockPerLine));

        var best = new List<(List<string> Lines, double Size)>();
        for (var mask = 0; mask < 1 << (blocks.Count - 1); mask++)
        {
            var lines = new List<string>();
            var line = new StringBuilder(blocks[0]);
            for (var i = 1; i < blocks.Count; i++)
            {
                if ((mask & (1 << (i - 1))) != 0)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(blocks[i]);
                }
                else
                {
                    line.Append(' ').Append(blocks[i]);
                }
            }

            lines.Add(line.ToString());
            best.Add((lines, Fit(lines)));
        }

        var largest = best.Max(b => b.Size);
        return best.Where(b => b.Size * JoinBlocksGain >= largest)
            .OrderByDescending(b => b.Lines.Count).ThenByDescending(b => b.Size)
            .Select(b => (b.Lines, b.Size))
            .First();
    }

    private static int TextLength(string text) => new StringInfo(text).LengthInTextElements;

    private static string Number(double value)
    {
        var rounded = Math.Round(value, 1);
        // Negative zero would print as "-0".
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Text for XML (and so for SVG inline in HTML): the five markup characters as entities, and characters XML
    /// cannot carry at all (control codes from a label's text, a broken surrogate) dropped, so the SVG always parses.
    /// </summary>
    private static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '&' => result.Append("&amp;"),
                '<' => result.Append("&lt;"),
                '>' => result.Append("&gt;"),
                '"' => result.Append("&quot;"),
                '\'' => result.Append("&#39;"),
                _ when XmlConvert.IsXmlChar(c) => result.Append(c),
                _ => result,
            };
        }

        return result.ToString();
    }
}
