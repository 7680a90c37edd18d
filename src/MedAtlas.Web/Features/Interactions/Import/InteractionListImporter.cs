using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Interactions.Import;

/// <summary>Two drugs a source lists as interacting, named as the source names them.</summary>
internal sealed record ListedPair(string NameA, string NameB, InteractionSeverity Severity);

/// <summary>
/// A listed pair with its names matched to catalogue ingredient keys, ready to upsert; or a repeat of a pair an
/// earlier row of the same run already stored.
/// </summary>
/// <param name="Unmatched">Names first met in this row that match no catalogue drug: each is warned about once per run.</param>
internal sealed record InteractionPair(string A, string B, InteractionSeverity Severity, IReadOnlyList<string> Unmatched)
{
    public static InteractionPair Repeat { get; } = new("", "", InteractionSeverity.Unknown, []);

    public bool IsRepeat => ReferenceEquals(this, Repeat);
}

/// <summary>
/// What the interaction-list sources (DDInter, ONC) share: names matched to catalogue ingredients, pairs
/// deduplicated over the whole run, rules upserted by (source, A, B) a batch at a time.
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
        // The names are matched before anything is written, not in the first batch: sources list one ingredient under
        // several names (DDInter has calcium citrate, gluconate and lactate, all the catalogue's "calcium"), and when
        // they grade a partner differently the stored rule must carry the worst grade. Knowing it before the first
        // write keeps a re-import "unchanged" instead of lowering and raising a rule within one run.
        var catalogue = await CatalogueIngredients.LoadAsync(scopes, cancellationToken);

        // First pass: the worst severity of every distinct pair of keys. Bounded by the number of unique pairs
        // (~160k for the whole DDInter download: a few MB, the keys being shared strings); the first pass also
        // means a file with a wrong header anywhere in a folder is refused before anything is written.
        var worst = new Dictionary<(string A, string B), InteractionSeverity>();
        await foreach (var row in ReadListAsync(input, cancellationToken))
        {
            if (row.Record is not { } listed)
                continue;

            var (a, b) = (catalogue.Resolve(listed.NameA), catalogue.Resolve(listed.NameB));
            if (Problem(listed, a, b) is not null)
                continue;

            var pair = InteractionRule.Order(a.Key, b.Key);
            if (!worst.TryGetValue(pair, out var severity) || listed.Severity > severity)
                worst[pair] = listed.Severity;
        }

        // Second pass: each pair once, at its first row and with its worst severity; its later rows (the same pair in
        // another file, reversed, or under another name of the same ingredient) are repeats, counted unchanged.
        var warned = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in ReadListAsync(input, cancellationToken))
        {
            if (row.Record is not { } listed)
            {
                yield return ImportRow<InteractionPair>.Rejected(row.Row, row.Rejection ?? "unreadable row");
                continue;
            }

            var (a, b) = (catalogue.Resolve(listed.NameA), catalogue.Resolve(listed.NameB));
            if (Problem(listed, a, b) is { } problem)
            {
                yield return ImportRow<InteractionPair>.Rejected(row.Row, problem);
                continue;
            }

            var pair = InteractionRule.Order(a.Key, b.Key);
            if (!worst.Remove(pair, out var severity))
            {
                yield return ImportRow<InteractionPair>.Ok(row.Row, InteractionPair.Repeat);
                continue;
            }

            List<string> unmatched = [];
            if (!a.Matched && warned.Add(a.Key))
                unmatched.Add(listed.NameA);
            if (!b.Matched && warned.Add(b.Key))
                unmatched.Add(listed.NameB);
            yield return ImportRow<InteractionPair>.Ok(row.Row, new InteractionPair(pair.A, pair.B, severity, unmatched));
        }
    }

    private static string? Problem(ListedPair listed, CatalogueIngredients.Match a, CatalogueIngredients.Match b)
    {
        if (a.Key.Length == 0 || b.Key.Length == 0)
            return $"'{(a.Key.Length == 0 ? listed.NameA : listed.NameB)}' has no letters or digits";
        if (a.Key.Length > MaxKeyLength || b.Key.Length > MaxKeyLength)
            return $"a drug name is longer than {MaxKeyLength} characters";
        if (a.Key == b.Key)
            return $"'{listed.NameA}' and '{listed.NameB}' are both {a.Key}; an ingredient paired with itself is not an interaction";
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
            foreach (var name in pair.Unmatched)
                batch.Warn(row, $"'{name}' matches no catalogue drug yet");
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

/// <summary>
/// The catalogue's ingredients by every name a list may use for them: the ingredient itself, any name of a
/// single-ingredient drug ("acetylsalicylic acid" is aspirin when the catalogue lists that name), and a name
/// without its salt ("warfarin sodium" is warfarin). Loaded once per run.
/// </summary>
internal sealed class CatalogueIngredients
{
    private readonly Dictionary<string, string> byName;
    private readonly Dictionary<string, Match> resolved = new(StringComparer.Ordinal);

    private CatalogueIngredients(Dictionary<string, string> byName) => this.byName = byName;

    /// <summary>Matched: the key is a catalogue ingredient. Otherwise the key is the normalized name, which drugs imported later may match.</summary>
    internal readonly record struct Match(string Key, bool Matched);

    public static async Task<CatalogueIngredients> LoadAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<DrugLinks>();
        var ingredients = await links.IngredientsAsync(cancellationToken);
        // Starter entries first: where two drugs claim a name, the curated one wins (as in DrugMatcher).
        var names = await links.SingleIngredientNamesAsync(cancellationToken);

        // An ingredient's own name beats a drug name that happens to equal it.
        var byName = ingredients.ToDictionary(i => i, i => i, StringComparer.Ordinal);
        foreach (var drug in names)
        {
            foreach (var name in drug.Names)
                byName.TryAdd(name, drug.Ingredient);
        }

        return new CatalogueIngredients(byName);
    }

    public Match Resolve(string name)
    {
        if (resolved.TryGetValue(name, out var match))
            return match;

        // Lists repeat a few thousand names over hundreds of thousands of rows: each is normalized once, and the run's
        // pair set holds references to these few thousand keys rather than a copy per row.
        var normalized = SearchText.Normalize(name);
        if (byName.TryGetValue(normalized, out var ingredient) || byName.TryGetValue(DrugMatcher.BaseName(name), out ingredient))
            match = new Match(ingredient, Matched: true);
        else
            match = new Match(normalized, Matched: false);

        resolved[name] = match;
        return match;
    }
}
