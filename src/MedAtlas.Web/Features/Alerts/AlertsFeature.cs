using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Feeds;
using MedAtlas.Web.Features.Alerts.Import;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.Alerts.Poll;
using MedAtlas.Web.Features.Alerts.Sources;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>FDA alerts: drug recalls from openFDA's enforcement reports, matched to catalogue drugs.</summary>
internal static class AlertsFeature
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, OpenFdaEnforcementImporter>();

        // Sources: the openFDA API poller and the FDA RSS feeds (Poll/, Feeds/, Sources/); a source with no URL is off.
        builder.Services.AddAlertSourcesHttp();
        var openFda = OpenFdaSettings.From(builder.Configuration);
        builder.Services.AddSingleton(openFda);
        if (openFda.BaseUrl is not null)
            builder.Services.AddJob<OpenFdaPoller>(OpenFdaPoller.JobName, openFda.Interval, singleNode: true);
        var feeds = FeedSettings.From(builder.Configuration);
        builder.Services.AddSingleton(feeds);
        if (feeds.Feeds.Count > 0)
            builder.Services.AddJob<FdaFeeds>(FdaFeeds.JobName, feeds.Interval, singleNode: true);

        // Pages: /alerts, a recall's and a notice's page, the drug page's section, /admin/alerts (AlertCatalog, ManualMatches).
        builder.Services.AddScoped<AlertCatalog>();
        builder.Services.AddScoped<IDrugAlerts>(sp => sp.GetRequiredService<AlertCatalog>());
        builder.Services.AddScoped<ManualMatches>();
        builder.Services.AddScoped<ISitemapSource, RecallSitemapSource>();
        builder.Services.AddScoped<ISitemapSource, NoticeSitemapSource>();
        builder.Services.AddSiteArea(new SiteArea("FDA Alerts", "/alerts",
            "Drug recalls and FDA safety communications, with what to do and the medicines they concern.", 45));

        // Notifications: people told once per alert (inbox + opt-in mail), the /account choice, their personal data.
        var notify = AlertNotifySettings.From(builder.Configuration);
        builder.Services.AddSingleton(notify);
        builder.Services.AddScoped<AlertMail>();
        builder.Services.AddJob<AlertNotifier>(AlertJobs.Notify, notify.Interval, singleNode: true);
        builder.Services.AddScoped<IEmailList, AlertEmailList>();
        builder.Services.AddScoped<IPersonalDataSource, AlertsPersonalData>();
        builder.Services.AddScoped<AlertInbox>();

        // Unsubscribe (RFC 8058), the public double opt-in list and its mail job: Subscriptions/SubscriptionsSetup.cs.
        builder.Services.AddAlertSubscriptions(builder.Configuration);
        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app) => app;
}
