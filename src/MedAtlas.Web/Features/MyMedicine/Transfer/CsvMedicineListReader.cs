using System.Globalization;
using System.Text;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// Reads a medicine list saved as CSV: MedAtlas's own export, or a spreadsheet with some of its columns in any
/// order (the header names them, in any case; only <c>name</c> is required). Every value goes through
/// <see cref="MedicineRules.Check"/>, so a row that this reader accepts is one the list would save. Problems name the
/// spreadsheet row (the header is row 1) and the column, and quote what was found.
/// </summary>
internal sealed class CsvMedicineListReader(TimeProvider time) : IMedicineListReader
{
    private const string FormatName = "CSV";

    /// <summary>A cell quoted in a message is cut to this length: the message is about the cell, not a copy of it.</summary>
    private const int QuoteLength = 40;

    private static readonly string HeaderHint =
        $"The first line must be the header: {string.Join(", ", CsvMedicineList.Columns.Take(6))}, … (only name is required; a CSV exported from MedAtlas has them all).";

    public string Format => FormatName;

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return true;
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return false;
        // A file without the extension (a phone's share sheet may drop it) is taken as CSV when it starts with a header naming "name".
        var text = Encoding.UTF8.GetString(head.StartsWith(Encoding.UTF8.Preamble) ? head[3..] : head);
        var firstLine = text.Split('\n', 2)[0];
        return firstLine.Split([',', ';']).Any(c => Column(c) == "name");
    }

    public async Task<MedicineListFile> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        var bytes = await MedicineListFile.ReadBoundedAsync(file, cancellationToken);
        if (bytes is null)
            return MedicineListFile.Refused(FormatName, TooLarge);
        if (NotTextProblem(bytes) is { } notText)
            return MedicineListFile.Refused(FormatName, notText);

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            return MedicineListFile.Refused(FormatName,
                "This is not a CSV file MedAtlas can read: its text is not UTF-8. In your spreadsheet, save it as “CSV UTF-8” and upload that.");
        }

        var records = Csv.Parse(text, Separator(text), out var unclosed);
        if (unclosed is { } line)
            return MedicineListFile.Refused(FormatName, $"Line {line} opens a quoted value (\") that never closes, so the rest of the file cannot be read. Close the quote, or remove it.");
        if (records.Count == 0 || records[0].All(string.IsNullOrWhiteSpace))
            return MedicineListFile.Refused(FormatName, $"This file is empty. {HeaderHint}");

        if (HeaderProblem(records[0], out var columns) is { } headerProblem)
            return MedicineListFile.Refused(FormatName, headerProblem);

        var rows = records.Select((fields, index) => (Row: index + 1, Fields: fields)).Skip(1).Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (rows.Count == 0)
            return MedicineListFile.Refused(FormatName, "This file has a header but no medicines under it.");
        if (rows.Count > MedicineRules.MaxMedicinesPerProfile)
        {
            return MedicineListFile.Refused(FormatName,
                $"This file lists {rows.Count:N0} medicines; a profile keeps at most {MedicineRules.MaxMedicinesPerProfile}. Split it, or leave out medicines stopped long ago.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new MedicineListFile(FormatName, [.. rows.Select(r => ReadRow(r.Row, r.Fields, columns, today))], null);
    }

    private static string TooLarge =>
        $"This file is larger than {IMedicineListReader.MaxBytes / 1024 / 1024} MB. A medicine list is a few kilobytes: is this the right file?";

    /// <summary>Binary files (a workbook saved as .xlsx, a picture, random bytes) hold zero bytes and control characters that text never does.</summary>
    private static string? NotTextProblem(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith<byte>([0xFF, 0xFE]) || bytes.AsSpan().StartsWith<byte>([0xFE, 0xFF]))
            return "This is not a CSV file MedAtlas can read: it is saved as UTF-16 (“Unicode text”). In your spreadsheet, save it as “CSV UTF-8” and upload that.";
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        var controls = 0;
        foreach (var b in sample)
        {
            if (b == 0)
                return NotCsv;
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
                controls++;
        }

        return controls > 0 && controls * 100 >= sample.Length ? NotCsv : null;
    }

    private const string NotCsv =
        "This is not a CSV file: it holds binary data (a workbook, a picture, or a damaged file). In your spreadsheet, save the list as “CSV UTF-8” and upload that.";

    /// <summary>Spreadsheets in countries that write 2,5 for two and a half save CSV with semicolons; the header line tells which.</summary>
    private static char Separator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>"Dose unit", "DOSE_UNIT" and "dose-unit" are all dose_unit.</summary>
    private static string Column(string header) =>
        string.Join('_', header.Trim().Trim('\uFEFF').ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));

    private static string? HeaderProblem(List<string> header, out Dictionary<string, int> columns)
    {
        columns = [];
        var unknown = new List<string>();
        var repeated = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = Column(header[i]);
            // A spreadsheet often leaves empty columns after the last one; they carry nothing.
            if (name.Length == 0)
                continue;
            if (!CsvMedicineList.Columns.Contains(name))
                unknown.Add(header[i].Trim());
            else if (!columns.TryAdd(name, i))
                repeated.Add(name);
        }

        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(5).Select(u => Quote(u)));
            var more = unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "";
            return $"These columns are not ones MedAtlas reads: {shown}{more}. {HeaderHint}";
        }

        if (repeated.Count > 0)
            return $"The header names {string.Join(", ", repeated.Distinct())} more than once; keep one column of each.";
        if (!columns.ContainsKey("name"))
            return $"The header has no name column. {HeaderHint}";
        return null;
    }

    private static ReadMedicine ReadRow(int row, List<string> fields, Dictionary<string, int> columns, DateOnly today)
    {
        var problems = new List<string>();
        string? Cell(string column)
        {
            if (!columns.TryGetValue(column, out var index) || index >= fields.Count)
                return null;
            var value = Csv.Restore(fields[index].Trim());
            return value.Length == 0 ? null : value;
        }

        decimal? Decimal(string column, string what)
        {
            if (Cell(column) is not { } text)
                return null;
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return value;
            problems.Add($"the {what} {Quote(text)} is not a number (write it like 1 or 2.5).");
            return null;
        }

        int? Whole(string column, string what)
        {
            if (Cell(column) is not { } text)
                return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return value;
            problems.Add($"the {what} {Quote(text)} is not a whole number.");
            return null;
        }

        DateOnly? Date(string column)
        {
            if (Cell(column) is not { } text)
                return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                return value;
            problems.Add($"the {column} {Quote(text)} is not a date written as YYYY-MM-DD (like 2024-03-01).");
            return null;
        }

        string? OneOf(string column, IReadOnlyList<string> allowed, string what)
        {
            if (Cell(column) is not { } text)
                return null;
            var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase) || string.Equals(a + "s", text, StringComparison.OrdinalIgnoreCase));
            if (match is null)
                problems.Add($"the {what} {Quote(text)} is not one MedAtlas knows; use one of: {string.Join(", ", allowed)}.");
            return match;
        }

        var frequency = DoseFrequency.NotStated;
        if (Cell("frequency") is { } often)
        {
            var word = often.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            // Enum.TryParse would also take "3" or "1, 2"; only the words are meant.
            if (!word.All(char.IsAsciiLetter) || !Enum.TryParse(word, ignoreCase: true, out frequency))
            {
                frequency = DoseFrequency.NotStated;
                problems.Add($"the frequency {Quote(often)} is not one of: {string.Join(", ", Enum.GetNames<DoseFrequency>().Skip(1))} (or empty).");
            }
        }

        var drug = Cell("drug");
        if (drug is { Length: > 200 })
        {
            problems.Add($"the drug {Quote(drug)} is too long to be a catalogue name.");
            drug = null;
        }

        var values = new MedicineValues(
            Cell("name"), drug, Cell("strength"), Decimal("dose", "dose"), OneOf("dose_unit", MedicineRules.DoseUnits, "dose_unit"),
            frequency, Whole("frequency_count", "frequency_count"), OneOf("route", MedicineRules.Routes, "route"), Date("start_date"),
            Cell("prescriber"), Cell("pharmacy"), Cell("ndc"), Cell("lot"), Decimal("quantity", "quantity"), Whole("days_supply", "days_supply"),
            Date("end_date"), Whole("remind_days_before", "remind_days_before"), Cell("notes"));
        var status = Status(Cell("status"), Date("stopped_on"), Cell("stop_reason"), values.StartDate, today, problems);

        var (ruleProblems, _) = MedicineRules.Check(values, today);
        foreach (var p in ruleProblems)
        {
            var column = ColumnOf(p.Field);
            problems.Add(Cell(column) is { } found ? $"{column} {Quote(found)}: {p.Message}" : $"{column}: {p.Message}");
        }

        return problems.Count == 0
            ? new ReadMedicine(row, values, null, status)
            : new ReadMedicine(row, null, $"Row {row}: {string.Join(" ", problems.Distinct())}");
    }

    private static ReadStatus? Status(string? text, DateOnly? stoppedOn, string? reason, DateOnly? started, DateOnly today, List<string> problems)
    {
        MedicineStatus status;
        if (text is null)
            status = stoppedOn is null ? MedicineStatus.Active : MedicineStatus.Stopped;
        else if (!Enum.TryParse(text, ignoreCase: true, out status) || !text.All(char.IsAsciiLetter))
        {
            problems.Add($"the status {Quote(text)} is not one of: active, paused, stopped.");
            return null;
        }

        if (stoppedOn is { } day)
        {
            if (status != MedicineStatus.Stopped)
                problems.Add($"stopped_on is for stopped medicines, and this row's status is {status.ToString().ToLowerInvariant()}.");
            else if (day > today.AddDays(1))
                problems.Add($"the stopped_on date {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future.");
            else if (day.Year < ProfileRules.OldestBirthYear)
                problems.Add($"the stopped_on date {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is before {ProfileRules.OldestBirthYear}.");
            else if (started is { } begun && day < begun)
                problems.Add("stopped_on is before the start_date.");
        }

        if (Text.CheckOptional(reason, "stop_reason", MedicineRules.ShortTextMaxLength) is { } p)
            problems.Add($"stop_reason: {p.Message}");
        else if (reason is not null && status == MedicineStatus.Active)
            problems.Add("stop_reason is for paused or stopped medicines, and this row's status is active.");

        return status == MedicineStatus.Active ? null : new ReadStatus(status, status == MedicineStatus.Stopped ? stoppedOn : null, Text.CleanOptional(reason));
    }

    private static string ColumnOf(string field) => field switch
    {
        nameof(MedicineValues.Name) => "name",
        nameof(MedicineValues.DoseAmount) => "dose",
        nameof(MedicineValues.DoseUnit) => "dose_unit",
        nameof(MedicineValues.FrequencyCount) => "frequency_count",
        nameof(MedicineValues.StartDate) => "start_date",
        nameof(MedicineValues.EndDate) => "end_date",
        nameof(MedicineValues.LotNumber) => "lot",
        nameof(MedicineValues.DaysSupply) => "days_supply",
        nameof(MedicineValues.RemindDaysBefore) => "remind_days_before",
        _ => field.ToLowerInvariant(),
    };

    /// <summary>'lots', cut to a readable length and with line breaks shown as spaces.</summary>
    private static string Quote(string value)
    {
        var flat = string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return $"‘{(flat.Length > QuoteLength ? flat[..QuoteLength] + "…" : flat)}’";
    }
}
