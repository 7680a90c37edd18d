using System.Globalization;
using System.Text;

namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>How names are compared and turned into URLs: case, accents and punctuation do not matter.</summary>
internal static class SearchText
{
    /// <summary>"Tylenol® Extra-Strength" becomes "tylenol extra strength".</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                    builder.Append(' ');
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\'' and not '’' and not '®' and not '™')
            {
                // An apostrophe joins ("st john's wort" = "st johns wort"); anything else separates words.
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>"Hydrocodone and Acetaminophen" becomes "hydrocodone-and-acetaminophen".</summary>
    public static string Slug(string? text) => Normalize(text).Replace(' ', '-');
}
