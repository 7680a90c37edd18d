using System.Globalization;
using System.Text;

namespace MedAtlas.Web.Features.Pills;

internal readonly record struct PillPoint(double X, double Y)
{
    public static PillPoint Lerp(PillPoint a, PillPoint b, double t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    public static double Distance(PillPoint a, PillPoint b) => Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));

    /// <summary>The point at <paramref name="angle"/> radians on an ellipse; y grows downwards, as in SVG.</summary>
    public static PillPoint OnEllipse(PillPoint center, double rx, double ry, double angle) =>
        new(center.X + (rx * Math.Cos(angle)), center.Y + (ry * Math.Sin(angle)));
}

/// <summary>One piece of an outline: a straight line, or a cubic Bézier (arcs are turned into cubics).</summary>
internal readonly record struct PillSegment(PillPoint Start, PillPoint Control1, PillPoint Control2, PillPoint End, bool IsLine)
{
    public static PillSegment Line(PillPoint start, PillPoint end) => new(start, start, end, end, IsLine: true);

    public static PillSegment Cubic(PillPoint start, PillPoint control1, PillPoint control2, PillPoint end) =>
        new(start, control1, control2, end, IsLine: false);

    public PillPoint At(double t)
    {
        if (IsLine)
            return PillPoint.Lerp(Start, End, t);
        var u = 1 - t;
        var a = u * u * u;
        var b = 3 * u * u * t;
        var c = 3 * u * t * t;
        var d = t * t * t;
        return new((a * Start.X) + (b * Control1.X) + (c * Control2.X) + (d * End.X), (a * Start.Y) + (b * Control1.Y) + (c * Control2.Y) + (d * End.Y));
    }

    /// <summary>The part of the segment between two parameters (de Casteljau for cubics, so the curve is unchanged).</summary>
    public PillSegment Between(double from, double to)
    {
        if (IsLine)
            return Line(At(from), At(to));
        var tail = from <= 0 ? this : SplitAt(from).Second;
        if (to >= 1)
            return tail;
        // The tail's parameter runs from `from` to 1, so `to` has to be re-expressed along it.
        return tail.SplitAt((to - from) / (1 - from)).First;
    }

    public PillSegment Map(Func<PillPoint, PillPoint> map) => new(map(Start), map(Control1), map(Control2), map(End), IsLine);

    private (PillSegment First, PillSegment Second) SplitAt(double t)
    {
        var ab = PillPoint.Lerp(Start, Control1, t);
        var bc = PillPoint.Lerp(Control1, Control2, t);
        var cd = PillPoint.Lerp(Control2, End, t);
        var abc = PillPoint.Lerp(ab, bc, t);
        var bcd = PillPoint.Lerp(bc, cd, t);
        var mid = PillPoint.Lerp(abc, bcd, t);
        return (Cubic(Start, ab, abc, mid), Cubic(mid, bcd, cd, End));
    }
}

internal readonly record struct PillBounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;

    public double Height => MaxY - MinY;

    public double CenterX => (MinX + MaxX) / 2;

    public double CenterY => (MinY + MaxY) / 2;
}

/// <summary>
/// A closed pill outline made of lines and cubics, with the few operations a drawing needs: scale it to size,
/// cut it into colour bands, and find where a score line meets its edge. Kept as real curves rather than a
/// sampled polygon so a drawing's path data stays a few hundred bytes, which matters on a results page of
/// dozens of cards.
/// </summary>
internal sealed class PillOutline
{
    private const double Epsilon = 1e-9;

    // Enough samples per cubic to catch every crossing of a straight line: a cubic crosses a line at most
    // three times, and the outlines here bend gently.
    private const int RootSamples = 24;

    public PillOutline(IReadOnlyList<PillSegment> segments) => Segments = segments;

    public IReadOnlyList<PillSegment> Segments { get; }

    /// <summary>The true extent, from points along the curves (a cubic's control points can stick out past its curve).</summary>
    public PillBounds Bounds()
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var segment in Segments)
        {
            var steps = segment.IsLine ? 1 : 32;
            for (var i = 0; i <= steps; i++)
            {
                var p = segment.At((double)i / steps);
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }
        }

        return new(minX, minY, maxX, maxY);
    }

    public PillOutline Map(Func<PillPoint, PillPoint> map) => new([.. Segments.Select(s => s.Map(map))]);

    /// <summary>
    /// The part of the shape left (or right) of the vertical line x = <paramref name="x"/>: one colour's half of
    /// a two-tone pill. Clipping against a half-plane (Sutherland–Hodgman on curves) is exact for any outline,
    /// concave ones such as the clover and the gear included; where a shape dips out and back in, the pieces are
    /// joined along the cut line, which adds only zero-width edges that do not show.
    /// </summary>
    public PillOutline ClipAtX(double x, bool keepLeft)
    {
        var kept = new List<PillSegment>();
        foreach (var segment in Segments)
        {
            var cuts = Roots(segment, p => p.X, x);
            var from = 0.0;
            foreach (var to in cuts.Append(1.0))
            {
                var piece = segment.Between(from, to);
                var middle = segment.At((from + to) / 2).X;
                var inside = keepLeft ? middle <= x + Epsilon : middle >= x - Epsilon;
                if (inside)
                {
                    if (kept.Count > 0 && PillPoint.Distance(kept[^1].End, piece.Start) > Epsilon)
                        kept.Add(PillSegment.Line(kept[^1].End, piece.Start));
                    kept.Add(piece);
                }

                from = to;
            }
        }

        return new(kept);
    }

    /// <summary>Where the outline crosses the vertical line x = <paramref name="x"/>: the y of each crossing.</summary>
    public IReadOnlyList<double> CrossingsAtX(double x) =>
        [.. Segments.SelectMany(s => Roots(s, p => p.X, x, includeEnds: true).Select(t => s.At(t).Y))];

    /// <summary>Where the outline crosses the horizontal line y = <paramref name="y"/>: the x of each crossing.</summary>
    public IReadOnlyList<double> CrossingsAtY(double y) =>
        [.. Segments.SelectMany(s => Roots(s, p => p.Y, y, includeEnds: true).Select(t => s.At(t).X))];

    /// <summary>SVG path data with absolute commands only (M, L, C, Z), so a test can read the coordinates back.</summary>
    public string PathData(Func<double, string> number)
    {
        if (Segments.Count == 0)
            return "";
        var d = new StringBuilder();
        d.Append('M').Append(number(Segments[0].Start.X)).Append(' ').Append(number(Segments[0].Start.Y));
        foreach (var s in Segments)
        {
            if (s.IsLine)
            {
                d.Append('L').Append(number(s.End.X)).Append(' ').Append(number(s.End.Y));
            }
            else
            {
                d.Append('C').Append(number(s.Control1.X)).Append(' ').Append(number(s.Control1.Y))
                    .Append(' ').Append(number(s.Control2.X)).Append(' ').Append(number(s.Control2.Y))
                    .Append(' ').Append(number(s.End.X)).Append(' ').Append(number(s.End.Y));
            }
        }

        return d.Append('Z').ToString();
    }

    public override string ToString() => PathData(v => v.ToString("0.###", CultureInfo.InvariantCulture));

    /// <summary>Parameters in (0, 1) where the segment's coordinate equals <paramref name="value"/>, in order.</summary>
    private static List<double> Roots(PillSegment segment, Func<PillPoint, double> coordinate, double value, bool includeEnds = false)
    {
        var roots = new List<double>();
        double F(double t) => coordinate(segment.At(t)) - value;

        var steps = segment.IsLine ? 1 : RootSamples;
        var t0 = 0.0;
        var f0 = F(0);
        if (includeEnds && Math.Abs(f0) <= Epsilon)
            roots.Add(0);
        for (var i = 1; i <= steps; i++)
        {
            var t1 = (double)i / steps;
            var f1 = F(t1);
            if (Math.Abs(f1) <= Epsilon)
            {
                // A crossing exactly at a segment's end belongs to the next segment's start; counted once.
                if (t1 < 1)
                    roots.Add(t1);
            }
            else if (f0 * f1 < 0 && Math.Abs(f0) > Epsilon)
            {
                double lo = t0, hi = t1, flo = f0;
                for (var k = 0; k < 60 && hi - lo > 1e-12; k++)
                {
                    var mid = (lo + hi) / 2;
                    var fm = F(mid);
                    if (flo * fm <= 0)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                        flo = fm;
                    }
                }

                roots.Add((lo + hi) / 2);
            }

            t0 = t1;
            f0 = f1;
        }

        return roots;
    }
}

/// <summary>Draws an outline with pen moves, the way the shapes are described (arcs, rounded corners, smooth curves).</summary>
internal sealed class PillOutlineBuilder
{
    // Corner control points at 0.55 of the way to the corner give a near-circular rounding (the 4/3·tan(π/8) constant).
    private const double CornerPull = 0.5523;

    private readonly List<PillSegment> segments = [];
    private PillPoint start;
    private PillPoint current;
    private bool started;

    public PillOutlineBuilder MoveTo(PillPoint point)
    {
        start = current = point;
        started = true;
        return this;
    }

    public PillOutlineBuilder LineTo(PillPoint point)
    {
        if (!started)
            return MoveTo(point);
        if (PillPoint.Distance(current, point) > 1e-12)
            segments.Add(PillSegment.Line(current, point));
        current = point;
        return this;
    }

    public PillOutlineBuilder CubicTo(PillPoint control1, PillPoint control2, PillPoint end)
    {
        segments.Add(PillSegment.Cubic(current, control1, control2, end));
        current = end;
        return this;
    }

    /// <summary>
    /// An elliptical arc from angle <paramref name="from"/> to <paramref name="to"/> (radians, either direction),
    /// as cubics of at most a quarter turn each; reached by a straight line if the pen is elsewhere.
    /// </summary>
    public PillOutlineBuilder Arc(PillPoint center, double rx, double ry, double from, double to)
    {
        LineTo(PillPoint.OnEllipse(center, rx, ry, from));
        var sweep = to - from;
        var pieces = Math.Max(1, (int)Math.Ceiling((Math.Abs(sweep) / (Math.PI / 2)) - 1e-9));
        var step = sweep / pieces;
        var k = 4.0 / 3.0 * Math.Tan(step / 4);
        for (var i = 0; i < pieces; i++)
        {
            var a = from + (i * step);
            var b = a + step;
            var c1 = new PillPoint(center.X + (rx * (Math.Cos(a) - (k * Math.Sin(a)))), center.Y + (ry * (Math.Sin(a) + (k * Math.Cos(a)))));
            var c2 = new PillPoint(center.X + (rx * (Math.Cos(b) + (k * Math.Sin(b)))), center.Y + (ry * (Math.Sin(b) - (k * Math.Cos(b)))));
            CubicTo(c1, c2, PillPoint.OnEllipse(center, rx, ry, b));
        }

        return this;
    }

    /// <summary>A polygon whose corners are rounded with about <paramref name="radius"/>, as pressed tablets are.</summary>
    public PillOutlineBuilder RoundedPolygon(IReadOnlyList<PillPoint> corners, double radius)
    {
        for (var i = 0; i < corners.Count; i++)
        {
            var previous = corners[(i + corners.Count - 1) % corners.Count];
            var corner = corners[i];
            var next = corners[(i + 1) % corners.Count];
            var toPrevious = PillPoint.Distance(corner, previous);
            var toNext = PillPoint.Distance(corner, next);
            // Never more than half an edge, or neighbouring roundings would overlap.
            var r = Math.Min(radius, Math.Min(toPrevious, toNext) / 2);
            var a = PillPoint.Lerp(corner, previous, r / toPrevious);
            var b = PillPoint.Lerp(corner, next, r / toNext);
            LineTo(a);
            CubicTo(PillPoint.Lerp(a, corner, CornerPull), PillPoint.Lerp(b, corner, CornerPull), b);
        }

        return this;
    }

    /// <summary>A smooth closed curve through the points (Catmull–Rom, as cubics).</summary>
    public PillOutlineBuilder SmoothClosedCurve(IReadOnlyList<PillPoint> points)
    {
        var n = points.Count;
        MoveTo(points[0]);
        for (var i = 0; i < n; i++)
        {
            var p0 = points[(i + n - 1) % n];
            var p1 = points[i];
            var p2 = points[(i + 1) % n];
            var p3 = points[(i + 2) % n];
            CubicTo(
                new(p1.X + ((p2.X - p0.X) / 6), p1.Y + ((p2.Y - p0.Y) / 6)),
                new(p2.X - ((p3.X - p1.X) / 6), p2.Y - ((p3.Y - p1.Y) / 6)),
                p2);
        }

        return this;
    }

    public PillOutline Close()
    {
        LineTo(start);
        return new([.. segments]);
    }
}
