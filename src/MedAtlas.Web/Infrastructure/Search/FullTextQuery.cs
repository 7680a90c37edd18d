using System.Text;

namespace MedAtlas.Web.Infrastructure.Search;

/// <summary>
/// What a person typed, reduced to words: the only form of user input that reaches FTS5's MATCH or PostgreSQL's
/// to_tsquery. Letters, digits and combining marks make words; everything else (quotes, <c>*</c>, <c>-</c>, <c>:</c>,
/// parentheses, NUL) only separates them, so operators such as <c>NEAR</c>, <c>OR</c> or <c>!</c> are plain words or
/// nothing, and each dialect quotes the words it gets.
/// </summary>
internal sealed record FullTextQuery(IReadOnlyList<string> Words, bool LastWordIsPrefix)
{
    /// <summary>The longest query accepted, as for the site search box (<c>SiteSearch.Validate</c>).</summary>
    public const int MaxLength = 200;

    // More AND-ed words than this only narrow a search to nothing; more OR-ed ones only slow a similarity search down.
    private const int MaxSearchWords = 16;
    private const int MaxSimilarWords = 6;
    private const int MaxWordLength = 64;

    // A one-letter prefix ("a*") expands to thousands of terms for no useful result; two letters are a useful start.
    private const int MinPrefixLength = 2;

    public bool IsEmpty => Words.Count == 0;

    /// <summary>The message to show next to the search field, or null if <paramref name="text"/> can be searched.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "Type a word to search for.";
        if (text.Length > MaxLength)
            return $"Search for at most {MaxLength} characters.";
        if (!text.Any(char.IsLetterOrDigit))
            return "Type letters or digits to search for.";
        return null;
    }

    /// <summary>
    /// Every word must match; the last one also as the start of a longer word (search as you type), unless the text
    /// ends after it with a space or punctuation. Stop words ("the", "and") are left out: PostgreSQL's english
    /// configuration drops them too, so both providers answer alike.
    /// </summary>
    public static FullTextQuery ForSearch(string text)
    {
        var words = Tokenize(text).Where(w => !StopWords.Contains(w)).Distinct(StringComparer.Ordinal).Take(MaxSearchWords).ToList();
        var trimmed = text.TrimEnd('\0');
        var endsInWord = trimmed.Length > 0 && IsWordChar(trimmed[^1]);
        return new FullTextQuery(words, words.Count > 0 && endsInWord && words[^1].Length >= MinPrefixLength);
    }

    /// <summary>
    /// The significant words of a text for "is your question one of these?": any of them may match, ranking does the
    /// rest. Words under three letters and stop words say little about what a question is about; of the rest the
    /// longest are kept, being the rarer and more specific ones ("metformin" over "take").
    /// </summary>
    public static FullTextQuery ForSimilar(string text)
    {
        var words = Tokenize(text)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Select((word, position) => (word, position))
            .OrderByDescending(w => w.word.Length).ThenBy(w => w.position)
            .Take(MaxSimilarWords)
            .OrderBy(w => w.position)
            .Select(w => w.word)
            .ToList();
        return new FullTextQuery(words, LastWordIsPrefix: false);
    }

    private static IEnumerable<string> Tokenize(string text)
    {
        // Long pasted text: the words of the first part are enough, and bounded work per request.
        var normalized = (text.Length > 4 * MaxLength * 10 ? text[..(4 * MaxLength * 10)] : text).Normalize(NormalizationForm.FormC);
        var word = new StringBuilder();
        foreach (var c in normalized)
        {
            if (IsWordChar(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
                yield return Cut(word);
        }

        if (word.Length > 0)
            yield return Cut(word);
    }

    private static string Cut(StringBuilder word)
    {
        var value = word.Length > MaxWordLength ? word.ToString(0, MaxWordLength) : word.ToString();
        word.Clear();
        return value;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    // PostgreSQL's english stop-word list (src/backend/snowball/stopwords/english.stop), so that a word one provider
    // ignores is not required by the other.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
        "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and",
        "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between",
        "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on",
        "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
        "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same",
        "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    };
}
