using System.Text.RegularExpressions;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>
/// National Drug Codes. A package NDC is printed in one of three 10-digit shapes (4-4-2, 5-3-2, 5-4-1: labeler,
/// product, package); the 11-digit 5-4-2 form pads the short part with a zero so every shape compares alike.
/// Ten digits without dashes cannot be padded (the split is unknown), so they are refused rather than guessed.
/// </summary>
internal static partial class Ndc
{
    /// <summary>The 11-digit form ("00071015523"), or null when <paramref name="text"/> is not a package NDC.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = text.Trim();
        if (ElevenDigits().IsMatch(value))
            return value;

        var m = Dashed().Match(value);
        if (!m.Success)
            return null;
        var (labeler, product, package) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        return (labeler.Length, product.Length, package.Length) switch
        {
            (4, 4, 2) => "0" + labeler + product + package,
            (5, 3, 2) => labeler + "0" + product + package,
            (5, 4, 1) => labeler + product + "0" + package,
            (5, 4, 2) => labeler + product + package,
            _ => null,
        };
    }

    /// <summary>
    /// A product code (labeler and product, no package: "0071-0155", "12345-678") as the 9 digits the 11-digit form
    /// starts with, or null when it is not one. 4-4 and 5-3 are padded like the package forms; 5-4 is already whole.
    /// </summary>
    public static string? NormalizeProduct(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = text.Trim();
        if (NineDigits().IsMatch(value))
            return value;

        var m = DashedProduct().Match(value);
        if (!m.Success)
            return null;
        var (labeler, product) = (m.Groups[1].Value, m.Groups[2].Value);
        return (labeler.Length, product.Length) switch
        {
            (4, 4) => "0" + labeler + product,
            (5, 3) => labeler + "0" + product,
            (5, 4) => labeler + product,
            _ => null,
        };
    }

    /// <summary>The 11-digit form shown as 5-4-2 ("00071-0155-23").</summary>
    public static string Display(string normalized) =>
        normalized.Length == 11 ? $"{normalized[..5]}-{normalized[5..9]}-{normalized[9..]}" : normalized;

    [GeneratedRegex(@"^\d{11}$", RegexOptions.CultureInvariant)]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(@"^(\d{4,5})-(\d{3,4})-(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Dashed();

    [GeneratedRegex(@"^\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"^(\d{4,5})-(\d{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DashedProduct();
}
