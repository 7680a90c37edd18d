using System.Text.Json;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Tools;

/// <summary>The bolus calculator's request: glucoseUnit "mg/dL" (the default) or "mmol/L", increment 1, 0.5, 0.1 or 0.05 (default 1).</summary>
internal sealed record BolusRequest(
    decimal? Carbs, decimal? CarbRatio, decimal? CurrentGlucose, decimal? TargetGlucose, decimal? CorrectionFactor,
    string? GlucoseUnit, decimal? InsulinOnBoard, decimal? Increment, decimal? MaxBolus);

/// <summary>doseInWords is the dose as the page shows it ("6.5 units").</summary>
internal sealed record BolusResponse(
    decimal Dose, string DoseInWords, decimal ExactDose, decimal CarbDose, decimal CorrectionDose, decimal InsulinOnBoard, decimal Increment,
    string GlucoseUnit, bool LowGlucose, bool AboveMaxBolus, IReadOnlyList<string> Steps, IReadOnlyList<string> Warnings, string Advice);

/// <summary>The BMI request: units "metric" (weightKg, heightCm, the default) or "imperial" (weightLb, heightFt, heightIn); age optional.</summary>
internal sealed record BmiRequest(string? Units, decimal? WeightKg, decimal? HeightCm, decimal? WeightLb, decimal? HeightFt, decimal? HeightIn, int? Age);

/// <summary>ageGroup: "adult", "child-or-teen" (2 to 19: no adult category) or "under-two" (BMI is not used).</summary>
internal sealed record BmiResponse(decimal Bmi, string AgeGroup, string? Category, string? ObesityClass, string? AgeNote, IReadOnlyList<string> Steps, IReadOnlyList<string> Limits);

internal static class ToolsApi
{
    public static RouteGroupBuilder MapToolsApi(this RouteGroupBuilder group)
    {
        group.MapPost("/bolus", BolusAsync).WithName("CalculateBolus").WithSummary("Carbohydrate and correction bolus, with every step in words")
            .WithDescription(
                "dose = carbs ÷ carbRatio + (currentGlucose − targetGlucose) ÷ correctionFactor − insulinOnBoard, never below 0, rounded down to increment. " +
                "Insulin on board comes off the total (the carbohydrate part too). correctionFactor is in glucoseUnit, like the glucose values. " +
                "Below 70 mg/dL (3.9 mmol/L) the dose is 0 with a warning to treat the low first. Above maxBolus the dose is not cut: aboveMaxBolus is true with a warning. " +
                "Implausible values are a 400 naming the field. Stores nothing. Not medical advice: follow the settings your diabetes care team gave you.")
            .Accepts<BolusRequest>("application/json");
        group.MapPost("/bmi", BmiAsync).WithName("CalculateBmi").WithSummary("Body mass index with the WHO adult category, or why it does not apply")
            .WithDescription("Metric (weightKg, heightCm) or imperial (weightLb, heightFt, heightIn). With an age under 20 there is no adult category: 2 to 19 need BMI-for-age percentiles, under 2 BMI is not used.")
            .Accepts<BmiRequest>("application/json");
        return group;
    }

    private static async Task<Results<Ok<BolusResponse>, ValidationProblem, ProblemHttpResult>> BolusAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<BolusRequest>(request, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;

        var r = body.Value!;
        GlucoseUnit? unit = r.GlucoseUnit?.Trim().ToLowerInvariant() switch
        {
            null or "" or "mg/dl" or "mgdl" => GlucoseUnit.MgDl,
            "mmol/l" or "mmoll" => GlucoseUnit.MmolL,
            _ => null,
        };
        if (unit is null)
            return Invalid("glucoseUnit", "glucoseUnit is \"mg/dL\" or \"mmol/L\".");

        var result = BolusCalculator.Calculate(new BolusInput(
            r.Carbs, r.CarbRatio, r.CurrentGlucose, r.TargetGlucose, r.CorrectionFactor, unit.Value, r.InsulinOnBoard, r.Increment ?? 1m, r.MaxBolus));
        if (!result.IsValid)
            return TypedResults.ValidationProblem(result.Problems.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Key), p => new[] { p.Value }));

        return TypedResults.Ok(new BolusResponse(
            result.Dose!.Value, BolusCalculator.Units(result.Dose!.Value), result.ExactDose, result.CarbDose, result.CorrectionDose, result.InsulinOnBoard, r.Increment ?? 1m,
            BolusCalculator.UnitName(unit.Value), result.LowGlucose, result.AboveMaxBolus, result.Steps, result.Warnings, BolusCalculator.CareTeamAdvice));
    }

    private static async Task<Results<Ok<BmiResponse>, ValidationProblem, ProblemHttpResult>> BmiAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<BmiRequest>(request, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;

        var r = body.Value!;
        BmiUnits? units = r.Units?.Trim().ToLowerInvariant() switch
        {
            null or "" or "metric" => BmiUnits.Metric,
            "imperial" => BmiUnits.Imperial,
            _ => null,
        };
        if (units is null)
            return Invalid("units", "units is \"metric\" or \"imperial\".");

        var result = BmiCalculator.Calculate(new BmiInput(units.Value, r.WeightKg, r.HeightCm, r.WeightLb, r.HeightFt, r.HeightIn, r.Age));
        if (!result.IsValid)
            return TypedResults.ValidationProblem(result.Problems.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Key), p => new[] { p.Value }));

        var group = result.AgeGroup switch
        {
            BmiAgeGroup.UnderTwo => "under-two",
            BmiAgeGroup.ChildOrTeen => "child-or-teen",
            _ => "adult",
        };
        return TypedResults.Ok(new BmiResponse(result.Bmi!.Value, group, result.Category, result.ObesityClass, result.AgeNote, result.Steps, BmiLimits.Notes));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
