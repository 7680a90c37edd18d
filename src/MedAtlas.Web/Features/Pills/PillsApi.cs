using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.Pills;

internal sealed record PillDrugResponse(string Slug, string Name);

internal sealed record PillSummaryResponse(
    int Id, string Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score, PillDrugResponse Drug,
    string ProductName, string? Strength, string? Labeler, string? Ndc, string ImageUrl, bool Synthetic, string? Match);

internal sealed record PillListResponse(int Total, int Page, int PageSize, IReadOnlyList<PillSummaryResponse> Items);

internal sealed record PillResponse(
    int Id, string Imprint, IReadOnlyList<string> ImprintBlocks, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score,
    string? Coating, PillDrugResponse Drug, string ProductName, string? Strength, string? Labeler, string? Ndc, IReadOnlyList<string> PackageNdcs,
    string? SetId, string? DailyMedUrl, string ImageUrl, string DrawingUrl, IReadOnlyList<string> Photos, bool Synthetic);

internal static class PillsApi
{
    public const int DefaultPageSize = 24;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapPillsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", SearchAsync).WithName("SearchPills").WithSummary("Identify a pill by imprint, colour, shape and size")
            .WithDescription(
                "imprint: what is printed on the pill, in any case, spacing and side order; part of it is enough. " +
                $"color: SPL colour names ({PillSearchInput.AllowedColors}), repeated or comma-separated; a pill matches when it has every colour given. " +
                $"shape: an SPL shape name ({PillSearchInput.AllowedShapes}). " +
                $"size: longest side in millimetres, {PillSearchInput.MinSizeMm:0} to {PillSearchInput.MaxSizeMm:0}, matched within 1 mm. " +
                $"Give at least one. Exact imprints first, then imprints that start with it, then partial matches ('match'). " +
                $"Paged: page from 1, pageSize up to {MaxPageSize}. imageUrl is the label's photo, or a drawing (image/svg+xml) when there is none. " +
                "synthetic: generated test data, not a real pill.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetPill").WithSummary("One pill: everything its label says about how it looks")
            .WithDescription("dailyMedUrl links to the label the pill comes from. photos are the label's images; drawingUrl is always there.");
        return group;
    }

    private static async Task<Results<Ok<PillListResponse>, ValidationProblem>> SearchAsync(
        string? imprint, [FromQuery] string[]? color, string? shape, string? size, int? page, int? pageSize, PillSearch search, CancellationToken cancellationToken)
    {
        var (query, problems) = PillSearchInput.Parse(imprint, color, shape, size);
        var errors = problems.ToDictionary(p => p.Key, p => new[] { p.Value });
        if (errors.Count == 0 && query.IsEmpty)
            errors["imprint"] = ["Give an imprint, a colour, a shape or a size to search by."];
        if (page is < 1)
            errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var result = await search.SearchAsync(query, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken);
        return TypedResults.Ok(new PillListResponse(result.Total, result.Page, result.PageSize, [.. result.Items.Select(Summary)]));
    }

    private static async Task<Results<Ok<PillResponse>, ProblemHttpResult>> GetAsync(int id, PillCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.GetAsync(id, cancellationToken) is not { } p)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Pill not found", detail: $"No pill {id}. Search with GET /api/v1/pills?imprint=...");

        return TypedResults.Ok(new PillResponse(
            p.Id, p.Imprint, p.ImprintBlocks, p.Colors, p.Shape, p.SizeMm, p.Score, p.Coating, new PillDrugResponse(p.DrugSlug, p.DrugName),
            p.ProductName, p.Strength, p.Labeler, p.ProductNdc, p.PackageNdcs, p.SetId, p.DailyMedUrl, p.PictureUrl, PillUrls.Drawing(p.Id),
            [.. p.Photos.Select(photo => photo.Url)], p.IsSynthetic));
    }

    private static PillSummaryResponse Summary(PillHit hit)
    {
        var p = hit.Pill;
        return new PillSummaryResponse(
            p.Id, p.Imprint, p.Colors, p.Shape, p.SizeMm, p.Score, new PillDrugResponse(p.DrugSlug, p.DrugName), p.ProductName, p.Strength,
            p.Labeler, p.ProductNdc, p.PictureUrl, p.IsSynthetic, hit.Match?.ToString().ToLowerInvariant());
    }
}
