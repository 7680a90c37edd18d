namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary><c>Alerts:NotifyWithinDays</c> and <c>Alerts:NotifyIntervalMinutes</c> (docs/configuration.md).</summary>
internal sealed record AlertNotifySettings(int WithinDays, TimeSpan Interval)
{
    public static AlertNotifySettings From(IConfiguration configuration)
    {
        var days = configuration.GetValue<int?>("Alerts:NotifyWithinDays") ?? 365;
        var minutes = configuration.GetValue<double?>("Alerts:NotifyIntervalMinutes") ?? 15;
        if (days < 1)
            throw new InvalidOperationException("Alerts:NotifyWithinDays must be at least 1.");
        if (minutes <= 0)
            throw new InvalidOperationException("Alerts:NotifyIntervalMinutes must be more than 0.");
        return new AlertNotifySettings(days, TimeSpan.FromMinutes(minutes));
    }
}
