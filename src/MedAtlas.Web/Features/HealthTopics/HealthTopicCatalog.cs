using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthTopics;

/// <summary>A topic's title and page, for lists and links.</summary>
internal sealed record HealthTopicLink(string Slug, string Title, string Language);

/// <summary>A topic page: the topic, its related topics that were imported, its other-language version, its links by category.</summary>
internal sealed record HealthTopicView(
    HealthTopic Topic,
    IReadOnlyList<HealthTopicLink> Related,
    HealthTopicLink? OtherLanguage,
    IReadOnlyList<(string Category, IReadOnlyList<HealthTopicSite> Sites)> LinksByCategory,
    IReadOnlyList<HealthTopicLink> Conditions);

/// <summary>Reads the imported MedlinePlus topics.</summary>
internal sealed class HealthTopicCatalog(MedAtlasDbContext db, ConditionCatalog conditions)
{
    public const string English = "English";
    public const string Spanish = "Spanish";

    public async Task<IReadOnlyList<HealthTopicLink>> ListAsync(string language, CancellationToken cancellationToken)
    {
        var topics = await db.Set<HealthTopic>().AsNoTracking()
            .Where(t => t.Language == language)
            .Select(t => new HealthTopicLink(t.Slug, t.Title, t.Language))
            .ToListAsync(cancellationToken);
        // Sorted here, not in SQL, on the title without accents or case ("Úlceras" with the U's): the app runs with
        // invariant globalization, and both databases then order the same way.
        return [.. topics.OrderBy(t => SearchText.Normalize(t.Title), StringComparer.Ordinal).ThenBy(t => t.Title, StringComparer.Ordinal)];
    }

    public async Task<HealthTopicView?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var topics = db.Set<HealthTopic>().AsNoTracking();
        var topic = await topics.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (topic is null)
            return null;

        var linked = topic.RelatedTopicIds.Concat(topic.OtherLanguageId is { } other ? [other] : []).ToList();
        var found = await topics.Where(t => linked.Contains(t.MedlinePlusId))
            .Select(t => new { t.MedlinePlusId, Link = new HealthTopicLink(t.Slug, t.Title, t.Language) })
            .ToDictionaryAsync(t => t.MedlinePlusId, t => t.Link, cancellationToken);
        var related = topic.RelatedTopicIds.Where(found.ContainsKey).Select(id => found[id]).ToList();

        // Categories in the file's order, "Start Here" first; a link listed under two categories shows under both.
        var byCategory = topic.Sites
            .SelectMany(s => s.Categories.Where(HealthTopicSite.IsShown).Select(c => (Category: c, Site: s)))
            .GroupBy(x => x.Category, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key.Equals("Start Here", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(g => (g.Key, (IReadOnlyList<HealthTopicSite>)[.. g.Select(x => x.Site).OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase)]))
            .ToList();

        return new HealthTopicView(topic, related,
            topic.OtherLanguageId is { } otherId ? found.GetValueOrDefault(otherId) : null, byCategory,
            await ConditionsAsync(topic, cancellationToken));
    }

    /// <summary>
    /// The catalogue's conditions this topic is about: those whose name or a synonym is the topic's title or one of its
    /// "also called" names, compared without case or accents ("High Blood Pressure" is "High blood pressure"; "Hardening
    /// of the Arteries" names coronary artery disease by its synonym). English topics only: the catalogue's names are
    /// English. Slug is the condition's slug, Title its name.
    /// </summary>
    private async Task<IReadOnlyList<HealthTopicLink>> ConditionsAsync(HealthTopic topic, CancellationToken cancellationToken)
    {
        if (topic.Language != English)
            return [];
        var names = new[] { topic.Title }.Concat(topic.AlsoCalled).Select(SearchText.Normalize).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        return [.. (await conditions.NamesAsync(cancellationToken))
            .Where(c => names.Contains(SearchText.Normalize(c.Name)) || c.Synonyms.Any(s => names.Contains(SearchText.Normalize(s))))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new HealthTopicLink(c.Slug, c.Name, English))];
    }
}
