using System.Text.Json;
using MedAtlas.Web.Features.Interactions;

namespace MedAtlas.Web.Features.MyMedicine;

// The personal API's requests and responses. Enum values are sent as camelCase strings ("timesADay", "owner").

/// <summary>A medicine to add, or the whole of a medicine to replace it with (PUT). Fields left out are empty.</summary>
internal sealed record MedicineRequest(
    string? Name, string? DrugSlug, string? Strength, decimal? DoseAmount, string? DoseUnit,
    string? Frequency, int? FrequencyCount, string? Route, DateOnly? StartDate,
    string? Prescriber, string? Pharmacy, string? Ndc, string? LotNumber,
    decimal? Quantity, int? DaysSupply, DateOnly? EndDate, int? RemindDaysBefore, string? Notes);

/// <summary>A new profile. relationship: self, child, partner, parent, sibling, grandparent, grandchild, otherRelative, friend, other (the default).</summary>
internal sealed record ProfileRequest(
    string? Name, string? Relationship, int? BirthYear, string? Sex, decimal? WeightKg, bool? Pregnant, bool? Breastfeeding);

/// <summary>Stopping a medicine: the day (today when left out) and why.</summary>
internal sealed record StopRequest(DateOnly? Date, string? Reason);

/// <summary>Pausing a medicine: why (optional).</summary>
internal sealed record PauseRequest(string? Reason);

internal sealed record ProfileSummaryResponse(
    Guid Id, string Name, string Relationship, string Role, int ActiveMedicines, string? WorstInteraction);

internal sealed record ConditionResponse(string Name, string? ConditionSlug);

internal sealed record AllergyResponse(string Kind, string Name, string? Target, string? Reaction);

internal sealed record ProfileResponse(
    Guid Id, string Name, string Relationship, string Role, int? BirthYear, string Sex, decimal? WeightKg, bool Pregnant, bool Breastfeeding,
    IReadOnlyList<ConditionResponse> Conditions, IReadOnlyList<AllergyResponse> Allergies, IReadOnlyList<MedicineResponse> Medicines);

/// <summary>A medicine on a profile. <c>checked</c>: it is a catalogue drug, so the safety checks include it.</summary>
internal sealed record MedicineResponse(
    Guid Id, string Name, string? DrugSlug, bool Checked, string? Strength, decimal? DoseAmount, string? DoseUnit,
    string Frequency, int? FrequencyCount, string DoseText, string? Route, DateOnly? StartDate, string? Prescriber, string? Pharmacy,
    string? Ndc, string? LotNumber, decimal? Quantity, int? DaysSupply, DateOnly? EndDate, DateOnly? LastFilledOn, DateOnly? RunsOutOn,
    int? RemindDaysBefore, string? Notes, string Status, DateOnly? StoppedOn, string? StopReason, DateTime CreatedAt, DateTime UpdatedAt);

internal sealed record DrugRefResponse(string Slug, string Name);

internal sealed record CheckedMedicineResponse(string Name, DrugRefResponse Drug);

internal sealed record SourceSeverityResponse(string Source, string Severity);

internal sealed record ListInteractionResponse(
    DrugRefResponse A, DrugRefResponse B, string Severity, string? Summary, string? Management, bool SourcesDisagree, IReadOnlyList<SourceSeverityResponse> Sources);

internal sealed record ListDuplicateResponse(string Kind, string Name, IReadOnlyList<DrugRefResponse> Drugs, string Summary, string? DailyLimit, string? Management);

internal sealed record ListFoodResponse(DrugRefResponse Drug, string Item, string Severity, string Summary, string? Management);

internal sealed record AllergyWarningResponse(string Medicine, DrugRefResponse Drug, string Allergy, string? Reaction, string Why);

internal sealed record CautionResponse(DrugRefResponse Drug, string Condition, string Severity, string Summary, string? Management);

internal sealed record PregnancyNoteResponse(DrugRefResponse Drug, string Url);

/// <summary>The safety summary of a profile's active list, as its page shows it.</summary>
internal sealed record ChecksResponse(
    string? WorstInteraction,
    int WarningCount,
    IReadOnlyList<CheckedMedicineResponse> Checked,
    IReadOnlyList<string> NotChecked,
    IReadOnlyList<ListInteractionResponse> Interactions,
    IReadOnlyList<ListDuplicateResponse> Duplicates,
    IReadOnlyList<ListFoodResponse> FoodAndAlcohol,
    IReadOnlyList<AllergyWarningResponse> Allergies,
    IReadOnlyList<CautionResponse> Conditions,
    IReadOnlyList<PregnancyNoteResponse> Pregnancy,
    IReadOnlyList<string> ConditionsNotChecked,
    string? CheckerUrl);

/// <summary>
/// One finding about a candidate medicine. <c>kind</c>: allergy, alreadyListed, interaction, duplicate, condition,
/// food, pregnancy. <c>severity</c>: contraindicated, major, moderate, minor, unknown, or null where it has none.
/// <c>with</c>: the other medicine, condition or food it is about, or null.
/// </summary>
internal sealed record CandidateWarningResponse(string Kind, string? Severity, string Text, string? With);

/// <summary>
/// The live check of one medicine against a profile's active list (the add-medicine page asks this as a person
/// types). <c>checked</c> false: the name is not in the catalogue, so nothing was checked; <c>didYouMean</c> may
/// suggest a catalogue drug. Warnings come most serious first: allergies, then interactions worst first.
/// </summary>
internal sealed record CandidateCheckResponse(
    string Input, bool Checked, DrugRefResponse? Drug, DrugRefResponse? DidYouMean, string? WorstInteraction, IReadOnlyList<CandidateWarningResponse> Warnings);

/// <summary>How the API spells the model's values.</summary>
internal static class ApiText
{
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Severity(InteractionSeverity severity) => InteractionSources.SeverityCode(severity);

    /// <summary>A camelCase enum name back to its value; numbers and unknown names are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is { Length: > 0 } && !char.IsDigit(text[0]) && text[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static IEnumerable<string> Codes<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => Code(v));

    /// <summary>Stored times are UTC; SQLite gives them back unmarked.</summary>
    public static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
