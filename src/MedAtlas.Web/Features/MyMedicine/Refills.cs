namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// When a supply runs out: the fill date plus the days' supply when the bottle says it (what the pharmacist
/// counted); else the quantity divided by the doses a day, when both are countable; else the planned end date.
/// Doses taken "when needed" have no fixed rate, so they have no run-out date unless the days' supply is given.
/// </summary>
internal static class Refills
{
    /// <summary>Units a bottle's quantity counts one by one, so quantity ÷ dose = number of doses.</summary>
    private static readonly HashSet<string> CountedUnits = ["tablet", "capsule", "patch", "suppository", "puff", "spray", "drop", "mL", "unit", "application"];

    public static DateOnly? RunsOutOn(SavedMedicine m) =>
        RunsOutOn(m.LastFilledOn ?? m.StartDate ?? DateOnly.FromDateTime(m.CreatedAt), m.DaysSupply, m.Quantity, m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount, m.EndDate);

    public static DateOnly? RunsOutOn(
        DateOnly filled, int? daysSupply, decimal? quantity, decimal? dose, string? unit, DoseFrequency frequency, int? count, DateOnly? endDate)
    {
        if (daysSupply is { } days)
            return filled.AddDays(days);
        if (quantity is { } q && DaysFromQuantity(q, dose, unit, frequency, count) is { } counted)
            return filled.AddDays(counted);
        return endDate;
    }

    public static bool CanCountDays(MedicineValues v) =>
        v.Quantity is { } q && DaysFromQuantity(q, v.DoseAmount, v.DoseUnit, v.Frequency, v.FrequencyCount) is not null;

    /// <summary>Whole days a quantity lasts (a part-day's doses do not make another day), or null when the rate is unknown.</summary>
    private static int? DaysFromQuantity(decimal quantity, decimal? dose, string? unit, DoseFrequency frequency, int? count)
    {
        if (dose is not { } perDose || perDose <= 0 || unit is null || !CountedUnits.Contains(unit) || count is not { } n || n <= 0)
            return null;
        decimal? perDay = frequency switch
        {
            DoseFrequency.TimesADay => perDose * n,
            DoseFrequency.EveryHours => perDose * (24m / n),
            DoseFrequency.TimesAWeek => perDose * n / 7m,
            _ => null,
        };
        if (perDay is not { } rate || rate <= 0)
            return null;
        return (int)Math.Min(3650, Math.Floor(quantity / rate));
    }

    /// <summary>"Runs out today", "Runs out in 3 days", "Ran out 2 days ago".</summary>
    public static string Describe(DateOnly runsOut, DateOnly today)
    {
        var days = runsOut.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "Runs out today",
            1 => "Runs out tomorrow",
            > 1 => $"Runs out in {days} days",
            -1 => "Ran out yesterday",
            _ => $"Ran out {-days} days ago",
        };
    }
}
