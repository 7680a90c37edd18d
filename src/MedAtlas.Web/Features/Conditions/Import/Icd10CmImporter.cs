using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions.Import;

internal sealed record Icd10CmRecord(string Code, string Title);

/// <summary>
/// <c>import icd10cm file.csv</c>: ICD-10-CM codes with titles, one per line as <c>E11,"Type 2 diabetes mellitus"</c>
/// (the CSV form of the CMS order file; codes without the dot, the title always quoted, no header).
/// </summary>
internal sealed class Icd10CmImporter : Importer<Icd10CmRecord>
{
    public override string Source => "icd10cm";

    public override string Description => "ICD-10-CM codes and titles, CSV lines of code,\"title\" (CMS order-file export)";

    public override async IAsyncEnumerable<ImportRow<Icd10CmRecord>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input.OpenRead(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        var sawGoodLine = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;

            var row = $"line {lineNumber}";
            var parsed = Parse(line);
            if (!sawGoodLine)
            {
                // The first line decides whether this file is an ICD-10-CM list at all; a wrong file is
                // refused before anything is written, rather than reported as thousands of bad rows.
                if (parsed.Record is null)
                    throw new ImportFormatException($"This is not an ICD-10-CM code list: line {lineNumber} should look like E11,\"Type 2 diabetes mellitus\" ({parsed.Rejection}).");
                sawGoodLine = true;
            }

            yield return parsed.Record is null ? ImportRow<Icd10CmRecord>.Rejected(row, parsed.Rejection!) : ImportRow<Icd10CmRecord>.Ok(row, parsed.Record);
        }

        if (!sawGoodLine)
            throw new ImportFormatException("The file is empty: no ICD-10-CM codes in it.");
    }

    private static (Icd10CmRecord? Record, string? Rejection) Parse(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
            return (null, "no comma between code and title");

        var rawCode = line[..comma];
        if (Icd10Code.Normalize(rawCode) is not { } code || rawCode.Contains('.', StringComparison.Ordinal))
            return (null, $"'{Truncate(rawCode)}' is not an ICD-10-CM code (a letter, a digit, then up to 5 letters or digits, no dot)");

        var title = line[(comma + 1)..].Trim();
        if (title.Length >= 2 && title[0] == '"' && title[^1] == '"')
            title = title[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        else
            return (null, "the title is not in double quotes");

        if (title.Length == 0)
            return (null, $"code {code} has an empty title");
        if (title.Length > 400)
            return (null, $"code {code} has a title over 400 characters");

        return (new Icd10CmRecord(code, title), null);
    }

    private static string Truncate(string value) => value.Length > 20 ? value[..20] + "…" : value;

    public override async Task WriteAsync(ImportBatch<Icd10CmRecord> batch, CancellationToken cancellationToken)
    {
        // Later rows win when a file repeats a code; the database sees each code once per batch.
        var records = batch.Records.GroupBy(r => r.Record.Code).Select(g => g.Last()).ToList();
        var codes = records.Select(r => r.Record.Code).ToList();
        var existing = await batch.Db.Set<Icd10Code>().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);

        foreach (var (_, record) in records)
        {
            if (!existing.TryGetValue(record.Code, out var code))
            {
                batch.Db.Add(new Icd10Code { Code = record.Code, Title = record.Title, Origin = ContentOrigin.Imported });
                batch.Added();
            }
            else if (code.Origin is ContentOrigin.Editor or ContentOrigin.User)
            {
                // This site's editors changed the title; an import must not undo that.
                batch.Unchanged();
            }
            else if (code.Title != record.Title)
            {
                code.Title = record.Title;
                code.Origin = ContentOrigin.Imported;
                batch.Updated();
            }
            else
            {
                batch.Unchanged();
            }
        }

        batch.Unchanged(batch.Records.Count - records.Count);
    }
}
