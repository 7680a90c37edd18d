namespace MedAtlas.Web.Features.Pills;

/// <summary>How well what was typed matched a pill's imprint: the whole imprint, its start, or somewhere inside.</summary>
internal enum ImprintMatch
{
    Exact,
    Prefix,
    Partial,
}

/// <summary>A pill as a search result shows it: enough for a card, a picture and the API's list.</summary>
internal sealed record PillCard(
    int Id, string Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score,
    string DrugSlug, string DrugName, string ProductName, string? Strength, string? Labeler, string? ProductNdc,
    int? PhotoId, bool IsSynthetic)
{
    public PillAppearance Appearance => new(Imprint, Colors, Shape, SizeMm, Score);

    /// <summary>The label's photo when there is one, else the drawing: so every pill has a picture to show.</summary>
    public string PictureUrl => PhotoId is { } photo ? PillUrls.Photo(Id, photo) : PillUrls.Drawing(Id);
}

/// <summary>What to look for. Colours and shape are SPL names (already checked); any part may be missing.</summary>
internal sealed record PillQuery(string? Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm)
{
    public static readonly PillQuery None = new(null, [], null, null);

    public bool IsEmpty => string.IsNullOrEmpty(Imprint) && Colors.Count == 0 && Shape is null && SizeMm is null;
}

internal sealed record PillHit(PillCard Pill, ImprintMatch? Match);

internal sealed record PillSearchPage(int Total, int Page, int PageSize, IReadOnlyList<PillHit> Items);

/// <summary>
/// Imprints the way people read them off a pill. A label writes an imprint as ";"-separated blocks, one per line
/// or side ("PD;155;10"); a person types what they see in any order, case and spacing ("155 pd", "PD-155").
/// Both are reduced to upper-case letters and digits, and each order of the blocks is a key.
/// </summary>
internal static class ImprintText
{
    /// <summary>Beyond four blocks (24 orders) the orders grow factorially; labels with five or more are rare.</summary>
    public const int MaxOrders = 24;

    public static string Compact(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
                buffer[length++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..length]);
    }

    /// <summary>The label's blocks, compacted, empty ones dropped: "PD;155;10" gives PD, 155, 10.</summary>
    public static string[] Blocks(string imprint) =>
        [.. imprint.Split(';').Select(b => Compact(b)).Where(b => b.Length > 0)];

    /// <summary>The words a person typed, compacted: "pd-155 10" gives PD, 155, 10.</summary>
    public static string[] Words(string typed)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= typed.Length; i++)
        {
            var inWord = i < typed.Length && char.IsAsciiLetterOrDigit(typed[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(Compact(typed.AsSpan(start, i - start)));
                start = -1;
            }
        }

        return [.. words];
    }

    /// <summary>The same multiset of blocks in any order gives the same key: how "10 155 PD" is exact for "PD;155;10".</summary>
    public static string BlockSetKey(IEnumerable<string> blocks) => string.Join(';', blocks.Order(StringComparer.Ordinal));

    /// <summary>Whether <paramref name="typed"/> is some of the blocks, whole, in any order: "PD155" is, for PD;155;10.</summary>
    public static bool IsWholeBlocks(ReadOnlySpan<char> typed, string[] blocks, int used = 0)
    {
        if (typed.IsEmpty)
            return true;
        for (var b = 0; b < blocks.Length && b < 31; b++)
        {
            if ((used & (1 << b)) == 0 && typed.StartsWith(blocks[b], StringComparison.Ordinal)
                && IsWholeBlocks(typed[blocks[b].Length..], blocks, used | (1 << b)))
                return true;
        }

        return false;
    }

    /// <summary>Each order of the blocks, concatenated, distinct, at most <see cref="MaxOrders"/>.</summary>
    public static List<string> Orders(string[] blocks)
    {
        var orders = new List<string>();
        if (blocks.Length == 0)
            return orders;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = (string[])blocks.Clone();
        Permute(current, 0, orders, seen);
        return orders;
    }

    private static void Permute(string[] blocks, int from, List<string> orders, HashSet<string> seen)
    {
        if (orders.Count >= MaxOrders)
            return;
        if (from == blocks.Length)
        {
            var key = string.Concat(blocks);
            if (seen.Add(key))
                orders.Add(key);
            return;
        }

        for (var i = from; i < blocks.Length; i++)
        {
            (blocks[from], blocks[i]) = (blocks[i], blocks[from]);
            Permute(blocks, from + 1, orders, seen);
            (blocks[from], blocks[i]) = (blocks[i], blocks[from]);
        }
    }
}

/// <summary>
/// Every pill in memory, laid out for a scan: each pill's imprint orders joined into one string "|K1|K2|...|", so
/// one vectorised IndexOf finds the typed text in any order of the blocks, and where it sits says how well it
/// matched (after a "|": a prefix; as long as an order: exact), with no allocation per pill. Colours are a bit mask, shape a small number, size a float. Pills are kept in the order
/// results show when nothing else ranks them (real before synthetic, then drug name), so filters alone need no sort.
/// </summary>
internal sealed class PillIndex
{
    private const char Separator = '|';

    private readonly PillCard[] pills;
    private readonly string[] haystacks;
    private readonly string[][] blocks;
    private readonly int[] keyLengths;
    private readonly int[] colorMasks;
    private readonly sbyte[] shapes;
    private readonly float[] sizes;
    private readonly Dictionary<int, int> positionById;

    // Pills of five or more blocks have more orders than are kept: an exact match in any order is found by block set.
    private readonly Dictionary<string, List<int>> manyBlocksBySet;

    private PillIndex(PillCard[] pills)
    {
        this.pills = pills;
        haystacks = new string[pills.Length];
        blocks = new string[pills.Length][];
        keyLengths = new int[pills.Length];
        colorMasks = new int[pills.Length];
        shapes = new sbyte[pills.Length];
        sizes = new float[pills.Length];
        positionById = new Dictionary<int, int>(pills.Length);
        manyBlocksBySet = new Dictionary<string, List<int>>(StringComparer.Ordinal);

        for (var i = 0; i < pills.Length; i++)
        {
            var pill = pills[i];
            positionById[pill.Id] = i;
            var pillBlocks = blocks[i] = ImprintText.Blocks(pill.Imprint);
            var orders = ImprintText.Orders(pillBlocks);
            haystacks[i] = orders.Count == 0 ? "" : $"{Separator}{string.Join(Separator, orders)}{Separator}";
            keyLengths[i] = orders.Count == 0 ? 0 : orders[0].Length;
            if (pillBlocks.Length > 4)
            {
                var key = ImprintText.BlockSetKey(pillBlocks);
                if (!manyBlocksBySet.TryGetValue(key, out var list))
                    manyBlocksBySet[key] = list = [];
                list.Add(i);
            }

            colorMasks[i] = ColorMask(pill.Colors);
            shapes[i] = (sbyte)ShapeNumber(pill.Shape);
            sizes[i] = pill.SizeMm is { } size ? (float)size : float.NaN;
        }
    }

    public int Count => pills.Length;

    /// <summary>How many of the pills are the starter set's (the site has loaded no labels of its own for them).</summary>
    public int StarterCount { get; private init; }

    public static PillIndex Build(IEnumerable<PillCard> pills, int starterCount = 0) =>
        new([.. pills
            .OrderBy(p => p.IsSynthetic)
            .ThenBy(p => p.DrugName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.ProductName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Imprint, StringComparer.Ordinal)
            .ThenBy(p => p.Id)]) { StarterCount = starterCount };

    public PillCard? Find(int id) => positionById.TryGetValue(id, out var i) ? pills[i] : null;

    /// <summary>One page of pills matching <paramref name="query"/>: exact imprints, then prefixes, then partial matches.</summary>
    public PillSearchPage Search(PillQuery query, int page, int pageSize)
    {
        var filter = new Filter(query);
        var skip = (long)(page - 1) * pageSize;
        var typed = ImprintText.Compact(query.Imprint ?? "");
        if (typed.Length == 0)
        {
            if (query.IsEmpty)
                return new PillSearchPage(0, page, pageSize, []);

            // Already in display order: count and slice in one pass.
            var total = 0;
            var items = new List<PillHit>(pageSize);
            for (var i = 0; i < pills.Length; i++)
            {
                if (!filter.Passes(this, i))
                    continue;
                if (total >= skip && items.Count < pageSize)
                    items.Add(new PillHit(pills[i], null));
                total++;
            }

            return new PillSearchPage(total, page, pageSize, items);
        }

        var ranked = Rank(query, typed, filter);
        var hits = new List<PillHit>(pageSize);
        for (var r = skip; r < ranked.Count && hits.Count < pageSize; r++)
        {
            var key = ranked[(int)r];
            hits.Add(new PillHit(pills[(int)(key & 0xFFFFFFFF)], (ImprintMatch)(key >> 41)));
        }

        return new PillSearchPage(ranked.Count, page, pageSize, hits);
    }

    /// <summary>How many pills match: for telling a person which filter to relax.</summary>
    public int CountMatches(PillQuery query)
    {
        var filter = new Filter(query);
        var typed = ImprintText.Compact(query.Imprint ?? "");
        if (typed.Length == 0)
        {
            if (query.IsEmpty)
                return 0;
            var total = 0;
            for (var i = 0; i < pills.Length; i++)
            {
                if (filter.Passes(this, i))
                    total++;
            }

            return total;
        }

        return Rank(query, typed, filter).Count;
    }

    // Each match as one sortable number: match quality; then, among prefixes, whether what was typed stops inside a
    // block ("155" is a whole side of "PD;155;10" but only part of "1553", and a person types whole sides they see);
    // then how much of the imprint was not typed (a closer match first); then display position.
    // Sorting longs beats sorting records by a comparer several times over.
    private List<long> Rank(PillQuery query, string typed, Filter filter)
    {
        var prefixNeedle = Separator + typed;
        var ranked = new List<long>();
        for (var i = 0; i < pills.Length; i++)
        {
            var haystack = haystacks[i].AsSpan();
            if (haystack.Length <= typed.Length || !filter.Passes(this, i))
                continue;
            var at = haystack.IndexOf(typed, StringComparison.Ordinal);
            if (at < 0)
                continue;

            // Every order has the same length and none can match across a separator, so a hit as long as an order is that order.
            var match = keyLengths[i] == typed.Length ? ImprintMatch.Exact
                : haystack[at - 1] == Separator || haystack.Contains(prefixNeedle, StringComparison.Ordinal) ? ImprintMatch.Prefix
                : ImprintMatch.Partial;
            ranked.Add(Key(match, match == ImprintMatch.Prefix && !ImprintText.IsWholeBlocks(typed, blocks[i]), keyLengths[i] - typed.Length, i));
        }

        if (manyBlocksBySet.Count > 0 && manyBlocksBySet.TryGetValue(ImprintText.BlockSetKey(ImprintText.Words(query.Imprint!)), out var sameBlocks))
        {
            var upgraded = sameBlocks.Where(i => filter.Passes(this, i)).ToHashSet();
            ranked.RemoveAll(k => upgraded.Contains((int)(k & 0xFFFFFFFF)));
            ranked.AddRange(upgraded.Select(i => Key(ImprintMatch.Exact, false, 0, i)));
        }

        ranked.Sort();
        return ranked;
    }

    private static long Key(ImprintMatch match, bool cutsBlock, int untyped, int position) =>
        ((long)match << 41) | ((cutsBlock ? 1L : 0L) << 40) | ((long)Math.Min(untyped, 255) << 32) | (uint)position;

    private static int ColorMask(IEnumerable<string> colors)
    {
        var mask = 0;
        foreach (var color in colors)
        {
            var name = SplAppearance.Color(color);
            for (var c = 0; c < SplAppearance.Colors.Count; c++)
            {
                if (SplAppearance.Colors[c].Name == name)
                    mask |= 1 << c;
            }
        }

        return mask;
    }

    private static int ShapeNumber(string? shape)
    {
        var name = SplAppearance.Shape(shape);
        for (var s = 0; s < SplAppearance.Shapes.Count; s++)
        {
            if (SplAppearance.Shapes[s].Name == name)
                return s;
        }

        return -1;
    }

    private readonly struct Filter(PillQuery query)
    {
        // A label gives the longest dimension to the millimetre, and a person measures roughly: 1 mm either way.
        private const float SizeTolerance = 1.0001f;

        private readonly int colors = ColorMask(query.Colors);
        // An unknown shape matches nothing rather than everything (callers check shapes first; this is the backstop).
        private readonly int shape = query.Shape is null ? -1 : ShapeNumber(query.Shape) is var n && n >= 0 ? n : int.MinValue;
        private readonly float size = query.SizeMm is { } s ? (float)s : float.NaN;

        public bool Passes(PillIndex index, int i) =>
            // Every chosen colour, not only: a blue-and-white capsule is what someone who picked "blue" holds.
            (index.colorMasks[i] & colors) == colors
            && (shape == -1 || index.shapes[i] == shape)
            && (float.IsNaN(size) || Math.Abs(index.sizes[i] - size) <= SizeTolerance);
    }
}
