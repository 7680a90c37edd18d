using System.Globalization;
using MedAtlas.Web.Features.Interactions;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>One line of a printed list: a medicine as a doctor reads it.</summary>
internal sealed record PrintedMedicine(string Name, string? Strength, string Dose, string? Route, string? Prescriber, DateOnly? Started, string? Notes, string? Status);

/// <summary>
/// What the one-page list and the wallet card show of a profile: who the person is, what they react to, what they
/// take now, what they paused or stopped lately, and the safety check's verdict in one line. Built once for both pages.
/// </summary>
internal sealed record PrintedList(
    Profile Profile,
    IReadOnlyList<string> PersonFacts,
    IReadOnlyList<PrintedMedicine> Active,
    IReadOnlyList<PrintedMedicine> PausedOrStopped,
    string SafetyLine,
    DateOnly PrintedOn)
{
    /// <summary>Stopped medicines stay on the printed list this long: what a doctor asks about ("anything you stopped lately?").</summary>
    public const int RecentlyStoppedDays = 90;

    /// <summary>A note longer than this is cut on the printed list (the profile page has it whole), so a row stays a line or two.</summary>
    public const int NoteLength = 90;

    public static PrintedList Build(Profile profile, IReadOnlyList<SavedMedicine> medicines, SafetyReport safety, DateOnly today)
    {
        var recent = today.AddDays(-RecentlyStoppedDays);
        return new PrintedList(
            profile,
            Facts(profile),
            [.. medicines.Where(m => m.Status == MedicineStatus.Active).Select(m => Line(m, null))],
            [
                .. medicines.Where(m => m.Status == MedicineStatus.Paused).Select(m => Line(m, "paused" + Reason(m))),
                .. medicines.Where(m => m.Status == MedicineStatus.Stopped && (m.StoppedOn ?? DateOnly.FromDateTime(m.UpdatedAt)) >= recent)
                    .OrderByDescending(m => m.StoppedOn)
                    .Select(m => Line(m, $"stopped {Day(m.StoppedOn ?? DateOnly.FromDateTime(m.UpdatedAt))}{Reason(m)}")),
            ],
            SafetySummary(safety, medicines.Count(m => m.Status == MedicineStatus.Active)),
            today);
    }

    /// <summary>"1 Mar 2026": unambiguous in every country, unlike 1/3/2026.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2 interactions, the worst major; 1 allergy warning" or "none known": counts, never a verdict of "safe".</summary>
    public static string SafetySummary(SafetyReport safety, int activeCount)
    {
        if (activeCount == 0)
            return "no medicines taken now, nothing to check";
        var parts = new List<string>();
        var interactions = safety.Report.Interactions.Count;
        if (interactions > 0)
            parts.Add($"{Count(interactions, "interaction")}, the worst {InteractionSources.SeverityLabel(safety.Worst!.Value).ToLowerInvariant()}");
        if (safety.Report.Duplicates.Count > 0)
            parts.Add(Count(safety.Report.Duplicates.Count, "duplicate ingredient or class", "duplicate ingredients or classes"));
        if (safety.Allergies.Count > 0)
            parts.Add(Count(safety.Allergies.Count, "allergy warning"));
        if (safety.Conditions.Count > 0)
            parts.Add(Count(safety.Conditions.Count, "caution with a condition", "cautions with conditions"));
        if (parts.Count == 0)
            parts.Add("none known");
        if (safety.NotChecked.Count > 0)
            parts.Add($"{Count(safety.NotChecked.Count, "medicine")} not in its catalogue, not checked");
        return string.Join("; ", parts);
    }

    private static List<string> Facts(Profile p)
    {
        var facts = new List<string>();
        if (p.BirthYear is { } year)
            facts.Add($"Born {year}");
        if (p.Sex != Sex.NotStated)
            facts.Add(p.Sex.ToString());
        if (p.WeightKg is { } kg)
            facts.Add($"{kg.ToString("0.#", CultureInfo.InvariantCulture)} kg");
        if (p.Pregnant)
            facts.Add("Pregnant");
        if (p.Breastfeeding)
            facts.Add("Breastfeeding");
        return facts;
    }

    private static PrintedMedicine Line(SavedMedicine m, string? status) => new(
        m.Name,
        m.Strength,
        MedicineRules.DoseText(m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount),
        m.Route,
        m.Prescriber,
        m.StartDate,
        Short(m.Notes),
        status);

    private static string Reason(SavedMedicine m) => m.StopReason is { } why ? $": {why}" : "";

    private static string? Short(string? notes)
    {
        if (notes is null)
            return null;
        var flat = Text.Clean(notes);
        return flat.Length <= NoteLength ? flat : flat[..(NoteLength - 1)].TrimEnd() + "…";
    }

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";
}
