using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Features.Alerts.Feeds;

/// <summary>
/// Which catalogue drugs a notice's title and summary name. Conservative, because a wrong match tells the wrong people:
/// only whole words and phrases (one to four words) that are exactly a drug's normalised name or ingredient key
/// (<see cref="RecallText.NameKeys"/>, <see cref="DrugCodes.DrugsByNameAsync"/>), the longest phrase winning where
/// two overlap ("losartan and hydrochlorothiazide" is the combination, not both single drugs); single words under
/// five letters (abbreviations such as "ASA", "PE") and words that are also food, minerals or firms are never a match
/// on their own, since FDA's recall feed is mostly food.
/// </summary>
internal static class NoticeNames
{
    private const int LongestPhrase = 4;

    /// <summary>Catalogue names that are ordinary words in a recall notice ("Ginger Paste", "Bayer recalls ...").</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "bayer", "elder", "garlic", "ginger", "copper", "calcium", "iodine", "lithium", "magnesium", "potassium", "sodium",
        "menthol", "nitro", "oxygen", "water", "alcohol", "caffeine", "honey", "cinnamon", "turmeric", "fiber", "protein",
        "vitamin", "linseed", "senna", "charcoal", "peppermint", "chamomile", "echinacea", "lavender", "glucose", "sugar",
    };

    public static async Task<IReadOnlyList<string>> DrugsNamedAsync(DrugCodes codes, string text, CancellationToken cancellationToken)
    {
        var words = SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var candidates = new List<(string Key, int Start, int Length)>();
        for (var start = 0; start < words.Length; start++)
        {
            for (var length = 1; length <= LongestPhrase && start + length <= words.Length; length++)
            {
                if (length == 1 && (words[start].Length < 5 || CommonWords.Contains(words[start]) || words[start].All(char.IsAsciiDigit)))
                    continue;
                foreach (var key in RecallText.NameKeys(string.Join(' ', words, start, length)))
                    candidates.Add((key, start, length));
            }
        }

        var found = await codes.DrugsByNameAsync(candidates.Select(c => c.Key), cancellationToken);
        var taken = new bool[words.Length];
        var slugs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, start, length) in candidates.Where(c => found.ContainsKey(c.Key)).OrderByDescending(c => c.Length).ThenBy(c => c.Start))
        {
            if (taken.AsSpan(start, length).Contains(true))
                continue;
            taken.AsSpan(start, length).Fill(true);
            slugs.UnionWith(found[key]);
        }

        return [.. slugs];
    }
}
