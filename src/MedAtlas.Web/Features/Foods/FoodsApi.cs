using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Foods;

internal sealed record FoodHitResponse(string Id, string Name, string Group, double? KcalPer100g);

internal sealed record FoodPortionResponse(int Seq, string Label, double Grams);

/// <summary>The seven figures per 100 g of the edible part; null where USDA has no value (not measured is not zero).</summary>
internal sealed record FoodFiguresResponse(double? Kcal, double? CarbsG, double? ProteinG, double? FatG, double? FibreG, double? SodiumMg, double? SugarsG);

internal sealed record FoodResponse(
    string Id, string Name, string Group, string? CommonNames, IReadOnlyList<FoodPortionResponse> Portions, FoodFiguresResponse Per100g, string Source);

/// <summary><c>/api/v1/foods</c>: food search and one food's measures and figures, public (catalogue data only).</summary>
internal static class FoodsApi
{
    public const int MaxSearchLimit = 50;
    public const int MaxQueryLength = 200;

    /// <summary>The citation USDA asks for, given with every figure.</summary>
    public const string Source =
        "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. USDA National Nutrient Database for Standard Reference, Release 28.";

    public static RouteGroupBuilder MapFoodsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", SearchAsync).WithName("SearchFoods").WithSummary("Find foods by name, typos forgiven")
            .WithDescription("Best first; every word must match, in any order, and the last may be the start of a word. limit 1 to 50 (default 20). kcalPer100g is null where USDA has no energy value.");
        group.MapGet("/{id}", GetAsync).WithName("GetFood").WithSummary("One food: its household measures and seven figures per 100 g")
            .WithDescription("id is the USDA NDB number, five digits (\"09040\" is Bananas, raw). An unknown or malformed id answers 404. A figure is null where USDA has no value.");
        return group;
    }

    private static async Task<Results<Ok<FoodHitResponse[]>, ValidationProblem>> SearchAsync(
        string? q, int? limit, FoodCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
            errors["q"] = ["Type what to search for: a food's name, such as banana or greek yogurt."];
        else if (q.Length > MaxQueryLength)
            errors["q"] = [$"Keep the search to {MaxQueryLength} characters or fewer."];
        if (limit is < 1 or > MaxSearchLimit)
            errors["limit"] = [$"limit is 1 to {MaxSearchLimit}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var hits = await catalog.SearchAsync(q!, limit ?? 20, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new FoodHitResponse(h.Id, h.Name, h.GroupName, h.KcalPer100g)).ToArray());
    }

    private static async Task<Results<Ok<FoodResponse>, ProblemHttpResult>> GetAsync(string id, FoodCatalog catalog, CancellationToken cancellationToken)
    {
        var food = id.Length == 5 && id.All(char.IsAsciiDigit) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (food is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Food not found",
                detail: $"No food '{(id.Length > 20 ? id[..20] : id)}'. Ids are USDA NDB numbers of five digits; find one with GET /api/v1/foods?q=banana.");
        }

        var f = food.Per100g;
        return TypedResults.Ok(new FoodResponse(
            food.Id, food.Name, food.GroupName, food.CommonNames,
            [.. food.Portions.Select(p => new FoodPortionResponse(p.Seq, p.Label, p.Grams))],
            new FoodFiguresResponse(f.Kcal, f.CarbsG, f.ProteinG, f.FatG, f.FibreG, f.SodiumMg, f.SugarsG),
            Source));
    }
}
