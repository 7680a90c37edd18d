using System.Text;
using System.Text.RegularExpressions;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// How names from FDA files are written in the catalogue. Drugs@FDA writes everything in capitals and some SPL
/// labels do too; both importers put a brand into the same readable case, so a brand reads the same whichever
/// source brought it.
/// </summary>
internal static partial class ProductNameCase
{
    /// <summary>A name its maker wrote in mixed case stays as written ("TRIAMINIC Childrens Night Time"); one written all in capitals or all in lower case is put in readable case.</summary>
    public static string Readable(string name)
    {
        var trimmed = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed.Any(char.IsUpper) && trimmed.Any(char.IsLower) ? trimmed : Shouted(trimmed);
    }

    // Short words that are pronounced as words in brand names (Lo Loestrin Fe, K-Dur, Slo-Bid), not spelled out (XR, ODT, HCT).
    private static readonly HashSet<string> ShortWords =
    [
        "lo", "no", "jr", "fe", "co", "day", "neo", "tri", "pen", "mix", "kit", "low", "one", "two", "tab", "gel", "pro", "pak",
        "dur", "con", "duo", "ten", "cap", "sol", "soy", "rex", "bid", "azo", "max", "men", "aid", "eye", "ear", "oil", "rub",
        "gum", "ice", "hot", "uni", "bio", "jet", "fit", "tears", "flu", "sun", "top", "air",
    ];

    private static readonly HashSet<string> LowerWords = ["and", "in", "of", "with", "w", "o", "for", "or", "the", "to", "on", "per"];

    /// <summary>
    /// FDA's capitals as a brand is written: "LIPITOR" gives "Lipitor", "KLOR-CON M20" "Klor-Con M20", "MS CONTIN" "MS Contin",
    /// "TYLENOL W/ CODEINE" "Tylenol w/ Codeine". Letters-only words of up to three letters, or without vowels, are read as
    /// abbreviations and stay capitals.
    /// </summary>
    private static string Shouted(string name)
    {
        var text = new StringBuilder(name.Length);
        var at = 0;
        foreach (var match in WordPattern().EnumerateMatches(name))
        {
            text.Append(name, at, match.Index - at);
            text.Append(Case(name.Substring(match.Index, match.Length), first: at == 0));
            at = match.Index + match.Length;
        }

        text.Append(name, at, name.Length - at);
        return text.ToString();

        static string Case(string word, bool first)
        {
            var lower = word.ToLowerInvariant();
            var letters = lower.Replace("'", "", StringComparison.Ordinal);
            if (letters.Any(char.IsAsciiDigit))
                return word.ToUpperInvariant();
            if (letters == "hcl")
                return "HCl";
            if (!first && LowerWords.Contains(letters))
                return lower;
            if (ShortWords.Contains(letters))
                return char.ToUpperInvariant(lower[0]) + lower[1..];
            if (letters.Length <= 3 || !letters.Any(c => "aeiouy".Contains(c, StringComparison.Ordinal)))
                return word.ToUpperInvariant();
            return char.ToUpperInvariant(lower[0]) + lower[1..];
        }
    }

    /// <summary>"ATORVASTATIN CALCIUM" gives "atorvastatin calcium", as the catalogue writes other names; "VITAMIN A PALMITATE" keeps its A.</summary>
    public static string Ingredient(string activeIngredient)
    {
        var text = new StringBuilder(activeIngredient.Length);
        var at = 0;
        foreach (var match in WordPattern().EnumerateMatches(activeIngredient))
        {
            text.Append(activeIngredient, at, match.Index - at);
            var word = activeIngredient.Substring(match.Index, match.Length);
            text.Append(word.Length <= 2 || word.Any(char.IsAsciiDigit) ? word.ToUpperInvariant() : word.ToLowerInvariant());
            at = match.Index + match.Length;
        }

        text.Append(activeIngredient, at, activeIngredient.Length - at);
        return text.ToString().Trim();
    }
    [GeneratedRegex(@"[A-Za-z0-9]+(?:'[A-Za-z]+)?")]
    private static partial Regex WordPattern();
}
