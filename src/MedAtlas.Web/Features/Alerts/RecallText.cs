using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>
/// What a recall's free text says about which product it is: NDCs, lot numbers and the product's name. Deliberately
/// conservative: a lot or NDC that is not found costs a weaker match; one read wrongly would tell the wrong people.
/// </summary>
internal static partial class RecallText
{
    private static readonly System.Buffers.SearchValues<char> ClauseEnd = System.Buffers.SearchValues.Create(",;");

    private static readonly System.Buffers.SearchValues<char> NameEnd = System.Buffers.SearchValues.Create(",;(0123456789");

    /// <summary>Words that end a product name in product_description ("Atorvastatin Calcium Tablets, USP, 10 mg").</summary>
    private static readonly HashSet<string> FormWords = new(StringComparer.Ordinal)
    {
        "tablet", "tablets", "capsule", "capsules", "caplet", "caplets", "injection", "injectable", "solution", "suspension",
        "cream", "ointment", "gel", "lotion", "powder", "syrup", "elixir", "drops", "spray", "patch", "patches",
        "usp", "oral", "topical", "ophthalmic", "for", "extended", "delayed", "release", "chewable", "film", "coated",
        "orally", "disintegrating", "kit", "liquid", "softgels", "softgel", "vial", "vials", "inj", "tabs", "caps",
        "sterile", "intravenous", "infusion", "in", "rx", "only",
    };

    /// <summary>Salt and ester words, dropped to compare with a drug's ingredient key ("metformin hydrochloride" → "metformin").</summary>
    private static readonly HashSet<string> SaltWords = new(StringComparer.Ordinal)
    {
        "hydrochloride", "hcl", "sodium", "potassium", "calcium", "magnesium", "maleate", "besylate", "mesylate",
        "succinate", "tartrate", "bitartrate", "citrate", "sulfate", "phosphate", "acetate", "fumarate", "hydrobromide",
        "monohydrate", "dihydrate", "trihydrate", "anhydrous", "disodium", "bromide", "chloride",
    };

    /// <summary>The 11-digit package NDCs written dashed (4-4-2, 5-3-2, 5-4-1, 5-4-2) anywhere in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Ndcs(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;
        foreach (Match m in DashedNdc().Matches(text))
        {
            if (Ndc.Normalize(m.Value) is { } ndc)
                yield return ndc;
        }
    }

    /// <summary>
    /// Lot numbers named after "Lot", "Lot #", "Lot No.", "Lot Number(s):", "Lots:" in code_info, upper-cased. A list
    /// after the marker is read while its items look like lots (letters and digits, at least one digit) and stops at
    /// the first that does not ("Exp 08/2015"), so an expiry date or a word is never taken for a lot.
    /// </summary>
    public static IReadOnlyList<string> Lots(string? codeInfo)
    {
        var lots = new List<string>();
        if (string.IsNullOrEmpty(codeInfo))
            return lots;
        foreach (Match marker in LotMarker().Matches(codeInfo))
        {
            var at = marker.Index + marker.Length;
            while (true)
            {
                var item = LotItem().Match(codeInfo, at);
                if (!item.Success || item.Index != at)
                    break;
                var lot = item.Groups["lot"].Value.ToUpperInvariant();
                if (!lot.Any(char.IsAsciiDigit) || lot.Length > 40)
                    break;
                if (!lots.Contains(lot, StringComparer.Ordinal))
                    lots.Add(lot);
                at = item.Index + item.Length;
                var separator = LotSeparator().Match(codeInfo, at);
                if (!separator.Success || separator.Index != at)
                    break;
                at += separator.Length;
            }
        }

        return lots;
    }

    /// <summary>
    /// The names to look the product up by, normalised: each name as given, its ingredient-key form for a
    /// combination ("hydrocodone bitartrate and acetaminophen" → "acetaminophen + hydrocodone") and without salt words.
    /// </summary>
    public static IEnumerable<string> NameKeys(string name)
    {
        var normalized = SearchText.Normalize(name);
        if (normalized.Length == 0)
            yield break;
        yield return normalized;

        var parts = CombinationSeparator().Split(name)
            .Select(p => string.Join(' ', SearchText.Normalize(p).Split(' ').Where(w => !SaltWords.Contains(w))))
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (parts.Count > 0)
        {
            var key = string.Join(" + ", parts);
            if (key != normalized)
                yield return key;
        }
    }

    /// <summary>
    /// The product's name as product_description starts: the words before the first comma, digit or bracket, less
    /// the dosage-form words that end it ("Clarithromycin Tablets, USP, 500 mg" → "Clarithromycin"). Empty when
    /// nothing name-like is left.
    /// </summary>
    public static string LeadingName(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
            return "";
        // "Moxifloxacin 0.5% + Dexamethasone 0.1%": the words before the strength name only one part of a
        // combination, and a single-ingredient drug is not what was recalled.
        var clauseEnd = description.AsSpan().IndexOfAny(ClauseEnd);
        if (description.AsSpan(0, clauseEnd < 0 ? description.Length : clauseEnd).Contains('+'))
            return "";
        var end = description.AsSpan().IndexOfAny(NameEnd);
        var head = end < 0 ? description : description[..end];
        var words = SearchText.Normalize(head).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var cut = words.FindIndex(FormWords.Contains);
        if (cut >= 0)
            words = words[..cut];
        return words.Count is > 0 and <= 6 ? string.Join(' ', words) : "";
    }

    [GeneratedRegex(@"(?<![\d-])\d{4,5}-\d{3,4}-\d{1,2}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex DashedNdc();

    [GeneratedRegex(@"\blots?\b\s*(?:numbers?\b|nos?\b\.?|#\s*'?s?|\(s\))?\s*[:#.]?\s*(?=[a-z0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LotMarker();

    [GeneratedRegex(@"\G(?<lot>[a-z0-9][a-z0-9-]{1,38}[a-z0-9])(?=$|[\s,;&.)])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LotItem();

    [GeneratedRegex(@"\G\s*(?:,|&|\band\b)\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LotSeparator();

    [GeneratedRegex(@"\s+and\s+|\s*[,/;]\s*|\s+\+\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CombinationSeparator();
}
