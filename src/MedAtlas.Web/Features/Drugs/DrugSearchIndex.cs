using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

internal enum SearchTargetType
{
    Drug,
    Condition,
}

/// <summary>What a search found: a drug or a condition, the name it matched on, and how well.</summary>
internal sealed record SearchMatch(SearchTarget Target, string MatchedOn, MatchQuality Quality, double Score);

internal enum MatchQuality
{
    Exact,
    Prefix,
    WordPrefix,
    Typo,
}

internal sealed record SearchTarget(SearchTargetType Type, string Slug, string Name, DrugKind? Kind, IReadOnlyList<string> BrandNames, bool Curated);

/// <summary>
/// Typo-tolerant name search over every drug name (generic, brand, other) and every condition name and synonym,
/// held in memory: a sorted array for prefix matches and a bounded edit-distance scan for typos. It is
/// rebuilt when the "drugs" data stamp moves, so an import run from the command line shows up on the site.
/// </summary>
internal sealed class DrugSearchIndex : IDisposable, IWarmable
{
    private readonly IServiceScopeFactory scopes;
    private readonly StampedSnapshot<Snapshot> snapshot;

    public DrugSearchIndex(IServiceScopeFactory scopes, DataStamps stamps, ILogger<DrugSearchIndex> logger)
    {
        this.scopes = scopes;
        snapshot = new StampedSnapshot<Snapshot>(stamps, ["drugs"], BuildAsync, logger, "Drug search index");
    }

    public Task WarmAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var q = SearchText.Normalize(query);
        if (q.Length == 0)
            return [];

        var index = await snapshot.GetAsync(cancellationToken);
        return index.Search(q, limit);
    }

    public void Dispose() => snapshot.Dispose();

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();

        var drugs = await db.Set<Drug>().AsNoTracking()
            .Select(d => new { d.Id, d.Slug, d.Name, d.Kind, Curated = d.Origin == ContentOrigin.Starter })
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        var names = await db.Set<DrugName>().AsNoTracking()
            .Select(n => new { n.DrugId, n.Name, n.Normalized, n.Type })
            .ToListAsync(cancellationToken);
        var conditions = await scope.ServiceProvider.GetRequiredService<ConditionCatalog>().NamesAsync(cancellationToken);

        var brandsByDrug = names.Where(n => n.Type == DrugNameType.Brand).GroupBy(n => n.DrugId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(n => n.Name).Take(6).ToList());
        var targets = drugs.Values.ToDictionary(
            d => d.Id,
            d => new SearchTarget(SearchTargetType.Drug, d.Slug, d.Name, d.Kind, brandsByDrug.GetValueOrDefault(d.Id, []), d.Curated));

        var entries = new List<Entry>(names.Count * 2 + conditions.Count * 4);
        foreach (var name in names)
        {
            if (targets.TryGetValue(name.DrugId, out var target))
                AddWithWords(entries, name.Normalized, name.Name, target);
        }

        foreach (var condition in conditions)
        {
            var target = new SearchTarget(SearchTargetType.Condition, condition.Slug, condition.Name, null, [], true);
            AddWithWords(entries, SearchText.Normalize(condition.Name), condition.Name, target);
            foreach (var synonym in condition.Synonyms)
                AddWithWords(entries, SearchText.Normalize(synonym), synonym, target);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        return new Snapshot([.. entries]);
    }

    private static void AddWithWords(List<Entry> entries, string normalized, string display, SearchTarget target)
    {
        if (normalized.Length == 0)
            return;

        entries.Add(new Entry(normalized, display, target, IsWhole: true));
        // Every later word starts an entry too, so "pressure" and "tylenol" in "extra strength tylenol" match by prefix.
        for (var i = normalized.IndexOf(' ', StringComparison.Ordinal); i >= 0; i = normalized.IndexOf(' ', i + 1))
            entries.Add(new Entry(normalized[(i + 1)..], display, target, IsWhole: false));
    }

    private sealed record Entry(string Text, string Display, SearchTarget Target, bool IsWhole);

    private sealed class Snapshot(Entry[] entries)
    {

        public IReadOnlyList<SearchMatch> Search(string q, int limit)
        {
            var best = new Dictionary<SearchTarget, SearchMatch>();

            void Offer(Entry entry, MatchQuality quality, double score)
            {
                // Curated entries (the common medicines people mean) rank above the long tail of imported ones.
                score += entry.Target.Curated ? 40 : 0;
                // The thing's own name beats a synonym that matches equally well.
                score += string.Equals(entry.Display, entry.Target.Name, StringComparison.OrdinalIgnoreCase) ? 10 : 0;
                if (!best.TryGetValue(entry.Target, out var existing) || existing.Score < score)
                    best[entry.Target] = new SearchMatch(entry.Target, entry.Display, quality, score);
            }

            // Prefix range in the sorted array: every name (or later word) that starts with what was typed.
            var start = LowerBound(q);
            for (var i = start; i < entries.Length && entries[i].Text.StartsWith(q, StringComparison.Ordinal); i++)
            {
                var entry = entries[i];
                var extra = entry.Text.Length - q.Length;
                if (extra == 0)
                    Offer(entry, entry.IsWhole ? MatchQuality.Exact : MatchQuality.WordPrefix, entry.IsWhole ? 1000 : 700);
                else
                    Offer(entry, entry.IsWhole ? MatchQuality.Prefix : MatchQuality.WordPrefix, (entry.IsWhole ? 800 : 600) - Math.Min(extra, 100));
            }

            // Typos: only once there is enough typed to tell words apart, and only where prefixes did not fill the list.
            if (q.Length >= 4 && best.Count(b => b.Value.Quality != MatchQuality.WordPrefix) < limit)
            {
                var maxDistance = q.Length >= 7 ? 2 : 1;
                foreach (var entry in entries)
                {
                    var text = entry.Text;
                    if (text.Length + maxDistance < q.Length)
                        continue;

                    var whole = EditDistance.Bounded(q, text, maxDistance);
                    if (whole <= maxDistance)
                    {
                        Offer(entry, MatchQuality.Typo, (entry.IsWhole ? 500 : 400) - 100 * whole - Math.Abs(text.Length - q.Length));
                        continue;
                    }

                    // Typed so far with a typo: compare with the name's beginning of the same length ("metfor" ~ "metform").
                    if (text.Length > q.Length)
                    {
                        var prefix = EditDistance.Bounded(q, text.AsSpan(0, q.Length), maxDistance);
                        if (prefix <= maxDistance)
                            Offer(entry, MatchQuality.Typo, (entry.IsWhole ? 300 : 250) - 100 * prefix - Math.Min(text.Length - q.Length, 50));
                    }
                }
            }

            return [.. best.Values
                .OrderByDescending(m => m.Score)
                .ThenBy(m => m.Target.Name.Length)
                .ThenBy(m => m.Target.Name, StringComparer.OrdinalIgnoreCase)
                .Take(limit)];
        }

        private int LowerBound(string q)
        {
            int low = 0, high = entries.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (string.CompareOrdinal(entries[mid].Text, q) < 0)
                    low = mid + 1;
                else
                    high = mid;
            }

            return low;
        }
    }
}
