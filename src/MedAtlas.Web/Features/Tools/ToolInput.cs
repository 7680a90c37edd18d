using System.Globalization;

namespace MedAtlas.Web.Features.Tools;

/// <summary>Reads what was typed into a number field of a tool's form, so text there gets its own message.</summary>
internal static class ToolInput
{
    /// <summary>A calculator's refusals beside their fields, unless the field already has the reader's own message ("not a number").</summary>
    public static void AddProblems(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, IReadOnlyDictionary<string, string> problems)
    {
        foreach (var (field, message) in problems)
        {
            if (!state.ContainsKey(field) || state[field]!.Errors.Count == 0)
                state.AddModelError(field, message);
        }
    }

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
