using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// One crosswalk term as a catalogue ingredient name: the RxCUI every row of the file gave it, or null when its rows
/// disagree. <see cref="Ingredient"/> is empty for a term no base name can equal.
/// </summary>
internal sealed record IngredientCodeRecord(string Ingredient, string? RxCui, string Source);

/// <summary>
/// <c>import rxnorm-ingredients file.tsv</c>: the FDA UNII-RxNorm crosswalk (tab-separated, a header naming
/// FDA_PreferredTerm and RxNorm_CUI, "None" for a missing value). The file is not one-to-one: one substance has rows
/// for its salts, brands and synonyms, each with its own RxCUI. So a term is kept only when its rows all give one
/// RxCUI, and a catalogue ingredient gets it only when its base name, upper-cased, is exactly that term: "atorvastatin"
/// takes ATORVASTATIN's ingredient code, never ATORVASTATIN CALCIUM's precise-ingredient code.
/// </summary>
internal sealed class RxNormIngredientImporter(TimeProvider time) : Importer<IngredientCodeRecord>
{
    public const string TermColumn = "FDA_PreferredTerm";
    public const string RxCuiColumn = "RxNorm_CUI";

    /// <summary>The crosswalk is about 1 MB; it is read whole to see every row of a term. Anything far larger is not it.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    public override string Source => "rxnorm-ingredients";

    public override string Description => "RxNorm ingredient codes (RxCUI) from the FDA UNII-RxNorm crosswalk TSV (FDA_PreferredTerm, FDA_UNII, RxNorm_CUI, ...)";

    public override async IAsyncEnumerable<ImportRow<IngredientCodeRecord>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = input.OpenRead();
        if (stream.Length > MaxBytes)
            throw new ImportFormatException($"{input.Name} is {stream.Length / (1024 * 1024):N0} MB; the UNII-RxNorm crosswalk is about 1 MB. Is this the right file?");

        var source = $"FDA UNII-RxNorm crosswalk ({Truncate(input.Name, 150)})";
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync(cancellationToken)
            ?? throw new ImportFormatException("The file is empty: no UNII-RxNorm crosswalk in it.");
        var columns = header.Split('\t');
        var termAt = Array.IndexOf(columns, TermColumn);
        var rxCuiAt = Array.IndexOf(columns, RxCuiColumn);
        if (termAt < 0 || rxCuiAt < 0)
            throw new ImportFormatException(
                $"This is not the UNII-RxNorm crosswalk: its first line should be a tab-separated header with {TermColumn} and {RxCuiColumn} (FDA_PreferredTerm, FDA_UNII, RxNorm_CUI, ...).");

        // Term -> (where it first appears, every RxCUI its rows give), in file order so the summary's rows read in order.
        var terms = new Dictionary<string, (int Line, SortedSet<string> RxCuis)>(StringComparer.Ordinal);
        var order = new List<string>();
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (fields.Length <= Math.Max(termAt, rxCuiAt))
            {
                yield return ImportRow<IngredientCodeRecord>.Rejected($"line {lineNumber}", $"{fields.Length} tab-separated fields where the header has {columns.Length}");
                continue;
            }

            var term = fields[termAt].Trim();
            var rxCui = fields[rxCuiAt].Trim();
            if (term.Length == 0 || term == "None")
            {
                yield return ImportRow<IngredientCodeRecord>.Rejected($"line {lineNumber}", "no FDA_PreferredTerm");
                continue;
            }

            if (rxCui.Length is 0 or > 12 || !rxCui.All(char.IsAsciiDigit))
            {
                yield return ImportRow<IngredientCodeRecord>.Rejected($"line {lineNumber}", $"'{Truncate(rxCui)}' is not an RxCUI (digits only) for {Truncate(term)}");
                continue;
            }

            if (!terms.TryGetValue(term, out var seen))
            {
                seen = (lineNumber, new SortedSet<string>(StringComparer.Ordinal));
                terms[term] = seen;
                order.Add(term);
            }

            seen.RxCuis.Add(rxCui);
        }

        if (terms.Count == 0)
            throw new ImportFormatException("The crosswalk has a header but no usable rows.");

        foreach (var term in order)
        {
            var (line, rxCuis) = terms[term];
            // Catalogue ingredients are normalised base names ("st johns wort"); a term with punctuation or
            // lower case ("ACETAMIDE, N-(4-HYDROXYPHENYL)-") can never equal one upper-cased, so it is not kept.
            var ingredient = term.ToLowerInvariant();
            if (SearchText.Normalize(term) != ingredient || ingredient.Length > 200)
            {
                yield return ImportRow<IngredientCodeRecord>.Ok($"line {line}", new IngredientCodeRecord("", null, source));
                continue;
            }

            yield return ImportRow<IngredientCodeRecord>.Ok($"line {line}",
                new IngredientCodeRecord(ingredient, rxCuis.Count == 1 ? rxCuis.Min : null, source));
        }
    }

    public override async Task WriteAsync(ImportBatch<IngredientCodeRecord> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var records = batch.Records.Where(r => r.Record.Ingredient.Length > 0).ToList();
        var names = records.Select(r => r.Record.Ingredient).ToList();
        var existing = await batch.Db.Set<IngredientCode>().Where(c => names.Contains(c.Ingredient)).ToDictionaryAsync(c => c.Ingredient, cancellationToken);

        batch.Count("ambiguous", 0);
        batch.Count("skipped", batch.Records.Count - records.Count);
        foreach (var (_, record) in records)
        {
            existing.TryGetValue(record.Ingredient, out var code);
            if (record.RxCui is null)
            {
                // Rows disagree: no code is better than a wrong one, also where an earlier file gave one.
                batch.Count("ambiguous");
                if (code is not null)
                    batch.Db.Remove(code);
                continue;
            }

            if (code is null)
            {
                batch.Db.Add(new IngredientCode { Ingredient = record.Ingredient, RxCui = record.RxCui, Source = record.Source, UpdatedAt = now });
                batch.Added();
            }
            else if (code.RxCui != record.RxCui)
            {
                code.RxCui = record.RxCui;
                code.Source = record.Source;
                code.UpdatedAt = now;
                batch.Updated();
            }
            else
            {
                batch.Unchanged();
            }
        }
    }

    private static string Truncate(string value, int max = 40) => value.Length > max ? value[..max] + "…" : value;
}
