namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>A product area in the main navigation and on the home page. Each feature registers its own.</summary>
internal sealed record SiteArea(string Title, string Path, string Summary, int Order);

internal static class SiteAreaRegistration
{
    public static IServiceCollection AddSiteArea(this IServiceCollection services, SiteArea area) =>
        services.AddSingleton(area);
}
