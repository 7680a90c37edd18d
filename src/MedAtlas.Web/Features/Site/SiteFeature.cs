using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Site;

/// <summary>The pages about MedAtlas itself, loaded from starter Markdown and editable per site.</summary>
internal static class SiteFeature
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStarterDataSet, SiteStarterData>();
        builder.Services.AddSingleton(SitemapSettings.From(builder.Configuration));
        builder.Services.AddScoped<ISitemapSource, SiteSitemapSource>();
        return builder;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapSitemap();
        return app;
    }
}
