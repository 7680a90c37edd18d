namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>A product area in the main navigation and on the home page. Each feature registers its own.</summary>
/// <param name="OtherPaths">Further address prefixes that belong to the area (the pill identifier's /pills/{id}).</param>
internal sealed record SiteArea(string Title, string Path, string Summary, int Order, IReadOnlyList<string>? OtherPaths = null)
{
    public bool Covers(string path) =>
        new[] { Path }.Concat(OtherPaths ?? []).Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
}

internal static class SiteAreaRegistration
{
    public static IServiceCollection AddSiteArea(this IServiceCollection services, SiteArea area) =>
        services.AddSingleton(area);
}
