using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Foods.Import;

/// <summary>One line of an SR28 file, as the import writes it. One type per file, behind this base.</summary>
internal abstract record Sr28Record;

/// <summary>FD_GROUP.txt: FdGrp_Cd, FdGrp_Desc.</summary>
internal sealed record Sr28Group(string Code, string Name) : Sr28Record;

/// <summary>NUTR_DEF.txt: Nutr_No, Units, Tagname, NutrDesc, Num_Dec, SR_Order.</summary>
internal sealed record Sr28Nutrient(string Id, string Unit, string? Tag, string Name, int Decimals, int SortOrder) : Sr28Record;

/// <summary>FOOD_DES.txt, the fields the catalogue keeps (the calorie factors are left out).</summary>
internal sealed record Sr28Food(
    string Id, string GroupCode, string Name, string ShortName, string? CommonNames, string? Manufacturer, bool Survey,
    string? RefuseDescription, double? RefusePercent, string? ScientificName) : Sr28Record;

/// <summary>WEIGHT.txt: NDB_No, Seq, Amount, Msre_Desc, Gm_Wgt (the data points and deviation are left out).</summary>
internal sealed record Sr28Portion(string FoodId, int Seq, double Amount, string Description, double Grams) : Sr28Record;

/// <summary>NUT_DATA.txt: NDB_No, Nutr_No, Nutr_Val per 100 g (the statistics and source columns are left out).</summary>
internal sealed record Sr28Value(string FoodId, string NutrientId, double Value) : Sr28Record;

/// <summary>
/// Reads a folder of USDA SR28 ASCII files (the full release or the starter subset, same reader): caret-separated,
/// tilde-quoted, Windows-1252, no header, CRLF with maybe no newline after the last line. Yields groups, nutrients,
/// foods, measures and values in that order (the order of their foreign keys), and rejects a line that names a food,
/// group or nutrient its own folder does not define, so the database never holds a value for nothing.
/// </summary>
internal static class Sr28Files
{
    public const string Groups = "FD_GROUP.txt";
    public const string Nutrients = "NUTR_DEF.txt";
    public const string Foods = "FOOD_DES.txt";
    public const string Portions = "WEIGHT.txt";
    public const string Values = "NUT_DATA.txt";

    /// <summary>The five files the import reads, in the order it reads them.</summary>
    public static readonly string[] Required = [Groups, Nutrients, Foods, Portions, Values];

    // µ is 0xB5 and the curly quotes 0x91/0x92: UTF-8 would turn them into U+FFFD.
    private static readonly Encoding Sr28Encoding = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>The path of each file (NUT_DATA may be gzipped), or an <see cref="ImportFormatException"/> naming the missing ones.</summary>
    public static IReadOnlyDictionary<string, string> Locate(string folder)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in Required)
        {
            var path = Find(folder, name) ?? Find(folder, name + ".gz");
            if (path is null)
                missing.Add(name);
            else
                found[name] = path;
        }

        if (missing.Count > 0)
        {
            throw new ImportFormatException(
                $"{folder} is not a complete SR28 folder: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing " +
                $"(it needs {string.Join(", ", Required)}; NUT_DATA.txt may be gzipped).");
        }

        return found;
    }

    public static async IAsyncEnumerable<ImportRow<Sr28Record>> ReadAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = Locate(folder);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var nutrients = new HashSet<string>(StringComparer.Ordinal);
        var foods = new HashSet<string>(StringComparer.Ordinal);

        await foreach (var row in ReadFileAsync(files[Groups], Groups, 2, f => ParseGroup(f, groups), cancellationToken))
            yield return row;
        await foreach (var row in ReadFileAsync(files[Nutrients], Nutrients, 6, f => ParseNutrient(f, nutrients), cancellationToken))
            yield return row;
        await foreach (var row in ReadFileAsync(files[Foods], Foods, 14, f => ParseFood(f, groups, foods), cancellationToken))
            yield return row;

        // Keys seen, as numbers (five-digit food, three-digit nutrient or sequence): a key listed twice would fail its batch.
        var seen = new HashSet<int>();
        await foreach (var row in ReadFileAsync(files[Portions], Portions, 7, f => ParsePortion(f, foods, seen), cancellationToken))
            yield return row;
        seen.Clear();
        await foreach (var row in ReadFileAsync(files[Values], Values, 18, f => ParseValue(f, foods, nutrients, seen), cancellationToken))
            yield return row;
    }

    private static async IAsyncEnumerable<ImportRow<Sr28Record>> ReadFileAsync(
        string path, string name, int width, Func<string[], (Sr28Record? Record, string? Rejection)> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Sr28Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (line.Length == 1 && line[0] == '\x1A'))
                continue;

            var row = string.Create(CultureInfo.InvariantCulture, $"{name} line {lineNumber}");
            var fields = Split(line);
            if (fields.Length != width)
            {
                yield return ImportRow<Sr28Record>.Rejected(row, string.Create(CultureInfo.InvariantCulture, $"{fields.Length} fields where {name} has {width}"));
                continue;
            }

            var (record, rejection) = parse(fields);
            yield return record is null ? ImportRow<Sr28Record>.Rejected(row, rejection!) : ImportRow<Sr28Record>.Ok(row, record);
        }
    }

    /// <summary>Fields split on carets outside tildes, each without its tildes and trimmed.</summary>
    internal static string[] Split(string line)
    {
        var fields = new List<string>(18);
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '~')
                quoted = !quoted;
            else if (i == line.Length || (line[i] == '^' && !quoted))
            {
                var field = line.AsSpan(start, i - start).Trim();
                if (field.Length >= 2 && field[0] == '~' && field[^1] == '~')
                    field = field[1..^1].Trim();
                fields.Add(field.ToString());
                start = i + 1;
            }
        }

        return [.. fields];
    }

    private static (Sr28Record?, string?) ParseGroup(string[] f, HashSet<string> groups)
    {
        if (!IsDigits(f[0], 4))
            return (null, $"FdGrp_Cd '{Shorten(f[0])}' is not a four-digit group code");
        if (Check(("FdGrp_Desc", f[1], 60)) is { } bad)
            return (null, bad);
        if (!groups.Add(f[0]))
            return (null, $"group {f[0]} is listed twice");
        return (new Sr28Group(f[0], f[1]), null);
    }

    private static (Sr28Record?, string?) ParseNutrient(string[] f, HashSet<string> nutrients)
    {
        if (!IsDigits(f[0], 3))
            return (null, $"Nutr_No '{Shorten(f[0])}' is not a three-digit nutrient number");
        if (Check(("Units", f[1], 7), ("Tagname", f[2], 20), ("NutrDesc", f[3], 60)) is { } bad)
            return (null, bad);
        if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var decimals))
            return (null, $"Num_Dec '{Shorten(f[4])}' is not a whole number");
        if (!int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var order))
            return (null, $"SR_Order '{Shorten(f[5])}' is not a whole number");
        if (!nutrients.Add(f[0]))
            return (null, $"nutrient {f[0]} is listed twice");
        return (new Sr28Nutrient(f[0], f[1], NullIfEmpty(f[2]), f[3], decimals, order), null);
    }

    private static (Sr28Record?, string?) ParseFood(string[] f, HashSet<string> groups, HashSet<string> foods)
    {
        if (!IsDigits(f[0], 5))
            return (null, $"NDB_No '{Shorten(f[0])}' is not a five-digit food number");
        if (!groups.Contains(f[1]))
            return (null, $"food group '{Shorten(f[1])}' is not in {Groups}");
        if (Check(("Long_Desc", f[2], 200), ("Shrt_Desc", f[3], 60), ("ComName", f[4], 200), ("ManufacName", f[5], 100),
                ("Ref_desc", f[7], 200), ("SciName", f[9], 100)) is { } bad)
            return (null, bad);
        if (f[2].Length == 0)
            return (null, "no Long_Desc (the food's name)");
        double? refuse = null;
        if (f[8].Length > 0)
        {
            if (Number(f[8]) is not { } r || r > 100)
                return (null, $"Refuse '{Shorten(f[8])}' is not a percentage");
            refuse = r;
        }

        if (!foods.Add(f[0]))
            return (null, $"food {f[0]} is listed twice");
        return (new Sr28Food(f[0], f[1], f[2], f[3], NullIfEmpty(f[4]), NullIfEmpty(f[5]), f[6] == "Y", NullIfEmpty(f[7]), refuse, NullIfEmpty(f[9])), null);
    }

    private static (Sr28Record?, string?) ParsePortion(string[] f, HashSet<string> foods, HashSet<int> seen)
    {
        if (!foods.Contains(f[0]))
            return (null, $"food '{Shorten(f[0])}' is not in {Foods}");
        if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq is < 1 or > 999)
            return (null, $"Seq '{Shorten(f[1])}' is not a sequence number (1 to 999)");
        if (Number(f[2]) is not { } amount || amount <= 0)
            return (null, $"Amount '{Shorten(f[2])}' is not a positive number");
        if (Number(f[4]) is not { } grams || grams <= 0)
            return (null, $"Gm_Wgt '{Shorten(f[4])}' is not a positive number of grams");
        if (Check(("Msre_Desc", f[3], 100)) is { } bad)
            return (null, bad);
        if (f[3].Length == 0)
            return (null, "no Msre_Desc (the measure)");
        if (!seen.Add(Key(f[0], seq)))
            return (null, $"measure {seq} of food {f[0]} is listed twice");
        return (new Sr28Portion(f[0], seq, amount, f[3], grams), null);
    }

    private static (Sr28Record?, string?) ParseValue(string[] f, HashSet<string> foods, HashSet<string> nutrients, HashSet<int> seen)
    {
        if (!foods.Contains(f[0]))
            return (null, $"food '{Shorten(f[0])}' is not in {Foods}");
        if (!nutrients.Contains(f[1]))
            return (null, $"nutrient '{Shorten(f[1])}' is not in {Nutrients}");
        if (Number(f[2]) is not { } value)
            return (null, $"Nutr_Val '{Shorten(f[2])}' is not an amount (a number, 0 or more)");
        if (!seen.Add(Key(f[0], int.Parse(f[1], CultureInfo.InvariantCulture))))
            return (null, $"nutrient {f[1]} of food {f[0]} is listed twice");
        return (new Sr28Value(f[0], f[1], value), null);
    }

    // Food numbers are five digits and the second part at most three, so the pair fits an int.
    private static int Key(string food, int second) => int.Parse(food, CultureInfo.InvariantCulture) * 1000 + second;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
        && double.IsFinite(n) && n >= 0
            ? n
            : null;

    private static string? Check(params (string Column, string Value, int Max)[] columns)
    {
        // The catalogue's column sizes: PostgreSQL enforces them, and one value too long would fail its whole batch.
        foreach (var (column, value, max) in columns)
        {
            if (value.Length > max)
                return string.Create(CultureInfo.InvariantCulture, $"{column} is longer than {max} characters");
        }

        return null;
    }

    private static string? Find(string folder, string name) =>
        Path.Combine(folder, name) is var path && File.Exists(path) ? path : null;

    private static bool IsDigits(string text, int length) => text.Length == length && text.All(char.IsAsciiDigit);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
