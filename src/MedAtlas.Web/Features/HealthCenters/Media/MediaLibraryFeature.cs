namespace MedAtlas.Web.Features.HealthCenters.Media;

/// <summary>The media library's services, added by <see cref="HealthCentersFeature"/>; its page is found by Razor Pages, its files are mapped by <see cref="MediaUploads"/>.</summary>
internal static class MediaLibraryFeature
{
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(MediaSettings.From(configuration));
        services.AddScoped<MediaLibrary>();
        return services;
    }
}
