using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Interactions;

internal sealed record CheckedDrugResponse(string Input, string Slug, string Name, IReadOnlyList<string> Ingredients);

internal sealed record UnknownDrugResponse(string Input, string? DidYouMean);

internal sealed record SourceSeverityResponse(string Name, string Severity);

internal sealed record InteractionResponse(string A, string B, string Severity, string? Summary, string? Mechanism, string? Management, IReadOnlyList<SourceSeverityResponse> Sources);

internal sealed record DuplicateResponse(string Kind, string Name, IReadOnlyList<string> Drugs, string Summary, string? DailyLimit, string? Management);

internal sealed record FoodResponse(string Drug, string Item, string Severity, string Summary, string? Management);

internal sealed record SourceCheckedResponse(string Name, int Rules);

internal sealed record CheckedConditionResponse(string Input, string Slug, string Name);

/// <summary>A medicine that needs care with one of the conditions asked about; <c>ingredient</c> says which of its ingredients.</summary>
internal sealed record CautionResponse(string Drug, string Ingredient, string Condition, string ConditionName, string Severity, string Summary, string? Management, IReadOnlyList<string> References);

internal sealed record InteractionCheckResponse(
    IReadOnlyList<CheckedDrugResponse> Checked,
    IReadOnlyList<UnknownDrugResponse> Unknown,
    IReadOnlyList<InteractionResponse> Interactions,
    IReadOnlyList<DuplicateResponse> Duplicates,
    IReadOnlyList<FoodResponse> FoodAndAlcohol,
    IReadOnlyList<SourceCheckedResponse> SourcesChecked,
    IReadOnlyList<CheckedConditionResponse> Conditions,
    IReadOnlyList<CautionResponse> ConditionCautions);

internal static class InteractionsApi
{
    public static RouteGroupBuilder MapInteractionsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", CheckAsync)
            .WithName("CheckInteractions")
            .WithSummary("Check a list of medicines for interactions")
            .WithDescription("drugs: comma-separated slugs or names (generic or brand), 1 to 30. Interactions are worst first; each lists every source's own severity. Names not in the catalogue come back in 'unknown' with a suggestion. " +
                "conditions (optional): comma-separated condition slugs or names from /api/v1/conditions, up to 20; 'conditionCautions' then lists, worst first, what the labels say about taking these medicines with them. " +
                "An unknown condition is a 400, not an empty list: no caution must never be read as \"nothing to know\".");
        return group;
    }

    private static async Task<Results<Ok<InteractionCheckResponse>, ValidationProblem>> CheckAsync(string? drugs, string? conditions, InteractionChecker checker, CancellationToken cancellationToken)
    {
        var inputs = Split(drugs);
        if (InteractionChecker.Validate(inputs) is { } problem)
            return Invalid("drugs", problem.Problem);

        var conditionInputs = Split(conditions);
        if (InteractionChecker.ValidateConditions(conditionInputs) is { } conditionProblem)
            return Invalid("conditions", conditionProblem.Problem);

        var (found, unknown) = await checker.ResolveAsync(inputs, cancellationToken);
        if (InteractionChecker.Repeated(found) is { } repeated)
            return Invalid("drugs", repeated.Problem);

        var (foundConditions, unknownConditions) = await checker.ResolveConditionsAsync(conditionInputs, cancellationToken);
        if (unknownConditions.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["conditions"] = [.. unknownConditions.Select(u => InteractionChecker.UnknownCondition(u).Problem)] });

        var report = await checker.CheckAsync(found, unknown, cancellationToken);
        var cautions = await checker.CautionsAsync([.. found.Select(f => f.Drug)], [.. foundConditions.Select(c => c.Slug)], cancellationToken);
        return TypedResults.Ok(new InteractionCheckResponse(
            [.. report.Checked.Select(c => new CheckedDrugResponse(c.Input, c.Drug.Slug, c.Drug.Name, c.Drug.Ingredients))],
            [.. report.Unknown.Select(u => new UnknownDrugResponse(u.Input, u.DidYouMeanSlug))],
            [.. report.Interactions.Select(i => new InteractionResponse(i.A.Slug, i.B.Slug, InteractionSources.SeverityCode(i.Severity), i.Summary, i.Mechanism, i.Management,
                [.. i.Sources.Select(s => new SourceSeverityResponse(s.Name, InteractionSources.SeverityCode(s.Severity)))]))],
            [.. report.Duplicates.Select(d => new DuplicateResponse(d.Kind == DuplicateKind.Ingredient ? "ingredient" : "class", d.TargetName, [.. d.Drugs.Select(x => x.Slug)], d.Summary, d.DailyLimit, d.Management))],
            [.. report.FoodAndAlcohol.Select(f => new FoodResponse(f.Drug.Slug, f.Item, InteractionSources.SeverityCode(f.Severity), f.Summary, f.Management))],
            [.. report.SourcesChecked.Select(s => new SourceCheckedResponse(s.Name, s.Rules))],
            [.. foundConditions.Select(c => new CheckedConditionResponse(c.Input, c.Slug, c.Name))],
            [.. cautions.Select(c => new CautionResponse(c.Drug.Slug, c.Ingredient, c.ConditionSlug, c.ConditionName, InteractionSources.SeverityCode(c.Severity), c.Summary, c.Management, c.References))]));
    }

    internal static List<string> Split(string? drugs) =>
        (drugs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
