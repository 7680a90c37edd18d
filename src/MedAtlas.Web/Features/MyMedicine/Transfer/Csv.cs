using System.Text;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// RFC 4180 in both directions: comma-separated fields, a field quoted when it holds the separator, a quote or a
/// line break, quotes doubled inside, CRLF between records. Small on purpose: a medicine list is at most a megabyte.
/// Cells that a spreadsheet would run as a formula are defused on the way out (a leading quote) and restored on the
/// way in, so a note like "=HYPERLINK(...)" stays text in Excel and comes back as typed.
/// </summary>
internal static class Csv
{
    /// <summary>What spreadsheets treat as the start of a formula (OWASP's CSV injection list).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static void WriteRecord(StringBuilder output, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
                output.Append(',');
            first = false;
            WriteField(output, Defuse(field ?? ""));
        }

        output.Append("\r\n");
    }

    /// <summary>A cell a spreadsheet would evaluate gets a leading apostrophe, which shows it as text.</summary>
    public static string Defuse(string value) =>
        value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>Undoes <see cref="Defuse"/>: an apostrophe before a formula character was ours (or the spreadsheet's).</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;

    private static void WriteField(StringBuilder output, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Append(value);
            return;
        }

        output.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>
    /// The records of <paramref name="text"/>, each a list of fields; a quoted field may span lines. Line breaks may be
    /// CRLF, LF or CR. <paramref name="unclosedQuoteLine"/> is the line of a quote that never closes (the rest of the
    /// file is then one field, so nothing after it can be trusted), or null.
    /// </summary>
    public static List<List<string>> Parse(string text, char separator, out int? unclosedQuoteLine)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var quoted = false;
        var quoteLine = 0;
        var atFieldStart = true;
        unclosedQuoteLine = null;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                        line++;
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && atFieldStart)
            {
                quoted = true;
                quoteLine = line;
                atFieldStart = false;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
                atFieldStart = true;
                line++;
            }
            else
            {
                // A quote inside an unquoted field is kept as written (Excel does the same), not an error.
                field.Append(c);
                atFieldStart = false;
            }
        }

        if (quoted)
        {
            unclosedQuoteLine = quoteLine;
            return records;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields);
        }

        return records;
    }
}
