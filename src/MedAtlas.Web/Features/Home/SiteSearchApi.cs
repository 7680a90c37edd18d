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
            .WithDescription("Up to 8 drugs, supplements, conditions or pages whose names match what was typed so far, best first. Typo tolerant. kind=drug keeps only drugs and supplements; kind=condition only conditions.");
        return group;
    }

    private static async Task<Results<Ok<SuggestionItem[]>, ValidationProblem>> SuggestAsync(string? q, string? kind, SiteSearch search, CancellationToken cancellationToken)
    {
        if (SiteSearch.Validate(q) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [problem] });

        var prefix = kind switch
        {
            null => "",
            "drug" => "/drugs/",
            "condition" => "/conditions/",
            _ => null,
        };
        if (prefix is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["kind is 'drug', 'condition' or left out."] });

        // Asked for more than shown, so that filtering to one kind still leaves up to 8.
        var hits = await search.SearchAsync(q!, kind is null ? 8 : 24, cancellationToken);
        var shown = hits.Where(h => h.Path.StartsWith(prefix, StringComparison.Ordinal));
        return TypedResults.Ok(shown.Take(8).Select(h => new SuggestionItem(h.Title, h.Path, h.Kind)).ToArray());
    }
}
