using MedAtlas.Web.Features.Drugs;
using Microsoft.AspNetCore.Http.HttpResults;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions;

internal sealed record Icd10CodeResponse(string Code, string Title);

internal sealed record ConditionSummaryResponse(string Slug, string Name, IReadOnlyList<string> Synonyms, int DrugCount);

internal sealed record ConditionListResponse(int Total, int Page, int PageSize, IReadOnlyList<ConditionSummaryResponse> Items);

internal sealed record ConditionDrugResponse(string Slug, string Name, string Kind, string Use, IReadOnlyList<string> BrandNames);

internal sealed record ConditionResponse(
    string Slug, string Name, string? Summary, IReadOnlyList<string> Synonyms, IReadOnlyList<Icd10View> Icd10Codes,
    DateOnly? LastReviewed, IReadOnlyList<ConditionDrugResponse> Drugs);

internal static class ConditionsApi
{
    public static RouteGroupBuilder MapConditionsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/icd10/{code}", GetIcd10CodeAsync)
            .WithName("GetIcd10Code")
            .WithSummary("An ICD-10-CM code and its official title")
            .WithDescription("Accepts the code with or without the dot (E11.65 or E1165). Available once ICD-10-CM has been imported (import icd10cm).");
        return group;
    }

    public static RouteGroupBuilder MapConditionsListApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListConditionsAsync).WithName("ListConditions").WithSummary("Health conditions, A to Z");
        group.MapGet("/{slug}", GetConditionAsync).WithName("GetCondition").WithSummary("A condition and the drugs used for it");
        return group;
    }

    private static async Task<Results<Ok<Icd10CodeResponse>, ValidationProblem, ProblemHttpResult>> GetIcd10CodeAsync(
        string code, MedAtlasDbContext db, CancellationToken cancellationToken)
    {
        if (Icd10Code.Normalize(code) is not { } normalized)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["code"] = ["An ICD-10-CM code is a letter, a digit, then up to five letters or digits, e.g. E11 or E11.65."],
            });
        }

        var found = await db.Set<Icd10Code>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        return found is null
            ? TypedResults.Problem(statusCode: 404, title: "Unknown ICD-10-CM code", detail: $"No code {Icd10Code.Display(normalized)} has been imported.")
            : TypedResults.Ok(new Icd10CodeResponse(Icd10Code.Display(found.Code), found.Title));
    }

    private static async Task<Results<Ok<ConditionListResponse>, ValidationProblem>> ListConditionsAsync(int? page, int? pageSize, ConditionCatalog catalog, CancellationToken cancellationToken)
    {
        if (page is < 1 || pageSize is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [page is < 1 ? "page" : "pageSize"] = [page is < 1 ? "Pages start at 1." : "pageSize is 1 to 200."],
            });
        }

        var (total, items) = await catalog.ListAsync(page ?? 1, pageSize ?? 50, cancellationToken);
        return TypedResults.Ok(new ConditionListResponse(total, page ?? 1, pageSize ?? 50,
            [.. items.Select(c => new ConditionSummaryResponse(c.Slug, c.Name, c.Synonyms, c.DrugCount))]));
    }

    private static async Task<Results<Ok<ConditionResponse>, ProblemHttpResult>> GetConditionAsync(string slug, ConditionCatalog catalog, CancellationToken cancellationToken)
    {
        var c = await catalog.GetAsync(slug, cancellationToken);
        return c is null
            ? TypedResults.Problem(statusCode: 404, title: "Condition not found", detail: $"No condition '{slug}'.")
            : TypedResults.Ok(new ConditionResponse(c.Slug, c.Name, c.Summary, c.Synonyms, c.Icd10Codes, c.LastReviewed,
                [.. c.Drugs.Select(d => new ConditionDrugResponse(d.Slug, d.Name, DrugKinds.Code(d.Kind), d.Use == ConditionUse.OnLabel ? "on-label" : "common", d.BrandNames))]));
    }
}
