using System.Net;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>
/// What changed between two versions of someone's text, word by word, as encoded HTML: removed words in
/// <c>&lt;del&gt;</c>, added words in <c>&lt;ins&gt;</c>, the rest as it was. For history pages (a review's versions;
/// later posts and answers), so an author and a moderator see an edit at a glance.
/// </summary>
internal static class TextDiff
{
    public static string ToHtml(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var segments = new List<(char Op, string Text)>();
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
                segments.Add(('=', result.PiecesOld[a]));
            segments.AddRange(result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA).Select(p => ('-', p)));
            segments.AddRange(result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB).Select(p => ('+', p)));
            a = block.DeleteStartA + block.DeleteCountA;
        }

        for (; a < result.PiecesOld.Count; a++)
            segments.Add(('=', result.PiecesOld[a]));

        // Word by word, the spaces between two changed words match and would cut one change into many; a change runs
        // on across them, so a rewritten sentence reads as one struck-out and one added phrase.
        var html = new StringBuilder();
        var removed = new StringBuilder();
        var added = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            var (op, text) = segments[i];
            var between = op == '=' && string.IsNullOrWhiteSpace(text) && removed.Length + added.Length > 0
                && i + 1 < segments.Count && segments[i + 1].Op != '=';
            if (op == '-' || between)
                removed.Append(text);
            if (op == '+' || between)
                added.Append(text);
            if (op != '=' || between)
                continue;
            Flush(html, removed, added);
            html.Append(WebUtility.HtmlEncode(text));
        }

        Flush(html, removed, added);
        return html.ToString();
    }

    private static void Flush(StringBuilder html, StringBuilder removed, StringBuilder added)
    {
        if (removed.Length > 0)
            Wrap(html, "del", "removed", removed.ToString());
        if (added.Length > 0)
            Wrap(html, "ins", "added", added.ToString());
        removed.Clear();
        added.Clear();
    }

    // Screen readers do not announce <ins> and <del>; the hidden words say which is which.
    private static void Wrap(StringBuilder html, string tag, string spoken, string text) =>
        html.Append('<').Append(tag).Append("><span class=\"visually-hidden\">[").Append(spoken).Append(": </span>")
            .Append(WebUtility.HtmlEncode(text))
            .Append("<span class=\"visually-hidden\">]</span></").Append(tag).Append('>');
}

/// <summary>One row of a side-by-side diff: the old line and the new line (either null where the other side added or removed one).</summary>
internal sealed record DiffRow(string? Old, string? New, bool Changed);

/// <summary>Line-by-line, side-by-side comparison (DiffPlex), for editorial revision history.</summary>
internal static class SideBySideDiff
{
    public static IReadOnlyList<DiffRow> Lines(string before, string after)
    {
        var model = DiffPlex.DiffBuilder.SideBySideDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        var rows = new List<DiffRow>(Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count));
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            string? Text(DiffPlex.DiffBuilder.Model.DiffPiece? piece) =>
                piece is null || piece.Type == DiffPlex.DiffBuilder.Model.ChangeType.Imaginary ? null : piece.Text ?? "";
            var changed = old?.Type is not DiffPlex.DiffBuilder.Model.ChangeType.Unchanged || @new?.Type is not DiffPlex.DiffBuilder.Model.ChangeType.Unchanged;
            rows.Add(new DiffRow(Text(old), Text(@new), changed));
        }

        return rows;
    }
}
