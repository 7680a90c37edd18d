using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Tools.Planner;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Tools;

/// <summary>Health tools: the carbohydrate and bolus calculator, BMI and the food &amp; fitness planner. They store nothing unless a signed-in person saves to a profile.</summary>
internal static class ToolsFeature
{
    public static WebApplicationBuilder AddTools(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISitemapSource, ToolSitemapSource>();
        builder.Services.AddSiteArea(new SiteArea("Tools", "/tools",
            "Calculators that show their arithmetic: an insulin carb and bolus calculator and BMI, and a food & fitness planner on USDA data.", 40));

        // Bolus settings saved to a profile (issue 16).
        builder.Services.AddScoped<BolusSettingsStore>();

        // The food & fitness planner (issue 16, task planner): a profile's log, and a visitor's kept in the address.
        builder.Services.AddScoped<PlannerLog>();
        builder.Services.AddScoped<VisitorPlanner>();
        builder.Services.AddScoped<IPersonalDataSource, PlannerPersonalData>();
        return builder;
    }

    public static WebApplication MapTools(this WebApplication app)
    {
        app.MapApiV1("tools", "Tools").AllowAnonymous().MapToolsApi();
        return app;
    }
}
