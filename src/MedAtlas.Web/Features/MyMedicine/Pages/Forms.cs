using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>
/// A medicine as the form posts it: numbers and dates as typed, so "lots" gets our message beside the field
/// instead of the model binder's. <see cref="ToValues"/> reads it; <see cref="MedicineRules"/> judges it.
/// </summary>
internal sealed class MedicineForm
{
    public string? Name { get; set; }

    /// <summary>Set by the suggestion list (or kept from the saved medicine): the catalogue drug chosen.</summary>
    public string? DrugSlug { get; set; }

    public string? Strength { get; set; }

    public string? DoseAmount { get; set; }

    public string? DoseUnit { get; set; }

    public DoseFrequency Frequency { get; set; }

    public string? FrequencyCount { get; set; }

    public string? Route { get; set; }

    public string? StartDate { get; set; }

    public string? Prescriber { get; set; }

    public string? Pharmacy { get; set; }

    public string? Ndc { get; set; }

    public string? LotNumber { get; set; }

    public string? Quantity { get; set; }

    public string? DaysSupply { get; set; }

    public string? EndDate { get; set; }

    public string? RemindDaysBefore { get; set; }

    public string? Notes { get; set; }

    public static MedicineForm From(MedicineValues v) => new()
    {
        Name = v.Name,
        DrugSlug = v.DrugSlug,
        Strength = v.Strength,
        DoseAmount = v.DoseAmount?.ToString("0.###", CultureInfo.InvariantCulture),
        DoseUnit = v.DoseUnit,
        Frequency = v.Frequency,
        FrequencyCount = v.FrequencyCount?.ToString(CultureInfo.InvariantCulture),
        Route = v.Route,
        StartDate = v.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Prescriber = v.Prescriber,
        Pharmacy = v.Pharmacy,
        Ndc = v.Ndc,
        LotNumber = v.LotNumber,
        Quantity = v.Quantity?.ToString("0.##", CultureInfo.InvariantCulture),
        DaysSupply = v.DaysSupply?.ToString(CultureInfo.InvariantCulture),
        EndDate = v.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RemindDaysBefore = v.RemindDaysBefore?.ToString(CultureInfo.InvariantCulture),
        Notes = v.Notes,
    };

    /// <summary>The values, or null with messages added under <paramref name="prefix"/> when a number or date cannot be read.</summary>
    public MedicineValues? ToValues(ModelStateDictionary state, string prefix)
    {
        var ok = true;
        decimal? Number(string? text, string field, string message)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                return n;
            state.AddModelError($"{prefix}.{field}", message);
            ok = false;
            return null;
        }

        int? Whole(string? text, string field, string message)
        {
            if (Number(text, field, message) is not { } value)
                return null;
            if (value != decimal.Truncate(value))
            {
                state.AddModelError($"{prefix}.{field}", message);
                ok = false;
                return null;
            }

            // A whole number too large for an int is out of every range the rules allow, and is refused there.
            return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
        }

        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
            state.AddModelError($"{prefix}.{field}", "Enter the date as year-month-day, like 2026-03-31.");
            ok = false;
            return null;
        }

        var values = new MedicineValues(
            Name, string.IsNullOrWhiteSpace(DrugSlug) ? null : DrugSlug.Trim(), Strength,
            Number(DoseAmount, nameof(DoseAmount), $"Enter the dose as a number, like 1 or 2.5; “{Short(DoseAmount)}” is not a number."),
            DoseUnit, Frequency,
            Whole(FrequencyCount, nameof(FrequencyCount), "Enter a whole number, like 2."),
            Route, Date(StartDate, nameof(StartDate)), Prescriber, Pharmacy, Ndc, LotNumber,
            Number(Quantity, nameof(Quantity), $"Enter the quantity as a number, like 30; “{Short(Quantity)}” is not a number."),
            Whole(DaysSupply, nameof(DaysSupply), "Enter the days' supply as a whole number of days, like 30."),
            Date(EndDate, nameof(EndDate)),
            Whole(RemindDaysBefore, nameof(RemindDaysBefore), "Enter a whole number of days, like 5."),
            Notes);
        return ok ? values : null;
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 20 ? s[..20] + "…" : s;
}

/// <summary>A page with the profile form (new, edit): the shared fields partial binds to its Input.</summary>
internal interface IProfileFormPage
{
    ProfileForm Input { get; }
}

/// <summary>A page with the medicine form (add, edit).</summary>
internal interface IMedicineFormPage
{
    MedicineForm Input { get; }

    /// <summary>Where the live check asks about the medicine being typed (the page's Check handler).</summary>
    string CheckUrl { get; }
}

/// <summary>A profile's details as the form posts them.</summary>
internal sealed class ProfileForm
{
    public string? Name { get; set; }

    public Relationship Relationship { get; set; }

    public string? BirthYear { get; set; }

    public Sex Sex { get; set; }

    public string? WeightKg { get; set; }

    public bool Pregnant { get; set; }

    public bool Breastfeeding { get; set; }

    public static ProfileForm From(Profile p) => new()
    {
        Name = p.Name,
        Relationship = p.Relationship,
        BirthYear = p.BirthYear?.ToString(CultureInfo.InvariantCulture),
        Sex = p.Sex,
        WeightKg = p.WeightKg?.ToString("0.#", CultureInfo.InvariantCulture),
        Pregnant = p.Pregnant,
        Breastfeeding = p.Breastfeeding,
    };

    public ProfileValues? ToValues(ModelStateDictionary state, string prefix)
    {
        int? year = null;
        decimal? weight = null;
        var ok = true;
        if (!string.IsNullOrWhiteSpace(BirthYear))
        {
            if (int.TryParse(BirthYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                year = y;
            else
            {
                state.AddModelError($"{prefix}.{nameof(BirthYear)}", "Enter the birth year as four digits, like 1948.");
                ok = false;
            }
        }

        if (!string.IsNullOrWhiteSpace(WeightKg))
        {
            if (decimal.TryParse(WeightKg.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var w))
                weight = w;
            else
            {
                state.AddModelError($"{prefix}.{nameof(WeightKg)}", "Enter the weight in kilograms as a number, like 62.5.");
                ok = false;
            }
        }

        return ok ? new ProfileValues(Name, Relationship, year, Sex, weight, Pregnant, Breastfeeding) : null;
    }
}

internal static class FormProblems
{
    public static void AddTo(this IEnumerable<FieldProblem> problems, ModelStateDictionary state, string prefix)
    {
        foreach (var p in problems)
            state.AddModelError($"{prefix}.{p.Field}", p.Message);
    }
}

/// <summary>How the pages name the enums.</summary>
internal static class Words
{
    public static string Of(Relationship r) => r switch
    {
        Relationship.Self => "Me",
        Relationship.OtherRelative => "Other relative",
        _ => r.ToString(),
    };

    public static string Of(Sex s) => s switch
    {
        Sex.NotStated => "Not stated",
        _ => s.ToString(),
    };

    public static string Of(MedicineStatus s) => s.ToString();

    public static string Of(DoseFrequency f) => f switch
    {
        DoseFrequency.NotStated => "Not stated",
        DoseFrequency.TimesADay => "Times a day",
        DoseFrequency.EveryHours => "Every so many hours",
        DoseFrequency.TimesAWeek => "Times a week",
        DoseFrequency.AsNeeded => "When needed",
        DoseFrequency.Once => "One dose only",
        _ => f.ToString(),
    };

    public static string Of(ProfileRole r) => r switch
    {
        ProfileRole.Owner => "yours",
        ProfileRole.Manager => "you help manage",
        _ => "you can view",
    };
}

/// <summary>What the safety-check partial shows: the report, whose it is, and whether it is about one medicine.</summary>
internal sealed record SafetyChecksView(SafetyReport Safety, string ProfileName, bool ForOne, string Id = "safety-checks");
