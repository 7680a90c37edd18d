using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Interactions.Import;

/// <summary>Two drugs a source lists as interacting, named as the source names them.</summary>
internal sealed record ListedPair(string NameA, string NameB, InteractionSeverity Severity);

/// <summary>
/// A listed pair as it is stored: its two names normalized (not yet matched to catalogue ingredients: the interaction
/// index does that each time it is built, so the rule follows the catalogue whatever was imported first), with the worst
/// severity the run gives that pair; or a repeat of a pair an earlier row of the same run already stored.
/// </summary>
/// <param name="Notes">What the person importing should know about this row (a name that matches no catalogue drug yet).</param>
internal sealed record InteractionPair(string A, string B, InteractionSeverity Severity, IReadOnlyList<string> Notes)
{
    public static InteractionPair Repeat { get; } = new("", "", InteractionSeverity.Unknown, []);

    public bool IsRepeat => ReferenceEquals(this, Repeat);
}

/// <summary>
/// What the interaction-list sources (DDInter, ONC) share: rules stored under the source's own names (normalized),
/// pairs deduplicated over the whole run, upserted by (source, A, B) a batch at a time. Matching the names to catalogue
/// ingredients is the interaction index's (<see cref="InteractionIndex"/>, with <see cref="CatalogueIngredients"/>):
/// stored keys that were matched at import time went stale when the catalogue grew afterwards, so importing Drugs@FDA
/// before or after DDInter gave different rules (issue 19).
/// </summary>
internal abstract class InteractionListImporter(IServiceScopeFactory scopes) : Importer<InteractionPair>
{
    // Rule sides are varchar(200).
    private const int MaxKeyLength = 200;

    // Cannot occur in a key: keys are SearchText-normalized (lower-case letters, digits and single spaces).
    private const string PairSeparator = "|";

    /// <summary>DDInter has 222,383 rows: 5,000 a transaction makes 45 commits and 45 look-up queries instead of 223, for a few MB per batch.</summary>
    public override int BatchSize => 5000;

    /// <summary>The <see cref="InteractionRule.Source"/> the rules are stored under.</summary>
    protected abstract string RuleSource { get; }

    /// <summary>What every rule of this source cites; compared on re-import, so an edited citation updates the rules.</summary>
    protected virtual IReadOnlyList<string> References => [];

    /// <summary>
    /// The input's rows, each a pair or the reason it is rejected. Throws <see cref="ImportFormatException"/> when the
    /// input is not of the format. Called twice per run (see <see cref="ReadAsync"/>), so it must read the same both times.
    /// </summary>
    protected abstract IAsyncEnumerable<ImportRow<ListedPair>> ReadListAsync(ImportInput input, CancellationToken cancellationToken);

    public override async IAsyncEnumerable<ImportRow<InteractionPair>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The catalogue of today, for the warnings only: what is stored does not depend on it.
        var catalogue = await CatalogueIngredients.LoadAsync(scopes, cancellationToken);

        // First pass: the worst severity of every distinct pair of names, so each pair is written once with it and a
        // re-import stays "unchanged" instead of lowering and raising a rule within one run. Bounded by the number of
        // unique pairs (~160k for the whole DDInter download: a few MB, the names being shared strings); the first pass
        // also means a file with a wrong header anywhere in a folder is refused before anything is written.
        var worst = new Dictionary<(string A, string B), InteractionSeverity>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in ReadListAsync(input, cancellationToken))
        {
            if (row.Record is not { } listed)
                continue;

            var (a, b) = (Key(keys, listed.NameA), Key(keys, listed.NameB));
            if (Problem(listed, a, b) is not null)
                continue;

            var pair = InteractionRule.Order(a, b);
            if (!worst.TryGetValue(pair, out var severity) || listed.Severity > severity)
                worst[pair] = listed.Severity;
        }

        // Second pass: each pair once, at its first row and with its worst severity; its later rows (the same pair in
        // another file, or reversed) are repeats, counted unchanged.
        var warned = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in ReadListAsync(input, cancellationToken))
        {
            if (row.Record is not { } listed)
            {
                yield return ImportRow<InteractionPair>.Rejected(row.Row, row.Rejection ?? "unreadable row");
                continue;
            }

            var (a, b) = (Key(keys, listed.NameA), Key(keys, listed.NameB));
            if (Problem(listed, a, b) is { } problem)
            {
                yield return ImportRow<InteractionPair>.Rejected(row.Row, problem);
                continue;
            }

            var pair = InteractionRule.Order(a, b);
            if (!worst.Remove(pair, out var severity))
            {
                yield return ImportRow<InteractionPair>.Ok(row.Row, InteractionPair.Repeat);
                continue;
            }

            List<string> notes = [];
            var (matchA, matchB) = (catalogue.Resolve(listed.NameA), catalogue.Resolve(listed.NameB));
            if (!matchA.Matched && warned.Add(a))
                notes.Add($"'{listed.NameA}' matches no catalogue drug yet");
            if (!matchB.Matched && warned.Add(b))
                notes.Add($"'{listed.NameB}' matches no catalogue drug yet");
            if (matchA.Key == matchB.Key)
            {
                // Kept, not rejected: whether two names are one ingredient is the catalogue's to say, and it can change
                // (Drugs@FDA lists ergocalciferol as an ingredient of its own; the starter set has it as a name of vitamin D).
                notes.Add($"'{listed.NameA}' and '{listed.NameB}' are both {matchA.Key} in the catalogue, so this pair checks nothing while that holds");
            }

            yield return ImportRow<InteractionPair>.Ok(row.Row, new InteractionPair(pair.A, pair.B, severity, notes));
        }
    }

    /// <summary>The stored form of a name, normalized once per distinct spelling and shared by every row that uses it.</summary>
    private static string Key(Dictionary<string, string> keys, string name)
    {
        if (!keys.TryGetValue(name, out var key))
            keys[name] = key = SearchText.Normalize(name);
        return key;
    }

    private static string? Problem(ListedPair listed, string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
            return $"'{(a.Length == 0 ? listed.NameA : listed.NameB)}' has no letters or digits";
        if (a.Length > MaxKeyLength || b.Length > MaxKeyLength)
            return $"a drug name is longer than {MaxKeyLength} characters";
        if (a == b)
            return $"'{listed.NameA}' and '{listed.NameB}' are one name; a drug paired with itself is not an interaction";
        return null;
    }

    public override async Task WriteAsync(ImportBatch<InteractionPair> batch, CancellationToken cancellationToken)
    {
        var pairs = new List<(string Row, InteractionPair Pair)>(batch.Records.Count);
        foreach (var (row, pair) in batch.Records)
        {
            if (pair.IsRepeat)
            {
                batch.Unchanged();
                continue;
            }

            pairs.Add((row, pair));
            foreach (var note in pair.Notes)
                batch.Warn(row, note);
        }

        if (pairs.Count == 0)
            return;

        // One query for the whole batch. EF cannot match on a pair of columns, so the pair is compared as one string;
        // the condition on A alone lets the (Source, A, B) index narrow the rows before that comparison. EF.Parameter
        // sends each list as one array/JSON parameter: EF 10's default, a parameter per element, made this query
        // ~150 ms of CPU per 5,000-pair batch (a new SQL text to compile for each batch size) against ~10 ms.
        var firsts = pairs.Select(p => p.Pair.A).Distinct().ToList();
        var keys = pairs.Select(p => p.Pair.A + PairSeparator + p.Pair.B).ToList();
        var existing = await batch.Db.Set<InteractionRule>()
            .Where(r => r.Source == RuleSource && EF.Parameter(firsts).Contains(r.A) && EF.Parameter(keys).Contains(r.A + PairSeparator + r.B))
            .ToDictionaryAsync(r => (r.A, r.B), cancellationToken);

        var changed = false;
        foreach (var (_, pair) in pairs)
        {
            if (!existing.TryGetValue((pair.A, pair.B), out var rule))
            {
                batch.Db.Add(new InteractionRule
                {
                    Source = RuleSource, A = pair.A, B = pair.B, Severity = pair.Severity, References = [.. References], Origin = ContentOrigin.Imported,
                });
                batch.Added();
                changed = true;
            }
            else if (rule.Severity != pair.Severity || !rule.References.SequenceEqual(References))
            {
                rule.Severity = pair.Severity;
                rule.References = [.. References];
                batch.Updated();
                changed = true;
            }
            else
            {
                batch.Unchanged();
            }
        }

        if (changed)
            await DataStamps.BumpAsync(batch.Db, "interactions", cancellationToken);
    }

    /// <summary>A text file, plain or gzip-compressed (told by its first bytes, not its name); a BOM, if any, is skipped.</summary>
    protected static StreamReader OpenText(string path)
    {
        var file = ImportInput.Open(path);
        if (file.IsZip())
            throw new ImportFormatException($"{file.Name} is a zip archive; unzip it and import the file or the folder it holds.");

        var stream = file.OpenRead();
        return new StreamReader(file.IsGzip() ? new GZipStream(stream, CompressionMode.Decompress) : stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>The next line, with a damaged gzip file reported as a wrong input rather than a crash.</summary>
    protected static async Task<string?> ReadLineAsync(StreamReader reader, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException($"{fileName} cannot be read: {e.Message}");
        }
    }
}
