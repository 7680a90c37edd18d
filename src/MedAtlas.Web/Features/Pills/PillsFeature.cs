using MedAtlas.Web.Features.Pills.Import;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Pills;

/// <summary>The pill identifier: search by imprint, colour, shape and size; pictures; compare.</summary>
internal static class PillsFeature
{
    public static WebApplicationBuilder AddPills(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PillSearch>();
        builder.Services.AddSingleton<IWarmable>(sp => sp.GetRequiredService<PillSearch>());
        builder.Services.AddScoped<PillCatalog>();
        builder.Services.AddSingleton<LabelPillWriter>();
        builder.Services.AddScoped<IStarterDataSet, PillsStarterData>();
        builder.Services.AddScoped<ISitemapSource, PillSitemapSource>();
        builder.Services.AddSiteArea(new SiteArea("Pill Identifier", "/pill-identifier",
            "Find out what a pill is from its imprint, colour and shape, and compare pictures.", 25, ["/pills"]));
        return builder;
    }

    public static WebApplication MapPills(this WebApplication app)
    {
        app.MapApiV1("pills", "Pills").AllowAnonymous().WithPublicCache().MapPillsApi();
        app.MapPillPictures();
        return app;
    }
}
