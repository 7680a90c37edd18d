using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Foods;

/// <summary>
/// Typo-tolerant food search over the whole catalogue, held in memory (foods are catalogue data, not anyone's
/// writing): every word of each food's USDA name, common names and group, with the foods it appears in. A query's
/// words must all match, in any order; each matches a food's word exactly, as a plural or singular of it, as the
/// beginning of it (the last word, still being typed) or, only when it is no word of the catalogue, with one or two
/// typos. Rebuilt when the "foods" data stamp moves (an import or the starter set).
/// </summary>
internal sealed class FoodSearchIndex : IDisposable, IWarmable
{
    private readonly IServiceScopeFactory scopes;
    private readonly StampedSnapshot<Snapshot> snapshot;

    public FoodSearchIndex(IServiceScopeFactory scopes, DataStamps stamps, ILogger<FoodSearchIndex> logger)
    {
        this.scopes = scopes;
        snapshot = new StampedSnapshot<Snapshot>(stamps, ["foods"], BuildAsync, logger, "Food search index");
    }

    public Task WarmAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    public async Task<IReadOnlyList<FoodHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var words = Snapshot.QueryWords(query);
        if (words.Count == 0 || limit < 1)
            return [];

        var index = await snapshot.GetAsync(cancellationToken);
        return index.Search(words, limit);
    }

    public void Dispose() => snapshot.Dispose();

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var groups = await db.Set<FoodGroup>().AsNoTracking().ToDictionaryAsync(g => g.Code, g => g.Name, cancellationToken);
        var energy = await db.Set<FoodNutrient>().AsNoTracking().Where(v => v.NutrientId == NutrientIds.Energy)
            .ToDictionaryAsync(v => v.FoodId, v => v.Value, cancellationToken);
        var foods = await db.Set<Food>().AsNoTracking()
            .Select(f => new { f.Id, f.Name, f.CommonNames, f.GroupCode, f.Survey })
            .ToListAsync(cancellationToken);

        var docs = new Doc[foods.Count];
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < foods.Count; i++)
        {
            var f = foods[i];
            var group = groups.GetValueOrDefault(f.GroupCode, "");
            var segments = f.Name.Split(',', 3);
            // "Fish, salmon, pink, raw": the food is the second part; the first only says what kind of food it is.
            var headed = segments.Length > 1 && CategoryHeads.Contains(SearchText.Normalize(segments[0]));
            var first = Words(headed ? segments[0] + " " + segments[1] : segments[0]);
            var named = headed ? Words(segments[1]) : first;
            var seen = new Dictionary<string, (Where Where, int Position)>(StringComparer.Ordinal);
            var position = 0;
            void Add(IEnumerable<string> words, Where where, bool counts)
            {
                foreach (var word in words)
                {
                    var at = counts ? position++ : 0;
                    seen[word] = seen.TryGetValue(word, out var known) ? (known.Where | where, Math.Min(known.Position, at)) : (where, at);
                }
            }

            Add(first, Where.First, counts: true);
            Add(Words(string.Join(' ', segments.Skip(headed ? 2 : 1))), Where.Rest, counts: true);
            Add(Words(f.CommonNames), Where.Common, counts: false);
            Add(Words(group), Where.Group, counts: false);
            foreach (var (word, (where, at)) in seen)
            {
                if (!postings.TryGetValue(word, out var list))
                    postings[word] = list = [];
                list.Add(new Posting(i, where, (byte)Math.Min(at, 255)));
            }

            docs[i] = new Doc(
                new FoodHit(f.Id, f.Name, group, energy.TryGetValue(f.Id, out var kcal) ? kcal : null),
                named.Distinct(StringComparer.Ordinal).Count(),
                f.Survey,
                seen.ContainsKey("raw"),
                // "Egg, whole", "Milk, whole, 3.25% milkfat": the whole food, right after its name (not "whole milk" in a dish).
                segments.Length > (headed ? 2 : 1) && SearchText.Normalize(segments[headed ? 2 : 1]) == "whole",
                [.. seen.Keys.Where(ProcessedWords.Contains)],
                // Baby foods, fast foods, restaurant dishes and the Alaska Native foods (seal, caribou) rank below the
                // rest unless the query names them.
                f.GroupCode is "0300" or "2100" or "3500" or "3600",
                f.GroupCode == "0700");
        }

        var vocabulary = postings.Select(p => new Term(p.Key, Stem(p.Key), [.. p.Value])).ToArray();
        return new Snapshot(docs, vocabulary);
    }

    // Words that make a food a prepared or processed form of itself ("Milk, buttermilk, dried", "Chicken breast, deli,
    // sliced, prepackaged"): the food as most people mean it ranks above them unless the query names them.
    private static readonly HashSet<string> ProcessedWords = new(
        ["dried", "dry", "dehydrated", "powder", "powdered", "deli", "prepackaged", "imitation", "canned", "frozen", "condensed",
         "evaporated", "concentrate", "mix", "substitute", "human", "formulated", "fortified", "flavored", "flavor", "breaded", "sliced", "reduced", "sodium"],
        StringComparer.Ordinal);

    // SR28 names that start with the kind of food rather than the food ("Beverages, coffee", "Nuts, almonds").
    private static readonly HashSet<string> CategoryHeads = new(
        ["fish", "beverages", "nuts", "seeds", "crustaceans", "mollusks", "cereals", "cereals ready to eat", "snacks", "candies",
         "spices", "alcoholic beverage", "alcoholic beverages", "game meat", "sweeteners", "leavening agents", "oil", "fast foods",
         "babyfood", "infant formula", "restaurant", "soup", "sauce", "salad dressing", "fruit juice"],
        StringComparer.Ordinal);

    private static List<string> Words(string? text) =>
        [.. SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>"apples" and "apple", "berries" and "berry", "tomatoes" and "tomato" are one word to the search.</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
            return word[..^3] + "y";
        if (word.Length > 4 && (word.EndsWith("oes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
            return word[..^2];
        if (word.Length > 3 && word[^1] == 's' && word[^2] is not 's' and not 'u' and not 'i')
            return word[..^1];
        return word;
    }

    [Flags]
    private enum Where : byte
    {
        /// <summary>The name's first part, before the first comma: what the food is ("Bananas" in "Bananas, raw").</summary>
        First = 1,

        /// <summary>The rest of the name: how it is prepared or which kind.</summary>
        Rest = 2,

        /// <summary>USDA's common names (ComName).</summary>
        Common = 4,

        /// <summary>The food group's name ("Baby Foods").</summary>
        Group = 8,
    }

    private sealed record Doc(FoodHit Hit, int FirstWords, bool Survey, bool Raw, bool Whole, string[] Processed, bool RanksLow, bool Luncheon);

    /// <summary>A word in a food: where in it, and how early in its name (0 for the first word).</summary>
    private readonly record struct Posting(int Doc, Where Where, byte Position);

    private sealed record Term(string Word, string Stem, Posting[] Postings);

    /// <summary>How one query word matched one food: its score and whether it matched the food's name proper.</summary>
    private readonly record struct WordHit(double Score, bool InFirst, bool Names);

    private sealed class Snapshot(Doc[] docs, Term[] vocabulary)
    {
        // Words that join others ("chicken and rice"): not required to match unless they are all there is.
        private static readonly HashSet<string> StopWords = new(["and", "or", "with", "of", "in", "the", "a", "an"], StringComparer.Ordinal);

        private const int MaxWords = 8;

        public static List<string> QueryWords(string query)
        {
            var words = Words(query.Length > 200 ? query[..200] : query);
            var meaningful = words.Where(w => !StopWords.Contains(w)).ToList();
            var kept = meaningful.Count > 0 ? meaningful : words;
            // The last word is the one still being typed: it keeps its place at the end.
            var distinct = kept.Distinct(StringComparer.Ordinal).ToList();
            if (kept.Count > 0 && distinct[^1] != kept[^1])
            {
                distinct.Remove(kept[^1]);
                distinct.Add(kept[^1]);
            }

            return distinct.Count > MaxWords ? distinct[^MaxWords..] : distinct;
        }

        public IReadOnlyList<FoodHit> Search(List<string> words, int limit)
        {
            var perWord = new List<Dictionary<int, WordHit>>(words.Count);
            for (var w = 0; w < words.Count; w++)
            {
                var hits = Match(words[w], isLast: w == words.Count - 1);
                if (hits.Count == 0)
                    return [];
                perWord.Add(hits);
            }

            var smallest = perWord.MinBy(h => h.Count)!;
            var asksForDeli = words.Exists(w => w is "deli" or "luncheon" or "lunchmeat" or "sausage" or "sausages");
            var scored = new List<(Doc Doc, double Score)>();
            foreach (var docIndex in smallest.Keys)
            {
                double score = 0;
                int inFirst = 0;
                var names = false;
                var all = true;
                foreach (var hits in perWord)
                {
                    if (!hits.TryGetValue(docIndex, out var hit))
                    {
                        all = false;
                        break;
                    }

                    score += hit.Score;
                    inFirst += hit.InFirst ? 1 : 0;
                    names |= hit.Names;
                }

                if (!all)
                    continue;

                var doc = docs[docIndex];
                // The food is what was asked for ("Bananas, raw" for "banana"), not a dish that has some in it.
                score += 20 * inFirst;
                if (inFirst >= doc.FirstWords)
                    score += 30;
                if (doc.Survey)
                    score += 10;
                // The food as bought, before it is cooked or made into something.
                if (doc.Raw)
                    score += 4;
                if (doc.Whole)
                    score += 4;
                foreach (var processed in doc.Processed)
                {
                    if (!words.Contains(processed))
                        score -= 12;
                }

                if (doc.RanksLow && !names)
                    score -= 80;
                // Sausages and luncheon meats: "chicken breast" is the meat, not the sliced deli product, unless asked.
                if (doc.Luncheon && !asksForDeli)
                    score -= 40;
                score -= 0.2 * doc.Hit.Name.Length;
                scored.Add((doc, score));
            }

            return [.. scored
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.Doc.Hit.Name.Length)
                .ThenBy(s => s.Doc.Hit.Name, StringComparer.Ordinal)
                .Take(limit)
                .Select(s => s.Doc.Hit)];
        }

        /// <summary>Every food one query word matches, with the best way it matches each.</summary>
        private Dictionary<int, WordHit> Match(string word, bool isLast)
        {
            var stem = Stem(word);
            var matched = new List<(Term Term, double Score)>();
            foreach (var term in vocabulary)
            {
                if (term.Word == word)
                    matched.Add((term, 100));
                else if (term.Stem == stem)
                    matched.Add((term, 92));
                else if (isLast && word.Length >= 2 && term.Word.StartsWith(word, StringComparison.Ordinal))
                    matched.Add((term, 60 - Math.Min(term.Word.Length - word.Length, 20)));
            }

            // Typos only for a word the catalogue does not have: "chiken", not "pear" (which would also find "peas").
            if (matched.Count == 0 && word.Length >= 4)
            {
                var max = word.Length >= 7 ? 2 : 1;
                foreach (var term in vocabulary)
                {
                    var distance = EditDistance.Bounded(stem, term.Stem, max);
                    if (distance <= max)
                        matched.Add((term, 60 - 15 * distance));
                    else if (isLast && word.Length >= 5 && term.Word.Length > word.Length
                        && EditDistance.Bounded(word, term.Word.AsSpan(0, word.Length), 1) <= 1)
                        matched.Add((term, 40));
                }
            }

            var hits = new Dictionary<int, WordHit>();
            foreach (var (term, score) in matched)
            {
                foreach (var (doc, where, position) in term.Postings)
                {
                    var inName = (where & (Where.First | Where.Rest)) != 0;
                    // Earlier in the name is more what the food is: "Milk, whole" before "Milk, buttermilk, fluid, whole".
                    var weighted = inName ? score + Math.Max(0, 12 - 4 * position) : (where & Where.Common) != 0 ? score * 0.95 : score * 0.6;
                    var hit = new WordHit(
                        weighted,
                        (where & (Where.First | Where.Common)) != 0,
                        (where & (Where.First | Where.Group)) != 0);
                    if (!hits.TryGetValue(doc, out var existing) || Better(hit, existing))
                        hits[doc] = hit;
                }
            }

            return hits;
        }

        private static bool Better(WordHit a, WordHit b) =>
            a.Score > b.Score || (a.Score == b.Score && a.InFirst && !b.InFirst);
    }
}
