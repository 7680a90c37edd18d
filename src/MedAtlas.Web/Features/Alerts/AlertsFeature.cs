using MedAtlas.Web.Features.Alerts.Import;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>FDA alerts: drug recalls from openFDA's enforcement reports, matched to catalogue drugs.</summary>
internal static class AlertsFeature
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, OpenFdaEnforcementImporter>();

        // Unsubscribe (RFC 8058), the public double opt-in list and its mail job: Subscriptions/SubscriptionsSetup.cs.
        builder.Services.AddAlertSubscriptions(builder.Configuration);
        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app) => app;
}
