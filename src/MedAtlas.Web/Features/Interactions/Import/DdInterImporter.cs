using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Interactions.Import;

/// <summary>
/// <c>import ddinter path</c>: DDInter's bulk downloads (ddinter.scbdd.com), one CSV per ATC group
/// (<c>ddinter_downloads_code_A.csv</c> ... <c>_V.csv</c>), plain or gzip-compressed, or the folder holding them.
/// Rows are <c>DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level</c> with RFC 4180 quoting. A pair appears under the ATC
/// group of each of its drugs, in either order, so most pairs come twice; each is stored once.
/// DDInter is CC BY-NC-SA: a site may import it, the project never ships it.
/// </summary>
internal sealed class DdInterImporter(IServiceScopeFactory scopes) : InteractionListImporter(scopes)
{
    private const string Header = "DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level";

    // A quoted field left open swallows the lines after it; past this the row is given up as broken rather than
    // reading the rest of the file into one field.
    private const int MaxLinesPerRow = 10;

    public override string Source => "ddinter";

    public override string Description => "DDInter drug-drug interactions: a ddinter_downloads_code_*.csv (plain or .gz), or the folder of them";

    protected override string RuleSource => InteractionSources.DdInter;

    protected override async IAsyncEnumerable<ImportRow<ListedPair>> ReadListAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in Files(input))
        {
            var fileName = Path.GetFileName(path);
            using var reader = OpenText(path);
            var header = await ReadLineAsync(reader, fileName, cancellationToken);
            if (header?.Trim() != Header)
            {
                throw new ImportFormatException(header is null
                    ? $"{fileName} is empty; a DDInter download starts with the line {Header}."
                    : $"{fileName} is not a DDInter download: its first line should be {Header}, not {Truncate(header, 80)}.");
            }

            var lineNumber = 1;
            while (await ReadLineAsync(reader, fileName, cancellationToken) is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                    continue;

                var row = $"{fileName} line {lineNumber}";
                var text = line;
                var fields = SplitCsv(text);
                for (var extra = 1; fields is null && extra < MaxLinesPerRow && await ReadLineAsync(reader, fileName, cancellationToken) is { } next; extra++)
                {
                    // RFC 4180 allows a line break inside quotes: the row goes on.
                    lineNumber++;
                    text += "\n" + next;
                    fields = SplitCsv(text);
                }

                yield return fields is null ? ImportRow<ListedPair>.Rejected(row, "a quoted field is not closed") : Parse(row, fields);
            }
        }
    }

    /// <summary>The file, or the folder's DDInter files (.csv and .csv.gz; anything else, such as a README, is left alone).</summary>
    private static List<string> Files(ImportInput input)
    {
        if (!input.IsDirectory)
            return [input.Path];

        var files = Directory.EnumerateFiles(input.Path)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new ImportFormatException($"{input.Name} holds no .csv or .csv.gz files; DDInter's downloads are named like ddinter_downloads_code_A.csv.");
    }

    private static ImportRow<ListedPair> Parse(string row, List<string> fields)
    {
        if (fields.Count != 5)
            return ImportRow<ListedPair>.Rejected(row, $"{fields.Count} fields where DDInter has 5 ({Header})");

        var (nameA, nameB, level) = (fields[1].Trim(), fields[3].Trim(), fields[4].Trim());
        if (nameA.Length == 0 || nameB.Length == 0)
            return ImportRow<ListedPair>.Rejected(row, $"{(nameA.Length == 0 ? "Drug_A" : "Drug_B")} is empty");

        InteractionSeverity? severity = level.ToLowerInvariant() switch
        {
            "major" => InteractionSeverity.Major,
            "moderate" => InteractionSeverity.Moderate,
            "minor" => InteractionSeverity.Minor,
            // DDInter knows of the interaction but has not graded it; kept, and shown as "not graded".
            "unknown" => InteractionSeverity.Unknown,
            _ => null,
        };
        return severity is { } known
            ? ImportRow<ListedPair>.Ok(row, new ListedPair(nameA, nameB, known))
            : ImportRow<ListedPair>.Rejected(row, $"level '{Truncate(level, 30)}' is not Major, Moderate, Minor or Unknown");
    }

    /// <summary>One RFC 4180 record's fields; null while a quoted field is still open at the end of the text.</summary>
    private static List<string>? SplitCsv(string text)
    {
        var fields = new List<string>(5);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
            return null;

        fields.Add(field.ToString());
        return fields;
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] + "…" : value;
}
