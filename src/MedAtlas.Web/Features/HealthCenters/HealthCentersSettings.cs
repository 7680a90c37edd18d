using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary><c>HealthCenters:ReviewValidMonths</c> and <c>HealthCenters:OverdueGraceDays</c> (docs/configuration.md).</summary>
internal sealed record HealthCentersSettings(int ReviewValidMonths, int OverdueGraceDays)
{
    public static HealthCentersSettings From(IConfiguration configuration)
    {
        var months = configuration.GetValue<int?>("HealthCenters:ReviewValidMonths") ?? 12;
        if (months is < 1 or > 120)
            throw new MedAtlasConfigurationException($"HealthCenters:ReviewValidMonths is {months}; it must be a whole number of months from 1 to 120.");
        var grace = configuration.GetValue<int?>("HealthCenters:OverdueGraceDays") ?? 30;
        if (grace is < 0 or > 3650)
            throw new MedAtlasConfigurationException($"HealthCenters:OverdueGraceDays is {grace}; it must be a whole number of days from 0 to 3650.");
        return new HealthCentersSettings(months, grace);
    }

    /// <summary>When a review done on <paramref name="reviewed"/> stops being valid.</summary>
    public DateOnly ValidUntil(DateOnly reviewed) => reviewed.AddMonths(ReviewValidMonths);

    /// <summary>Readers see the re-review note once the review has been out of date for longer than the grace period.</summary>
    public bool ShowsReReviewNote(DateOnly? validUntil, DateOnly today) =>
        validUntil is { } until && today > until.AddDays(OverdueGraceDays);
}
