namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>One hit on the site-wide search page.</summary>
/// <param name="IsCorrection">The hit matched only after forgiving a typo: the page offers it as "Did you mean".</param>
internal sealed record SiteSearchHit(string Title, string Path, string Kind, string? Snippet, double Score, bool IsCorrection = false);

/// <summary>
/// Each feature that has something to find (drugs, conditions, articles) contributes hits to the site search
/// box. The search page asks every source and merges by score.
/// </summary>
internal interface ISiteSearchSource
{
    Task<IReadOnlyList<SiteSearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken);
}
