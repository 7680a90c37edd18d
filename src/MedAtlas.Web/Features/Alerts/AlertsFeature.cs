using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Import;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>FDA alerts: drug recalls from openFDA's enforcement reports, matched to catalogue drugs.</summary>
internal static class AlertsFeature
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, OpenFdaEnforcementImporter>();

        // Notifications: people told once per alert (inbox + opt-in mail), the /account choice, their personal data.
        var notify = AlertNotifySettings.From(builder.Configuration);
        builder.Services.AddSingleton(notify);
        builder.Services.AddScoped<AlertMail>();
        builder.Services.AddJob<AlertNotifier>(AlertJobs.Notify, notify.Interval, singleNode: true);
        builder.Services.AddScoped<IEmailList, AlertEmailList>();
        builder.Services.AddScoped<IPersonalDataSource, AlertsPersonalData>();
        builder.Services.AddScoped<AlertInbox>();

        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app) => app;
}
