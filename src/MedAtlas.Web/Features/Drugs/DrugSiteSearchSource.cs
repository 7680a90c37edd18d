using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>
/// Puts drugs and conditions into the site search box and its suggestions. A search that names a condition
/// ("heartburn") also lists the medicines used for it, right after the condition.
/// </summary>
internal sealed class DrugSiteSearchSource(DrugSearchIndex index, IServiceScopeFactory scopes) : ISiteSearchSource
{
    private const int DrugsPerCondition = 20;

    public async Task<IReadOnlyList<SiteSearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var matches = await index.SearchAsync(query, limit, cancellationToken);
        var hits = matches.Select(ToHit).ToList();

        // Only a condition the query plainly names brings its drugs; a typo guess or a word inside a longer name does not.
        var named = matches.FirstOrDefault(m => m.Target.Type == SearchTargetType.Condition && m.Quality is MatchQuality.Exact or MatchQuality.Prefix);
        if (named is not null && limit >= 50)
        {
            await using var scope = scopes.CreateAsyncScope();
            var links = scope.ServiceProvider.GetRequiredService<DrugLinks>();
            var drugs = (await links.ForConditionsAsync([named.Target.Slug], cancellationToken)).GetValueOrDefault(named.Target.Slug) ?? [];
            var rank = 0;
            foreach (var drug in drugs.Take(DrugsPerCondition))
            {
                hits.Add(new SiteSearchHit(
                    drug.Name, $"/drugs/{drug.Slug}", DrugKinds.Label(drug.Kind),
                    $"{(drug.Use == ConditionUse.OnLabel ? "FDA-approved" : "Commonly used")} for {named.Target.Name.ToLowerInvariant()}" +
                        (drug.BrandNames.Count > 0 ? $". Brands: {string.Join(", ", drug.BrandNames)}" : ""),
                    named.Score - 1 - (rank++ * 0.01)));
            }
        }

        return [.. hits.GroupBy(h => h.Path).Select(g => g.MaxBy(h => h.Score)!)];
    }

    private static SiteSearchHit ToHit(SearchMatch m) => new(
        Title: m.Target.Name,
        Path: m.Target.Type == SearchTargetType.Drug ? $"/drugs/{m.Target.Slug}" : $"/conditions/{m.Target.Slug}",
        Kind: m.Target.Type == SearchTargetType.Drug ? DrugKinds.Label(m.Target.Kind!.Value) : "Condition",
        Snippet: Snippet(m),
        Score: m.Score,
        IsCorrection: m.Quality == MatchQuality.Typo);

    private static string? Snippet(SearchMatch m)
    {
        var matched = string.Equals(m.MatchedOn, m.Target.Name, StringComparison.OrdinalIgnoreCase) ? null : $"Matched “{m.MatchedOn}”";
        var brands = m.Target.BrandNames.Count > 0 ? "Brands: " + string.Join(", ", m.Target.BrandNames.Take(4)) : null;
        var parts = new[] { matched, brands }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(". ", parts);
    }
}
