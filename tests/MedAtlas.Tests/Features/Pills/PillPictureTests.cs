using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MedAtlas.Web.Features.Pills;

namespace MedAtlas.Tests.Features.Pills;

public sealed partial class PillPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> SplShapes => [.. SplAppearance.Shapes.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SplShapes))]
    public void Every_SPL_shape_draws_valid_svg_naming_its_shape(string shape)
    {
        var pill = Pill(shape, ["WHITE"], 10, "AB;12", score: 2);

        var root = Parse(pill);

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal(shape, (string?)root.Attribute("data-shape"));
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("0 0 250 250", (string?)root.Attribute("viewBox"));
        Assert.Equal(PillPicture.AltText(pill), (string?)root.Attribute("aria-label"));
        Assert.Equal(PillPicture.AltText(pill), root.Element(Svg + "title")?.Value);
        var body = Assert.Single(Parts(root, "pill-body"));
        Assert.Equal("WHITE", (string?)body.Attribute("data-color"));
        Assert.Equal("#FFFFFF", (string?)body.Attribute("fill"));
        Assert.Single(Parts(root, "pill-outline"));
        Assert.Single(Parts(root, "pill-score"));
        Assert.Equal("AB 12", string.Join(' ', Parts(root, "pill-imprint").Single().Elements(Svg + "tspan").Select(t => t.Value)));
        Assert.Empty(Parts(root, "pill-shape-note"));
    }

    [Fact]
    public void Every_shape_has_its_own_outline()
    {
        var outlines = SplAppearance.Shapes.Select(s => Outline(Parse(Pill(s.Name, ["WHITE"], 10)))).ToList();

        Assert.Equal(outlines.Count, outlines.Distinct().Count());
    }

    [Theory]
    [InlineData("round", "ROUND")]
    [InlineData("C48336", "CAPSULE")]
    [InlineData(" hexagon ", "HEXAGON (6 SIDES)")]
    public void A_shape_given_by_code_or_in_any_case_is_recognised(string given, string drawn)
    {
        Assert.Equal(drawn, (string?)Parse(Pill(given, ["WHITE"], 10)).Attribute("data-shape"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BLOB")]
    public void A_missing_or_unknown_shape_gets_a_neutral_outline_labelled_shape_not_stated(string? shape)
    {
        var pill = Pill(shape, ["PINK"], 7, "X");

        var root = Parse(pill);

        Assert.Equal("NOT STATED", (string?)root.Attribute("data-shape"));
        Assert.Equal("shape not stated", Parts(root, "pill-shape-note").Single().Value);
        Assert.NotNull(Parts(root, "pill-outline").Single().Attribute("stroke-dasharray"));
        Assert.Contains("shape not stated", PillPicture.AltText(pill), StringComparison.Ordinal);
    }

    [Fact]
    public void A_two_tone_capsule_is_two_halves_one_per_color()
    {
        var root = Parse(Pill("CAPSULE", ["BLUE", "WHITE"], 18, "ZT;CAP;7"));

        var halves = Parts(root, "pill-body").ToList();

        Assert.Equal(2, halves.Count);
        Assert.Equal(["BLUE", "WHITE"], halves.Select(h => (string?)h.Attribute("data-color")));
        Assert.Equal(["#0000FF", "#FFFFFF"], halves.Select(h => (string?)h.Attribute("fill")));
        var (left, right) = (Extent(halves[0]), Extent(halves[1]));
        var whole = Extent(Parts(root, "pill-outline").Single());
        // The cap ends where the body starts, in the middle, and together they cover the whole capsule.
        Assert.Equal(left.MaxX, right.MinX, tolerance: 0.5);
        Assert.Equal(whole.MinX + (whole.Width / 2), left.MaxX, tolerance: 0.5);
        Assert.Equal(whole.MinX, left.MinX, tolerance: 0.5);
        Assert.Equal(whole.MaxX, right.MaxX, tolerance: 0.5);
        Assert.Equal(whole.Height, left.Height, tolerance: 0.5);
    }

    [Theory]
    [MemberData(nameof(SplShapes))]
    public void Two_colors_on_any_shape_are_two_halves_that_parse(string shape)
    {
        var root = Parse(Pill(shape, ["RED", "YELLOW"], 12, "R;Y"));

        var halves = Parts(root, "pill-body").ToList();

        Assert.Equal(["#FF0000", "#FFFF00"], halves.Select(h => (string?)h.Attribute("fill")));
        Assert.All(halves, h => Assert.True(Extent(h).Width > 10, $"{shape}: a half is missing"));
        Assert.True(Extent(halves[0]).MaxX <= Extent(halves[1]).MinX + 0.5, $"{shape}: the halves overlap");
    }

    [Fact]
    public void A_repeated_or_lower_case_color_is_one_color()
    {
        var root = Parse(Pill("ROUND", ["white", "WHITE"], 8));

        Assert.Equal("WHITE", (string?)Parts(root, "pill-body").Single().Attribute("data-color"));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    public void Score_lines_divide_the_pill_into_the_labelled_pieces(int? score, int lines)
    {
        var root = Parse(Pill("OVAL", ["WHITE"], 12, "", score));

        Assert.Equal(lines, Parts(root, "pill-score").Count());
    }

    [Fact]
    public void Four_pieces_are_a_cross_and_three_are_two_parallel_lines()
    {
        var cross = Parts(Parse(Pill("ROUND", ["WHITE"], 12, "", 4)), "pill-score").Select(Line).ToList();
        var thirds = Parts(Parse(Pill("RECTANGLE", ["WHITE"], 12, "", 3)), "pill-score").Select(Line).ToList();

        Assert.Single(cross, l => l.X1 == l.X2);
        Assert.Single(cross, l => l.Y1 == l.Y2);
        Assert.All(thirds, l => Assert.Equal(l.X1, l.X2));
        Assert.NotEqual(thirds[0].X1, thirds[1].X1);
    }

    [Theory]
    [MemberData(nameof(SplShapes))]
    public void Score_lines_stay_inside_the_pill(string shape)
    {
        var root = Parse(Pill(shape, ["WHITE"], 15, "", 4));
        var pill = Extent(Parts(root, "pill-outline").Single());

        var lines = Parts(root, "pill-score").Select(Line).ToList();

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l =>
        {
            Assert.InRange(Math.Min(l.X1, l.X2), pill.MinX, pill.MaxX);
            Assert.InRange(Math.Max(l.X1, l.X2), pill.MinX, pill.MaxX);
            Assert.InRange(Math.Min(l.Y1, l.Y2), pill.MinY, pill.MaxY);
            Assert.InRange(Math.Max(l.Y1, l.Y2), pill.MinY, pill.MaxY);
            Assert.True(Math.Abs(l.X2 - l.X1) + Math.Abs(l.Y2 - l.Y1) > 20, $"{shape}: a score line is only a dot");
        });
    }

    [Fact]
    public void Imprint_blocks_are_drawn_as_lines_of_text()
    {
        var root = Parse(Pill("ROUND", ["WHITE"], 10, "PD;155;10"));

        var imprint = Parts(root, "pill-imprint").Single();

        Assert.Equal(["PD", "155", "10"], imprint.Elements(Svg + "tspan").Select(t => t.Value));
        Assert.Equal("monospace", (string?)imprint.Attribute("font-family"));
        Assert.Equal("middle", (string?)imprint.Attribute("text-anchor"));
    }

    [Fact]
    public void On_a_long_narrow_pill_blocks_share_a_line_so_the_text_stays_legible()
    {
        var imprint = Parts(Parse(Pill("CAPSULE", ["BLUE", "WHITE"], 18, "ZT;CAP;7")), "pill-imprint").Single();

        var lines = imprint.Elements(Svg + "tspan").Select(t => t.Value).ToList();

        Assert.True(lines.Count < 3, $"three stacked lines: {string.Join(" / ", lines)}");
        Assert.Equal("ZT CAP 7", string.Join(' ', lines));
    }

    [Fact]
    public void No_imprint_draws_no_text()
    {
        var root = Parse(Pill("ROUND", ["WHITE"], 10, " ; "));

        Assert.Empty(Parts(root, "pill-imprint"));
    }

    [Fact]
    public void Markup_in_an_imprint_is_escaped_and_drawn_as_text()
    {
        const string imprint = "A&B<1>;\"Q'</svg><script>x</script>";
        var svg = PillPicture.Svg(new PillAppearance(imprint, ["WHITE"], "ROUND", 12, null));

        var root = XElement.Parse(svg);

        Assert.Equal(["A&B<1>", "\"Q'</svg><script>x</script>"], Parts(root, "pill-imprint").Single().Elements(Svg + "tspan").Select(t => t.Value));
        Assert.Contains("A&amp;B&lt;1&gt;", svg, StringComparison.Ordinal);
        Assert.Empty(root.Descendants(Svg + "script"));
        Assert.Contains("imprint A&B<1> \"Q'</svg><script>x</script>", (string?)root.Attribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_dropped_so_the_picture_still_parses()
    {
        var svg = PillPicture.Svg(new PillAppearance("A\u0001B;\uD800C", ["WHITE"], "ROUND", 12, null));

        var root = XElement.Parse(svg);

        Assert.Equal(["AB", "C"], Parts(root, "pill-imprint").Single().Elements(Svg + "tspan").Select(t => t.Value));
    }

    [Fact]
    public void A_bigger_pill_draws_a_bigger_outline_to_the_same_scale()
    {
        var small = Extent(Parts(Parse(Pill("ROUND", ["WHITE"], 6)), "pill-outline").Single());
        var large = Extent(Parts(Parse(Pill("ROUND", ["WHITE"], 20)), "pill-outline").Single());

        // 10 viewBox units per mm: the 25 mm picture is 250 units across.
        Assert.Equal(60, small.Width, tolerance: 1);
        Assert.Equal(200, large.Width, tolerance: 1);
        Assert.Equal(20 / 6.0, large.Width / small.Width, tolerance: 0.05);
    }

    [Theory]
    [MemberData(nameof(SplShapes))]
    public void The_longest_dimension_is_the_labelled_size(string shape)
    {
        var root = Parse(Pill(shape, ["WHITE"], 14));

        var outline = Extent(Parts(root, "pill-outline").Single());

        Assert.Equal(140, Math.Max(outline.Width, outline.Height), tolerance: 0.5);
        Assert.Equal("to-scale", (string?)root.Attribute("data-scale"));
        Assert.Equal("14", (string?)root.Attribute("data-size-mm"));
    }

    [Fact]
    public void No_size_is_drawn_at_ten_mm_without_claiming_a_scale()
    {
        var pill = Pill("ROUND", ["WHITE"], null);
        var root = Parse(pill);

        Assert.Equal(100, Extent(Parts(root, "pill-outline").Single()).Width, tolerance: 1);
        Assert.Equal("not-to-scale", (string?)root.Attribute("data-scale"));
        Assert.Null(root.Attribute("data-size-mm"));
        Assert.Contains("not to scale", root.Element(Svg + "desc")?.Value, StringComparison.Ordinal);
        Assert.Contains("size not stated", PillPicture.AltText(pill), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pill_too_long_for_the_picture_is_drawn_reduced_and_says_so()
    {
        var root = Parse(Pill("CAPSULE", ["WHITE"], 30));

        var outline = Extent(Parts(root, "pill-outline").Single());

        Assert.Equal("reduced", (string?)root.Attribute("data-scale"));
        Assert.InRange(outline.MinX, 0, 250);
        Assert.InRange(outline.MaxX, 0, 250);
    }

    [Fact]
    public void A_white_pill_has_a_visible_outline()
    {
        var outline = Parts(Parse(Pill("ROUND", ["WHITE"], 10)), "pill-outline").Single();

        Assert.Equal("none", (string?)outline.Attribute("fill"));
        Assert.Equal("#595959", (string?)outline.Attribute("stroke"));
        Assert.True(double.Parse((string)outline.Attribute("stroke-width")!, CultureInfo.InvariantCulture) >= 2);
    }

    [Theory]
    [InlineData("WHITE", "#FFFFFF", "#1A1A1A")]
    [InlineData("YELLOW", "#FFFF00", "#1A1A1A")]
    [InlineData("PINK", "#FFC0CB", "#1A1A1A")]
    [InlineData("BLACK", "#000000", "#FFFFFF")]
    [InlineData("BLUE", "#0000FF", "#FFFFFF")]
    [InlineData("PURPLE", "#800080", "#FFFFFF")]
    public void The_imprint_is_light_on_dark_pills_and_dark_on_light_ones(string color, string fill, string ink)
    {
        var imprint = Parts(Parse(Pill("ROUND", [color], 10, "A1", 2)), "pill-imprint").Single();

        Assert.Equal(ink, (string?)imprint.Attribute("fill"));
        // Edged in the pill's own colour, so the score line stops short of the lettering.
        Assert.Equal(fill, (string?)imprint.Attribute("stroke"));
    }

    [Fact]
    public void An_imprint_across_two_colors_gets_a_halo_to_read_on_both()
    {
        var imprint = Parts(Parse(Pill("CAPSULE", ["BLACK", "WHITE"], 18, "A1")), "pill-imprint").Single();

        Assert.NotEqual((string?)imprint.Attribute("fill"), (string?)imprint.Attribute("stroke"));
        Assert.Equal("stroke", (string?)imprint.Attribute("paint-order"));
    }

    [Theory]
    [MemberData(nameof(SplShapes))]
    public void The_imprint_fits_inside_the_pill(string shape)
    {
        var root = Parse(Pill(shape, ["WHITE"], 8, "ABC;1234;XY"));
        var pill = Extent(Parts(root, "pill-outline").Single());
        var imprint = Parts(root, "pill-imprint").Single();
        var size = double.Parse((string)imprint.Attribute("font-size")!, CultureInfo.InvariantCulture);

        foreach (var line in imprint.Elements(Svg + "tspan"))
        {
            // Monospace glyphs are 0.6 em wide; the line is centred on x.
            var x = double.Parse((string)line.Attribute("x")!, CultureInfo.InvariantCulture);
            var y = double.Parse((string)line.Attribute("y")!, CultureInfo.InvariantCulture);
            var half = line.Value.Length * 0.6 * size / 2;
            Assert.InRange(x - half, pill.MinX, pill.MaxX);
            Assert.InRange(x + half, pill.MinX, pill.MaxX);
            Assert.InRange(y - (0.7 * size), pill.MinY, pill.MaxY);
            Assert.InRange(y, pill.MinY, pill.MaxY);
        }
    }

    [Fact]
    public void A_long_imprint_is_set_smaller_than_a_short_one()
    {
        double FontSize(string imprint) => double.Parse(
            (string)Parts(Parse(Pill("ROUND", ["WHITE"], 10, imprint)), "pill-imprint").Single().Attribute("font-size")!, CultureInfo.InvariantCulture);

        Assert.True(FontSize("ABCDEFGHIJ") < FontSize("AB"));
    }

    [Fact]
    public void Nothing_needs_a_style_attribute_a_script_an_id_or_another_file()
    {
        var pills = SplAppearance.Shapes.Select(s => Pill(s.Name, ["BLUE", "WHITE"], 12, "A&B;<x>", 4))
            .Append(Pill(null, [], null, "\"onload=alert(1)"));

        foreach (var pill in pills)
        {
            var root = Parse(pill);
            var elements = root.DescendantsAndSelf().ToList();
            var attributes = elements.SelectMany(e => e.Attributes()).ToList();

            Assert.DoesNotContain(elements, e => e.Name.LocalName is "style" or "script" or "image" or "use" or "foreignObject" or "a");
            Assert.DoesNotContain(attributes, a => a.Name.LocalName is "style" or "id" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(attributes, a => a.Value.Contains("url(", StringComparison.OrdinalIgnoreCase));
            Assert.All(elements, e => Assert.Equal(Svg, e.Name.Namespace));
        }
    }

    [Fact]
    public void The_same_pill_draws_the_same_svg()
    {
        var pill = Pill("CLOVER", ["GREEN", "YELLOW"], 11.5m, "G;7", 4);

        Assert.Equal(PillPicture.Svg(pill), PillPicture.Svg(Pill("CLOVER", ["GREEN", "YELLOW"], 11.5m, "G;7", 4)));
    }

    [Fact]
    public void The_width_is_the_one_asked_for_and_the_svg_starts_the_string()
    {
        var svg = PillPicture.Svg(Pill("ROUND", ["WHITE"], 10), 120);

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Equal("120", (string?)XElement.Parse(svg).Attribute("width"));
        Assert.Equal("120", (string?)XElement.Parse(svg).Attribute("height"));
    }

    [Theory]
    [InlineData("ROUND", "WHITE", null, "10", "PD;155;10", 2, "White round pill, 10 mm, imprint PD 155 10, scored in half")]
    [InlineData("CAPSULE", "BLUE", "WHITE", "18", "ZT;CAP;7", null, "Blue and white capsule-shaped pill, 18 mm, imprint ZT CAP 7")]
    [InlineData("OVAL", "YELLOW", null, "9.50", "", 1, "Yellow oval pill, 9.5 mm, no imprint")]
    [InlineData("TRIANGLE", "GREEN", null, null, "1559", 3, "Green triangular pill, size not stated, imprint 1559, scored in thirds")]
    [InlineData("HEXAGON (6 SIDES)", "ORANGE", null, "8", "M;8", 4, "Orange 6-sided pill, 8 mm, imprint M 8, scored in quarters")]
    [InlineData(null, "PINK", null, "7", "X", null, "Pink pill, shape not stated, 7 mm, imprint X")]
    [InlineData("ROUND", null, null, "6", "155", null, "Round pill, color not stated, 6 mm, imprint 155")]
    [InlineData(null, null, null, null, "", null, "Pill, color and shape not stated, size not stated, no imprint")]
    public void Alt_text_says_color_shape_size_imprint_and_score_in_plain_words(
        string? shape, string? color1, string? color2, string? size, string imprint, int? score, string expected)
    {
        string[] colors = [.. new[] { color1, color2 }.OfType<string>()];
        decimal? sizeMm = size is null ? null : decimal.Parse(size, CultureInfo.InvariantCulture);

        Assert.Equal(expected, PillPicture.AltText(new PillAppearance(imprint, colors, shape, sizeMm, score)));
    }

    private static PillAppearance Pill(string? shape, string[] colors, decimal? sizeMm, string imprint = "", int? score = null) =>
        new(imprint, colors, shape, sizeMm, score);

    private static XElement Parse(PillAppearance pill) => XElement.Parse(PillPicture.Svg(pill));

    private static IEnumerable<XElement> Parts(XElement root, string part) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(part) == true);

    private static string Outline(XElement root) => (string)Parts(root, "pill-outline").Single().Attribute("d")!;

    private static (double X1, double Y1, double X2, double Y2) Line(XElement line)
    {
        double Read(string name) => double.Parse((string)line.Attribute(name)!, CultureInfo.InvariantCulture);
        return (Read("x1"), Read("y1"), Read("x2"), Read("y2"));
    }

    /// <summary>
    /// The box round a path as drawn. The renderer writes absolute M/L/C commands only; cubics are followed
    /// along the curve, since a rounded corner's control points stick out past it.
    /// </summary>
    private static (double MinX, double MinY, double MaxX, double MaxY, double Width, double Height) Extent(XElement path)
    {
        var d = (string)path.Attribute("d")!;
        Assert.Matches("^M[-0-9. LCZ]+Z$", d);
        var points = new List<(double X, double Y)>();
        foreach (Match command in PathCommand().Matches(d))
        {
            var n = PathNumber().Matches(command.Groups[2].Value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
            if (command.Groups[1].Value != "C")
            {
                points.Add((n[0], n[1]));
                continue;
            }

            var start = points[^1];
            for (var i = 1; i <= 16; i++)
            {
                var t = i / 16.0;
                var u = 1 - t;
                points.Add((
                    (u * u * u * start.X) + (3 * u * u * t * n[0]) + (3 * u * t * t * n[2]) + (t * t * t * n[4]),
                    (u * u * u * start.Y) + (3 * u * u * t * n[1]) + (3 * u * t * t * n[3]) + (t * t * t * n[5])));
            }
        }

        var (minX, maxX) = (points.Min(p => p.X), points.Max(p => p.X));
        var (minY, maxY) = (points.Min(p => p.Y), points.Max(p => p.Y));
        return (minX, minY, maxX, maxY, maxX - minX, maxY - minY);
    }

    [GeneratedRegex("([MLC])([^MLCZ]+)")]
    private static partial Regex PathCommand();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex PathNumber();
}
