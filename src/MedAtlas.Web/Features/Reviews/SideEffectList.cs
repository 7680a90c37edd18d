using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>A side effect a reviewer can tick: as the monograph lists it, and whether it is in the serious list.</summary>
internal sealed record ListedSideEffect(string Label, bool Serious);

/// <summary>
/// The side effects a drug's monograph lists, as labels for the review form's checkboxes: the bullet items of its
/// "Common side effects" and "Serious side effects" sections (Markdown), as plain text. A serious item is a whole
/// instruction ("Signs of a serious allergic reaction: hives, swelling … Get emergency help (call 911).") and is
/// shortened to its first clause ("Signs of a serious allergic reaction"), which is what a reviewer ticks and what
/// the counts group by. Sections written as prose (no bullets) give no items: the reviewer uses the free text.
/// </summary>
internal sealed partial class SideEffectList
{
    /// <summary>Longer labels are cut at a word: a checkbox label, and the key column is 200 characters.</summary>
    public const int LabelMaxLength = 150;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UseListExtras().Build();

    // A lead-in that sets the scene rather than names the effect: "In children: …", "During or after stopping: …".
    private static readonly string[] SceneWords = ["in", "during", "after", "before", "when", "while", "if", "with", "on", "by", "for", "at"];

    private SideEffectList(IReadOnlyList<ListedSideEffect> common, IReadOnlyList<ListedSideEffect> serious)
    {
        Common = common;
        Serious = serious;
    }

    public IReadOnlyList<ListedSideEffect> Common { get; }

    public IReadOnlyList<ListedSideEffect> Serious { get; }

    public IEnumerable<ListedSideEffect> All => Common.Concat(Serious);

    /// <summary>The lists from the two sections' Markdown (either may be null). A label in both lists counts as serious only.</summary>
    public static SideEffectList Parse(string? commonMarkdown, string? seriousMarkdown)
    {
        var serious = Distinct(Items(seriousMarkdown).Select(FirstClause), true, []);
        var seriousKeys = serious.Select(s => Key(s.Label)).ToHashSet(StringComparer.Ordinal);
        var common = Distinct(Items(commonMarkdown), false, seriousKeys);
        return new SideEffectList(common, serious);
    }

    /// <summary>The listed side effect with this label (case and spacing aside, as the store's key compares), or null.</summary>
    public ListedSideEffect? Find(string? label) =>
        string.IsNullOrWhiteSpace(label) ? null : All.FirstOrDefault(s => Key(s.Label) == Key(label));

    /// <summary>The text of each top-level bullet item (its first paragraph), without any Markdown syntax.</summary>
    public static IReadOnlyList<string> Items(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return [];
        var items = new List<string>();
        foreach (var list in Markdown.Parse(markdown, Pipeline).OfType<ListBlock>())
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (item.OfType<ParagraphBlock>().FirstOrDefault() is not { Inline: { } inline })
                    continue;
                var text = new StringBuilder();
                AppendText(inline, text);
                var plain = Spaces().Replace(text.ToString(), " ").Trim();
                if (plain.Length > 0)
                    items.Add(plain);
            }
        }

        return items;
    }

    /// <summary>
    /// The item up to the end of its first sentence, and before a colon that follows a name ("Liver problems: yellow
    /// skin …" is "Liver problems"; "In children: more drooling" keeps its lead-in). Never ends in a full stop.
    /// </summary>
    public static string FirstClause(string item)
    {
        var clause = SentenceEnd().Match(item) is { Success: true } end ? item[..end.Index] : item;
        var colon = clause.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var lead = clause[..colon].Trim();
            var firstWord = lead.Split(' ', 2)[0].ToLowerInvariant();
            if (!SceneWords.Contains(firstWord))
                clause = lead;
        }

        return Shorten(clause.Trim().TrimEnd('.', ';', ',', ':').Trim());
    }

    private static string Shorten(string label)
    {
        if (label.Length <= LabelMaxLength)
            return label;
        var cut = label.LastIndexOf(' ', LabelMaxLength - 1);
        return (cut > 0 ? label[..cut] : label[..(LabelMaxLength - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }

    private static List<ListedSideEffect> Distinct(IEnumerable<string> labels, bool serious, HashSet<string> skip)
    {
        var seen = new HashSet<string>(skip, StringComparer.Ordinal);
        var list = new List<ListedSideEffect>();
        // A list that continues its lead-in ("You have: - chest pain …") starts its items in lower case; a label stands alone.
        foreach (var label in labels.Select(l => Shorten(l.Length > 0 ? char.ToUpperInvariant(l[0]) + l[1..] : l)))
        {
            if (label.Length > 0 && seen.Add(Key(label)))
                list.Add(new ListedSideEffect(label, serious));
        }

        return list;
    }

    /// <summary>How two spellings of one label compare: the store's key.</summary>
    private static string Key(string label) => ReviewStore.SideEffectKey(label);

    private static void AppendText(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case ContainerInline inner:
                    AppendText(inner, text);
                    break;
            }
        }
    }

    // A semicolon, or a full stop that ends a sentence: followed by a capital (or the end), so "C. difficile" stays whole.
    [GeneratedRegex(@";|\.(?=\s+[A-Z(]|\s*$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
