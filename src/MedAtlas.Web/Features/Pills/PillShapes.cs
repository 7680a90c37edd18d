namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// Where the imprint goes, as fractions of the shape's bounding box: centre offset from the box's centre and the
/// width and height available. Shapes that are not symmetric (a triangle's wide base, a tear's round end) put the
/// text where the pill has room for it.
/// </summary>
internal readonly record struct PillTextArea(double OffsetX, double OffsetY, double Width, double Height);

/// <summary>
/// One SPL shape as drawn: its outline (long axis horizontal, any size: the picture scales it so the longest
/// dimension is the labelled size), where the imprint fits, and the words for it in alt text.
/// </summary>
internal sealed record PillShape(string Name, string Words, PillOutline Outline, PillTextArea TextArea);

/// <summary>The 19 SPL shapes (and the outline for a pill whose shape the label does not state).</summary>
internal static class PillShapes
{
    private const double Degrees = Math.PI / 180;

    /// <summary>Drawn when the label states no shape, or one not on the SPL list: a plain rounded outline that resembles none of them.</summary>
    public static readonly PillShape NotStated = new(
        "NOT STATED", "", new PillOutlineBuilder().RoundedPolygon(Rectangle(2, 1.3), 0.5).Close(), new(0, 0, 0.72, 0.62));

    public static readonly IReadOnlyDictionary<string, PillShape> All = new[]
    {
        new PillShape("BULLET", "bullet-shaped", Bullet(), new(-0.08, 0, 0.68, 0.62)),
        // SPL's CAPSULE is the outline, not the dosage form: caplets are tablets with this shape, so the words
        // say "capsule-shaped" rather than call every such pill a capsule.
        new PillShape("CAPSULE", "capsule-shaped", Capsule(), new(0, 0, 0.8, 0.64)),
        new PillShape("CLOVER", "clover-shaped", Clover(), new(0, 0, 0.52, 0.52)),
        new PillShape("DIAMOND", "diamond-shaped", Polygon([new(-1, 0), new(0, -0.7), new(1, 0), new(0, 0.7)], 0.16), new(0, 0, 0.52, 0.46)),
        new PillShape("DOUBLE CIRCLE", "double-circle", DoubleCircle(), new(0, 0, 0.72, 0.56)),
        new PillShape("FREEFORM", "freeform", Freeform(), new(-0.02, 0, 0.6, 0.5)),
        new PillShape("GEAR", "gear-shaped", Gear(), new(0, 0, 0.6, 0.6)),
        new PillShape("HEPTAGON (7 SIDES)", "7-sided", Polygon(Regular(7, -90), 0.1), new(0, 0.03, 0.66, 0.58)),
        new PillShape("HEXAGON (6 SIDES)", "6-sided", Polygon(Regular(6, 0), 0.1), new(0, 0, 0.66, 0.62)),
        new PillShape("OCTAGON (8 SIDES)", "8-sided", Polygon(Regular(8, 22.5), 0.1), new(0, 0, 0.72, 0.66)),
        new PillShape("OVAL", "oval", new PillOutlineBuilder().Arc(new(0, 0), 1, 0.56, 0, 360 * Degrees).Close(), new(0, 0, 0.72, 0.6)),
        new PillShape("PENTAGON (5 SIDES)", "5-sided", Polygon(Regular(5, -90), 0.12), new(0, 0.06, 0.6, 0.52)),
        new PillShape("RECTANGLE", "rectangular", Polygon(Rectangle(2, 1), 0.18), new(0, 0, 0.84, 0.72)),
        new PillShape("ROUND", "round", new PillOutlineBuilder().Arc(new(0, 0), 1, 1, 0, 360 * Degrees).Close(), new(0, 0, 0.72, 0.62)),
        new PillShape("SEMI-CIRCLE", "half-round", SemiCircle(), new(0, 0.1, 0.62, 0.5)),
        new PillShape("SQUARE", "square", Polygon(Rectangle(2, 2), 0.3), new(0, 0, 0.78, 0.72)),
        new PillShape("TEAR", "teardrop-shaped", Tear(), new(-0.14, 0, 0.56, 0.6)),
        new PillShape("TRAPEZOID", "trapezoid-shaped", Polygon([new(-1, 0.6), new(-0.6, -0.6), new(0.6, -0.6), new(1, 0.6)], 0.18), new(0, 0.04, 0.62, 0.62)),
        // A triangle's room is low down: the widest text line has to sit near the base.
        new PillShape("TRIANGLE", "triangular", Polygon(Regular(3, -90), 0.2), new(0, 0.17, 0.46, 0.36)),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The shape for an SPL shape name or code in any case; <see cref="NotStated"/> for null or anything else.</summary>
    public static PillShape For(string? shape) =>
        SplAppearance.Shape(shape) is { } name && All.TryGetValue(name, out var found) ? found : NotStated;

    private static PillOutline Polygon(IReadOnlyList<PillPoint> corners, double cornerRadius) =>
        new PillOutlineBuilder().RoundedPolygon(corners, cornerRadius).Close();

    private static PillPoint[] Rectangle(double width, double height) =>
        [new(-width / 2, -height / 2), new(width / 2, -height / 2), new(width / 2, height / 2), new(-width / 2, height / 2)];

    /// <summary>A regular polygon's corners on the unit circle, the first at <paramref name="firstCornerDegrees"/> (-90: pointing up).</summary>
    private static PillPoint[] Regular(int sides, double firstCornerDegrees) =>
        [.. Enumerable.Range(0, sides).Select(i => PillPoint.OnEllipse(new(0, 0), 1, 1, (firstCornerDegrees + (360.0 * i / sides)) * Degrees))];

    /// <summary>A stadium: straight sides and half-circle ends, about 0.38 as wide as it is long, as most capsules are.</summary>
    private static PillOutline Capsule()
    {
        const double r = 0.38;
        return new PillOutlineBuilder()
            .Arc(new(1 - r, 0), r, r, -90 * Degrees, 90 * Degrees)
            .Arc(new(-1 + r, 0), r, r, 90 * Degrees, 270 * Degrees)
            .Close();
    }

    /// <summary>Flat back with softened corners, a long rounded nose.</summary>
    private static PillOutline Bullet()
    {
        const double halfHeight = 0.45, noseStart = 0.2, corner = 0.15;
        return new PillOutlineBuilder()
            .Arc(new(noseStart, 0), 1 - noseStart, halfHeight, -90 * Degrees, 90 * Degrees)
            .Arc(new(-1 + corner, halfHeight - corner), corner, corner, 90 * Degrees, 180 * Degrees)
            .Arc(new(-1 + corner, -halfHeight + corner), corner, corner, 180 * Degrees, 270 * Degrees)
            .Close();
    }

    /// <summary>Four round lobes about a common centre; the notches are where neighbouring lobes' circles meet.</summary>
    private static PillOutline Clover()
    {
        const double offset = 0.7;
        // Neighbouring lobes (centres (a, 0) and (0, a), radius 1) meet on the diagonal at (t, t), the outer root of
        // 2t² − 2at + a² − 1 = 0; each lobe's arc runs between its two such notches.
        var t = (offset + Math.Sqrt(2 - (offset * offset))) / 2;
        var half = Math.Atan2(t, t - offset);
        var builder = new PillOutlineBuilder();
        for (var lobe = 0; lobe < 4; lobe++)
        {
            var direction = lobe * 90 * Degrees;
            builder.Arc(PillPoint.OnEllipse(new(0, 0), offset, offset, direction), 1, 1, direction - half, direction + half);
        }

        return builder.Close();
    }

    /// <summary>Two overlapping circles side by side, waisted where they meet.</summary>
    private static PillOutline DoubleCircle()
    {
        const double offset = 0.5;
        // The circles (radius 1, centres ±offset) meet at x = 0; the angle of that meeting point from each centre.
        var meet = Math.Acos(offset);
        return new PillOutlineBuilder()
            .Arc(new(offset, 0), 1, 1, -(Math.PI - meet), Math.PI - meet)
            .Arc(new(-offset, 0), 1, 1, meet, (2 * Math.PI) - meet)
            .Close();
    }

    /// <summary>An irregular rounded outline: what SPL's FREEFORM means is "none of the others", so it must look like none of them.</summary>
    private static PillOutline Freeform() =>
        new PillOutlineBuilder().SmoothClosedCurve(
        [
            new(-1, 0.02), new(-0.78, -0.48), new(-0.22, -0.56), new(0.14, -0.36), new(0.55, -0.58),
            new(0.95, -0.3), new(0.92, 0.28), new(0.35, 0.58), new(-0.45, 0.56),
        ]).Close();

    /// <summary>Ten blunt teeth round a disc.</summary>
    private static PillOutline Gear()
    {
        const int teeth = 10;
        const double outer = 1, root = 0.84;
        var pitch = 2 * Math.PI / teeth;
        var corners = new List<PillPoint>();
        for (var i = 0; i < teeth; i++)
        {
            var middle = (-90 * Degrees) + (i * pitch);
            corners.Add(PillPoint.OnEllipse(new(0, 0), root, root, middle - (0.32 * pitch)));
            corners.Add(PillPoint.OnEllipse(new(0, 0), outer, outer, middle - (0.18 * pitch)));
            corners.Add(PillPoint.OnEllipse(new(0, 0), outer, outer, middle + (0.18 * pitch)));
            corners.Add(PillPoint.OnEllipse(new(0, 0), root, root, middle + (0.32 * pitch)));
        }

        return Polygon(corners, 0.04);
    }

    /// <summary>Half a disc, flat side down.</summary>
    private static PillOutline SemiCircle() =>
        new PillOutlineBuilder().Arc(new(0, 0), 1, 1, 180 * Degrees, 360 * Degrees).Close();

    /// <summary>A round end narrowing to a blunt point: two circles joined by their outer tangents.</summary>
    private static PillOutline Tear()
    {
        PillPoint big = new(-0.45, 0), small = new(0.88, 0);
        const double bigRadius = 0.55, smallRadius = 0.12;
        // For circles on one axis, the outer tangents touch both at the same angle φ, cos φ = (R − r) / d.
        var phi = Math.Acos((bigRadius - smallRadius) / (small.X - big.X));
        return new PillOutlineBuilder()
            .Arc(small, smallRadius, smallRadius, -phi, phi)
            .Arc(big, bigRadius, bigRadius, phi, (2 * Math.PI) - phi)
            .Close();
    }
}
