using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Tools;

/// <summary>Health calculators: the carbohydrate and bolus calculator and BMI. They compute, and store nothing.</summary>
internal static class ToolsFeature
{
    public static WebApplicationBuilder AddTools(this WebApplicationBuilder builder)
    {
        builder.Services.AddSiteArea(new SiteArea("Tools", "/tools",
            "Calculators that show their arithmetic: an insulin carb and bolus calculator, and BMI.", 40));

        // Bolus settings saved to a profile (issue 16).
        builder.Services.AddScoped<BolusSettingsStore>();

        return builder;
    }

    public static WebApplication MapTools(this WebApplication app)
    {
        app.MapApiV1("tools", "Tools").AllowAnonymous().MapToolsApi();
        return app;
    }
}
