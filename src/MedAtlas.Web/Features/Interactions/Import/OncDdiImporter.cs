using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Interactions.Import;

/// <summary>
/// <c>import onc-ddi file</c>: the ONC high-priority drug-drug interaction list (Phansalkar et al., JAMIA 2012)
/// expanded from its drug classes to drug pairs with DrugBank ids, as published by the University of Pittsburgh's
/// public-PDDI-analysis project: UTF-8 with a BOM, CRLF, no header, one pair a line as
/// <c>Sparfloxacin$DB01208$Erythromycin$DB00199$</c>. Every pair on it is one an EHR should always interrupt for,
/// so each is stored as major; the list has no text of its own, and the checker words it.
/// </summary>
internal sealed partial class OncDdiImporter(IServiceScopeFactory scopes) : InteractionListImporter(scopes)
{
    private const string Example = "Sparfloxacin$DB01208$Erythromycin$DB00199$";

    public override string Source => "onc-ddi";

    public override string Description => "ONC high-priority drug-drug interaction pairs: drug$DrugBank id$drug$DrugBank id$ lines (ONC_High_Priority_Mapped.csv)";

    protected override string RuleSource => InteractionSources.OncHighPriority;

    protected override IReadOnlyList<string> References { get; } =
        ["Phansalkar S, et al. High-priority drug-drug interactions for use in electronic health records. JAMIA 2012;19:735-43"];

    protected override async IAsyncEnumerable<ImportRow<ListedPair>> ReadListAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.IsDirectory)
            throw new ImportFormatException($"{input.Name} is a folder; give the list's file (ONC_High_Priority_Mapped.csv).");

        using var reader = OpenText(input.Path);
        var lineNumber = 0;
        var sawGoodLine = false;
        while (await ReadLineAsync(reader, input.Name, cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;

            var row = $"line {lineNumber}";
            var parsed = Parse(row, line);
            if (!sawGoodLine)
            {
                // The first line tells whether this is the list at all (a DDInter CSV, the non-interruptive list's
                // comma-separated rows): a wrong file is refused before anything is written, not rejected row by row.
                if (parsed.Record is null)
                    throw new ImportFormatException($"This is not an ONC high-priority list: line {lineNumber} should look like {Example} ({parsed.Rejection}).");
                sawGoodLine = true;
            }

            yield return parsed;
        }

        if (!sawGoodLine)
            throw new ImportFormatException($"{input.Name} is empty: no drug pairs in it.");
    }

    private static ImportRow<ListedPair> Parse(string row, string line)
    {
        var fields = line.Split('$');
        // Every line ends with a '$', leaving an empty last field; a line without it is read the same.
        var count = fields[^1].Trim().Length == 0 ? fields.Length - 1 : fields.Length;
        if (count != 4)
            return ImportRow<ListedPair>.Rejected(row, $"{count} '$'-separated fields where the list has 4 (drug, DrugBank id, drug, DrugBank id)");

        var (nameA, idA, nameB, idB) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
        if (nameA.Length == 0 || nameB.Length == 0)
            return ImportRow<ListedPair>.Rejected(row, "a drug name is empty");
        foreach (var id in new[] { idA, idB })
        {
            if (!DrugBankId().IsMatch(id))
                return ImportRow<ListedPair>.Rejected(row, $"'{(id.Length > 20 ? id[..20] + "…" : id)}' is not a DrugBank id (DB and five digits)");
        }

        return ImportRow<ListedPair>.Ok(row, new ListedPair(nameA, nameB, InteractionSeverity.Major));
    }

    [GeneratedRegex("^DB[0-9]{5}$")]
    private static partial Regex DrugBankId();
}
