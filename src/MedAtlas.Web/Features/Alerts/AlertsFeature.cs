using MedAtlas.Web.Features.Alerts.Import;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>FDA alerts: drug recalls from openFDA's enforcement reports, matched to catalogue drugs.</summary>
internal static class AlertsFeature
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, OpenFdaEnforcementImporter>();

        // Pages: /alerts, a recall's and a notice's page, the drug page's section, /admin/alerts (AlertCatalog, ManualMatches).
        builder.Services.AddScoped<AlertCatalog>();
        builder.Services.AddScoped<IDrugAlerts>(sp => sp.GetRequiredService<AlertCatalog>());
        builder.Services.AddScoped<ManualMatches>();
        builder.Services.AddSiteArea(new SiteArea("FDA Alerts", "/alerts",
            "Drug recalls and FDA safety communications, with what to do and the medicines they concern.", 45));

        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app) => app;
}
