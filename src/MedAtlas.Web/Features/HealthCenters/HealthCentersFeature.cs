using MedAtlas.Web.Features.HealthCenters.Media;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>Health centers (issue 11): medically reviewed articles and slideshows about a condition area, with their tools.</summary>
internal static class HealthCentersFeature
{
    public static WebApplicationBuilder AddHealthCenters(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(HealthCentersSettings.From(builder.Configuration));
        builder.Services.AddSingleton<HealthRendering>();
        builder.Services.AddScoped<HealthContent>();
        builder.Services.AddMediaLibrary(builder.Configuration);
        builder.Services.AddScoped<IHealthArticleLinks>(s => s.GetRequiredService<HealthContent>());
        builder.Services.AddScoped<IHealthToday>(s => s.GetRequiredService<HealthContent>());
        builder.Services.AddScoped<IStarterDataSet, HealthStarterData>();
        builder.Services.AddScoped<HealthSearchIndex>();
        builder.Services.AddScoped<IStarterDataSet, HealthSearchBackfill>();
        builder.Services.AddScoped<ISiteSearchSource, HealthSiteSearchSource>();
        builder.Services.AddScoped<ISitemapSource, HealthSitemapSource>();
        builder.Services.AddScoped<Editorial.SlideImages>();
        builder.Services.AddScoped<Accounts.IPersonalDataSource, HealthPersonalData>();
        builder.Services.AddScoped<Editorial.ContentWorkflow>();
        builder.Services.AddScoped<Editorial.EditorialQueries>();
        builder.Services.AddJob<Editorial.ScheduledPublisher>(Editorial.ScheduledPublisher.JobName, TimeSpan.FromMinutes(1), singleNode: true);
        builder.Services.AddSiteArea(new SiteArea("Health Centers", "/health",
            "Medically reviewed articles and slideshows about diabetes, heart health and more, with the tools for each.", 25));
        return builder;
    }

    public static WebApplication MapHealthCenters(this WebApplication app)
    {
        app.MapHealthMedia();
        app.MapHealthVideos();
        app.MapHealthUploads();
        app.MapHealthFeed();
        return app;
    }
}
