namespace MedAtlas.Web.Infrastructure.Text;

/// <summary>The first words of a text on one line (a list row, a mail, a page description): whitespace runs made one space, cut at a word.</summary>
internal static class TextExcerpt
{
    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary, with an ellipsis when cut.</summary>
    public static string Of(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
            return flat;
        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', ';', '.', ' ') + "…";
    }
}
