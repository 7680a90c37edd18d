using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Home;

/// <summary>The home page, the site-wide search page and API, and the error pages.</summary>
internal static class HomeFeature
{
    public static WebApplicationBuilder AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SiteSearch>();
        return builder;
    }

    public static WebApplication MapHome(this WebApplication app)
    {
        app.MapApiV1("search", "Search").AllowAnonymous().MapSiteSearchApi();
        return app;
    }
}
