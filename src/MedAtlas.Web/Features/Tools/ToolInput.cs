using System.Globalization;

namespace MedAtlas.Web.Features.Tools;

/// <summary>Reads what was typed into a number field of a tool's form, so text there gets its own message.</summary>
internal static class ToolInput
{
    /// <summary>Null when the field was left empty; a problem when it is not a number.</summary>
    public static (decimal? Value, string? Problem) Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        var trimmed = text.Trim();
        // A comma is a decimal point in much of the world (7,5 mmol/L); thousands separators have no place in these fields.
        if (!trimmed.Contains('.', StringComparison.Ordinal))
            trimmed = trimmed.Replace(',', '.');
        return decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (null, "Enter a number, like 45 or 7.5.");
    }
}
