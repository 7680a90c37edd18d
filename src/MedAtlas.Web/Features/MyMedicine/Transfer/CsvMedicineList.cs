using System.Globalization;
using System.Text;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// A profile's medicines as a CSV file: one header row, then one row per medicine (active, paused and stopped), in
/// the columns <see cref="CsvMedicineListReader"/> reads back. UTF-8 with a byte-order mark, because Excel, which
/// most people will open it with, reads a UTF-8 file without one as the local code page and garbles "é" or "µ";
/// every other spreadsheet and the reader here skip the mark.
/// </summary>
internal static class CsvMedicineList
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "name", "drug", "strength", "dose", "dose_unit", "frequency", "frequency_count", "route", "start_date", "end_date",
        "prescriber", "pharmacy", "ndc", "lot", "quantity", "days_supply", "remind_days_before", "status", "stopped_on",
        "stop_reason", "notes",
    ];

    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<SavedMedicine> medicines)
    {
        var csv = new StringBuilder();
        Csv.WriteRecord(csv, Columns);
        foreach (var m in medicines)
        {
            Csv.WriteRecord(csv,
            [
                m.Name, m.DrugSlug, m.Strength, Number(m.DoseAmount), m.DoseUnit,
                m.Frequency == DoseFrequency.NotStated ? null : m.Frequency.ToString(), Number(m.FrequencyCount), m.Route,
                Date(m.StartDate), Date(m.EndDate), m.Prescriber, m.Pharmacy, m.Ndc is null ? null : Drugs.Ndc.Display(m.Ndc), m.LotNumber,
                Number(m.Quantity), Number(m.DaysSupply), Number(m.RemindDaysBefore), m.Status.ToString().ToLowerInvariant(),
                Date(m.StoppedOn), m.StopReason, m.Notes,
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// "medicines-zoë-2026-03-01.csv": the profile's name in letters and digits only, words joined by hyphens, so no
    /// file system or browser meets a slash, a quote or a control character in it (the header sends it as RFC 5987 UTF-8).
    /// </summary>
    public static string FileName(string profileName, DateOnly today)
    {
        var words = new string([.. profileName.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Join('-', words);
        if (name.Length > 40)
            name = name[..40].TrimEnd('-');
        return $"medicines-{(name.Length == 0 ? "profile" : name)}-{today:yyyy-MM-dd}.csv";
    }

    private static string? Number(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
