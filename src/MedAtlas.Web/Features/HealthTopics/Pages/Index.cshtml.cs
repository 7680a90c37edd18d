using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.HealthTopics.Pages;

[PublicCache("lang")]
internal sealed class IndexModel(HealthTopicCatalog catalog) : PageModel
{
    public bool Spanish { get; private set; }

    public IReadOnlyList<IGrouping<string, HealthTopicLink>> ByLetter { get; private set; } = [];

    public async Task OnGetAsync(string? lang, CancellationToken cancellationToken)
    {
        Spanish = string.Equals(lang, "es", StringComparison.OrdinalIgnoreCase);
        var topics = await catalog.ListAsync(Spanish ? HealthTopicCatalog.Spanish : HealthTopicCatalog.English, cancellationToken);
        ByLetter = [.. topics.GroupBy(t => Letter(t.Title))];
    }

    /// <summary>"Úlceras" files under U; a title starting with a digit under "0–9".</summary>
    private static string Letter(string title)
    {
        var first = MedAtlas.Web.Infrastructure.Text.SearchText.Normalize(title);
        return first.Length == 0 || !char.IsAsciiLetter(first[0]) ? "0–9" : char.ToUpperInvariant(first[0]).ToString();
    }
}
