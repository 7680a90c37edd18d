using System.Globalization;
using MedAtlas.Web.Features.Drugs;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>A value someone gave that cannot be kept, and the field it belongs to (the page shows it there; the API names it).</summary>
internal sealed record FieldProblem(string Field, string Message);

internal static class ProfileRules
{
    public const int NameMaxLength = 80;
    public const int ItemNameMaxLength = 200;
    public const int ReactionMaxLength = 300;
    public const int MaxProfilesPerAccount = 30;
    public const int MaxConditions = 50;
    public const int MaxAllergies = 50;
    public const int OldestBirthYear = 1900;

    /// <summary>Checks a profile's details; the list is empty when they can be saved.</summary>
    public static List<FieldProblem> Check(ProfileValues v, int thisYear)
    {
        var problems = new List<FieldProblem>();
        if (Text.Check(v.Name, nameof(v.Name), NameMaxLength, "a name or nickname") is { } name)
            problems.Add(name);
        if (v.BirthYear is { } year && (year < OldestBirthYear || year > thisYear))
            problems.Add(new(nameof(v.BirthYear), $"Enter a birth year from {OldestBirthYear} to {thisYear}."));
        if (v.WeightKg is { } kg && (kg < 0.3m || kg > 400m))
            problems.Add(new(nameof(v.WeightKg), "Enter a weight from 0.3 to 400 kg, or leave it empty."));
        if ((v.Pregnant || v.Breastfeeding) && v.Sex == Sex.Male)
            problems.Add(new(nameof(v.Pregnant), "Pregnancy and breastfeeding are asked only when the sex is not “male”. Change one of them."));
        return problems;
    }
}

/// <summary>A profile's details as given by a form or the API, before they are checked.</summary>
internal sealed record ProfileValues(string? Name, Relationship Relationship, int? BirthYear, Sex Sex, decimal? WeightKg, bool Pregnant, bool Breastfeeding);

/// <summary>A medicine as given by a form, the API or an import, before it is checked.</summary>
internal sealed record MedicineValues(
    string? Name, string? DrugSlug, string? Strength, decimal? DoseAmount, string? DoseUnit,
    DoseFrequency Frequency, int? FrequencyCount, string? Route, DateOnly? StartDate,
    string? Prescriber, string? Pharmacy, string? Ndc, string? LotNumber,
    decimal? Quantity, int? DaysSupply, DateOnly? EndDate, int? RemindDaysBefore, string? Notes)
{
    /// <summary>A medicine known only by its name; <c>with</c> sets the rest.</summary>
    public static MedicineValues Named(string? name) =>
        new(name, null, null, null, null, DoseFrequency.NotStated, null, null, null, null, null, null, null, null, null, null, null, null);
}

internal static class MedicineRules
{
    public const int NameMaxLength = 200;
    public const int ShortTextMaxLength = 120;
    public const int NotesMaxLength = 2000;

    /// <summary>A long list, with room for a stopped history; beyond it the list is no longer one person's medicines.</summary>
    public const int MaxMedicinesPerProfile = 150;

    public static readonly IReadOnlyList<string> DoseUnits =
        ["tablet", "capsule", "mg", "mcg", "g", "mL", "drop", "puff", "spray", "patch", "unit", "application", "suppository", "other"];

    public static readonly IReadOnlyList<string> Routes =
        ["by mouth", "under the tongue", "inhaled", "in the nose", "on the skin", "in the eye", "in the ear", "injection", "rectal", "vaginal", "other"];

    /// <summary>Checks a medicine; returns the problems (empty when it can be saved) and the values to store (NDC in its 11-digit form).</summary>
    public static (List<FieldProblem> Problems, MedicineValues Clean) Check(MedicineValues v, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string message) => problems.Add(new(field, message));

        if (Text.Check(v.Name, nameof(v.Name), NameMaxLength, "the medicine's name") is { } name)
            problems.Add(name);
        foreach (var (field, value) in new[] { (nameof(v.Strength), v.Strength), (nameof(v.Prescriber), v.Prescriber), (nameof(v.Pharmacy), v.Pharmacy) })
        {
            if (Text.CheckOptional(value, field, ShortTextMaxLength) is { } p)
                problems.Add(p);
        }

        if (Text.CheckOptional(v.Notes, nameof(v.Notes), NotesMaxLength, allowLineBreaks: true) is { } notes)
            problems.Add(notes);
        if (v.DoseAmount is { } dose && (dose <= 0 || dose > 100_000))
            Add(nameof(v.DoseAmount), "Enter the dose as a number above 0, like 1 or 2.5 (or leave it empty).");
        if (v.DoseUnit is { Length: > 0 } unit && !DoseUnits.Contains(unit))
            Add(nameof(v.DoseUnit), "Choose a unit from the list.");
        if (v.Route is { Length: > 0 } route && !Routes.Contains(route))
            Add(nameof(v.Route), "Choose how it is taken from the list.");

        switch (v.Frequency)
        {
            case DoseFrequency.TimesADay when v.FrequencyCount is not (>= 1 and <= 24):
                Add(nameof(v.FrequencyCount), "Enter how many times a day, from 1 to 24.");
                break;
            case DoseFrequency.EveryHours when v.FrequencyCount is not (>= 1 and <= 72):
                Add(nameof(v.FrequencyCount), "Enter how many hours apart, from 1 to 72.");
                break;
            case DoseFrequency.TimesAWeek when v.FrequencyCount is not (>= 1 and <= 7):
                Add(nameof(v.FrequencyCount), "Enter how many times a week, from 1 to 7.");
                break;
            case DoseFrequency.AsNeeded when v.FrequencyCount is not (null or (>= 1 and <= 24)):
                Add(nameof(v.FrequencyCount), "Enter the most times a day, from 1 to 24, or leave it empty.");
                break;
        }

        string? ndc = null;
        if (!string.IsNullOrWhiteSpace(v.Ndc))
        {
            ndc = Drugs.Ndc.Normalize(v.Ndc);
            if (ndc is null)
                Add(nameof(v.Ndc), "Enter the NDC as printed on the label, with its dashes (like 0071-0155-23 or 00071-0155-23).");
        }

        if (Text.CheckOptional(v.LotNumber, nameof(v.LotNumber), 40) is { } lot)
            problems.Add(lot);
        if (v.Quantity is { } quantity && (quantity <= 0 || quantity > 100_000))
            Add(nameof(v.Quantity), "Enter the quantity as a number above 0 (or leave it empty).");
        if (v.DaysSupply is { } days && (days < 1 || days > 400))
            Add(nameof(v.DaysSupply), "Enter the days' supply from 1 to 400 (or leave it empty).");
        if (v.StartDate is { } start && (start.Year < ProfileRules.OldestBirthYear || start > today.AddYears(1)))
            Add(nameof(v.StartDate), "Enter a start date that is not more than a year ahead.");
        if (v.EndDate is { } end && v.StartDate is { } begun && end < begun)
            Add(nameof(v.EndDate), "The end date is before the start date.");
        if (v.RemindDaysBefore is { } remind && (remind < 0 || remind > 30))
            Add(nameof(v.RemindDaysBefore), "Remind from 0 to 30 days before it runs out.");
        if (v.RemindDaysBefore is not null && v.DaysSupply is null && v.EndDate is null && !Refills.CanCountDays(v))
            Add(nameof(v.RemindDaysBefore), "A reminder needs the days' supply (or the quantity and dose, or an end date) to know when it runs out.");

        var clean = v with
        {
            Name = Text.Clean(v.Name),
            Strength = Text.CleanOptional(v.Strength),
            DoseUnit = NullIfEmpty(v.DoseUnit),
            FrequencyCount = v.Frequency is DoseFrequency.NotStated or DoseFrequency.Once ? null : v.FrequencyCount,
            Route = NullIfEmpty(v.Route),
            Prescriber = Text.CleanOptional(v.Prescriber),
            Pharmacy = Text.CleanOptional(v.Pharmacy),
            Ndc = ndc,
            LotNumber = Text.CleanOptional(v.LotNumber)?.ToUpperInvariant(),
            Notes = v.Notes?.Trim() is { Length: > 0 } n ? n : null,
        };
        return (problems, clean);
    }

    /// <summary>"2 tablets, 3 times a day"; empty when nothing was given.</summary>
    public static string DoseText(decimal? amount, string? unit, DoseFrequency frequency, int? count)
    {
        var parts = new List<string>();
        if (amount is { } a)
        {
            var number = a.ToString("0.###", CultureInfo.InvariantCulture);
            parts.Add(unit is null ? number : $"{number} {Plural(unit, a)}");
        }

        var often = FrequencyText(frequency, count);
        if (often.Length > 0)
            parts.Add(often);
        return string.Join(", ", parts);
    }

    public static string FrequencyText(DoseFrequency frequency, int? count) => frequency switch
    {
        DoseFrequency.TimesADay => count switch { 1 => "once a day", 2 => "twice a day", _ => $"{count} times a day" },
        DoseFrequency.EveryHours => count == 1 ? "every hour" : $"every {count} hours",
        DoseFrequency.TimesAWeek => count switch { 1 => "once a week", 2 => "twice a week", _ => $"{count} times a week" },
        DoseFrequency.AsNeeded => count is null ? "when needed" : $"when needed, up to {(count == 1 ? "once" : count == 2 ? "twice" : $"{count} times")} a day",
        DoseFrequency.Once => "one dose only",
        _ => "",
    };

    private static string Plural(string unit, decimal amount) =>
        amount == 1 || unit is "mg" or "mcg" or "g" or "mL" or "other" ? unit : unit + "s";

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Free-text checks shared by profiles and medicines: trimmed, bounded, no control characters.</summary>
internal static class Text
{
    public static FieldProblem? Check(string? value, string field, int max, string what)
    {
        var v = Clean(value);
        if (v.Length == 0)
            return new(field, $"Enter {what}.");
        return CheckOptional(v, field, max);
    }

    public static FieldProblem? CheckOptional(string? value, string field, int max, bool allowLineBreaks = false)
    {
        if (value is null)
            return null;
        var v = value.Trim();
        if (v.Length > max)
            return new(field, $"This is {v.Length:N0} characters long; the most is {max:N0}.");
        if (v.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')) || v.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            return new(field, "This contains control or formatting characters; type it again.");
        return null;
    }

    public static string Clean(string? value) => string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string? CleanOptional(string? value) => Clean(value) is { Length: > 0 } v ? v : null;
}
