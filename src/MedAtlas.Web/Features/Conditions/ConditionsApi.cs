using Microsoft.AspNetCore.Http.HttpResults;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions;

internal sealed record Icd10CodeResponse(string Code, string Title);

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
}
