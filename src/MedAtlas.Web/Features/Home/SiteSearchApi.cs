using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Home;

internal sealed record SuggestionItem(string Title, string Path, string Kind);

internal static class SiteSearchApi
{
    public static RouteGroupBuilder MapSiteSearchApi(this RouteGroupBuilder group)
    {
        group.MapGet("/suggest", SuggestAsync)
            .WithName("SuggestSiteSearch")
            .WithSummary("Suggestions for the site search box")
            .WithDescription("Up to 8 drugs, supplements, conditions or pages whose names match what was typed so far, best first. Typo tolerant.");
        return group;
    }

    private static async Task<Results<Ok<SuggestionItem[]>, ValidationProblem>> SuggestAsync(string? q, SiteSearch search, CancellationToken cancellationToken)
    {
        if (SiteSearch.Validate(q) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [problem] });

        var hits = await search.SearchAsync(q!, 8, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new SuggestionItem(h.Title, h.Path, h.Kind)).ToArray());
    }
}
