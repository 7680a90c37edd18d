using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary><c>Alerts:NotifyWithinDays</c> and <c>Alerts:NotifyIntervalMinutes</c> (docs/configuration.md).</summary>
internal sealed record AlertNotifySettings(int WithinDays, TimeSpan Interval)
{
    public static AlertNotifySettings From(IConfiguration configuration)
    {
        var days = configuration.GetValue<int?>("Alerts:NotifyWithinDays") ?? 365;
        if (days < 1)
            throw new MedAtlasConfigurationException($"Alerts:NotifyWithinDays is {days}; it must be at least 1.");
        return new AlertNotifySettings(days, JobSettings.Minutes(configuration, "Alerts:NotifyIntervalMinutes", 15));
    }
}
