namespace MedAtlas.Web.Features.Interactions;

/// <summary>The sources a rule can come from, with the names and terms people see.</summary>
internal static class InteractionSources
{
    public const string MedAtlas = "medatlas";
    public const string DdInter = "ddinter";
    public const string OncHighPriority = "onc-high-priority";

    public static string DisplayName(string source) => source switch
    {
        MedAtlas => "MedAtlas editorial starter set",
        DdInter => "DDInter",
        OncHighPriority => "ONC high-priority interaction list",
        _ => source,
    };

    /// <summary>Text is shown from the first source that has it: the project's plain-words set, then the others.</summary>
    public static int Precedence(string source) => source switch
    {
        MedAtlas => 0,
        OncHighPriority => 1,
        DdInter => 2,
        _ => 3,
    };

    public static string SeverityLabel(InteractionSeverity severity) => severity switch
    {
        InteractionSeverity.Contraindicated => "Contraindicated",
        InteractionSeverity.Major => "Major",
        InteractionSeverity.Moderate => "Moderate",
        InteractionSeverity.Minor => "Minor",
        _ => "Not graded",
    };

    public static string SeverityCode(InteractionSeverity severity) => severity.ToString().ToLowerInvariant();

    public static InteractionSeverity? ParseSeverity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "contraindicated" => InteractionSeverity.Contraindicated,
        "major" => InteractionSeverity.Major,
        "moderate" => InteractionSeverity.Moderate,
        "minor" => InteractionSeverity.Minor,
        "unknown" => InteractionSeverity.Unknown,
        _ => null,
    };
}
