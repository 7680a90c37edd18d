using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Home;

/// <summary>Asks every feature's search source and merges the hits, best first.</summary>
internal sealed class SiteSearch(IEnumerable<ISiteSearchSource> sources)
{
    /// <summary>Longer input is not a search a person typed; it is refused with a message rather than run.</summary>
    public const int MaxQueryLength = 200;

    public static string? Validate(string? query) => query switch
    {
        null => "Type a drug, supplement or condition to search for.",
        _ when string.IsNullOrWhiteSpace(query) => "Type a drug, supplement or condition to search for.",
        { Length: > MaxQueryLength } => $"That search is too long. Use at most {MaxQueryLength} characters.",
        _ when !query.Any(char.IsLetterOrDigit) => "Use letters or numbers in your search.",
        _ => null,
    };

    public async Task<IReadOnlyList<SiteSearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var hits = new List<SiteSearchHit>();
        foreach (var source in sources)
            hits.AddRange(await source.SearchAsync(query.Trim(), limit, cancellationToken));

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Title, StringComparer.OrdinalIgnoreCase).Take(limit)];
    }
}
