using MedAtlas.Web.Infrastructure.Web;
using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.StarterData;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// Serves the starter slideshows' project-drawn SVG files from <c>data/seed/health/slideshows/media/</c> at
/// <c>/health/media/{file}</c>. An SVG is a document that can hold script, so it is served as an image with a CSP of its own
/// (no script, sandboxed) and nosniff; only plain file names that exist are served. Uploaded media (wave 2) is never SVG.
/// </summary>
internal static partial class HealthMedia
{
    public const string ImagePolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    public static string PathOf(string file) => $"/health/media/{file}";

    public static string VideoPathOf(string file) => $"/health/videos/{file}";

    /// <summary>Where a slide's image is served: a starter file name, or an upload's own path (<c>/health/uploads/...</c>).</summary>
    public static string SlideImagePath(string image) =>
        image.StartsWith(Media.MediaUploads.PathPrefix, StringComparison.Ordinal) ? image : PathOf(image);

    /// <summary>The starter media file a plain name stands for, or null when the name is not one this endpoint would serve.</summary>
    public static string? StarterImageFile(IConfiguration configuration, string file) =>
        FileName().IsMatch(file) ? Path.Combine(StarterDataLoader.SeedRootFrom(configuration), "health", "slideshows", "media", file) : null;

    /// <summary>
    /// The starter videos' files from <c>data/seed/health/videos/</c> at <c>/health/videos/{file}</c>: WebM, WebVTT captions
    /// and PNG posters, with range requests (a player seeks by asking for part of the file), nosniff and the public cache.
    /// </summary>
    public static IEndpointConventionBuilder MapHealthVideos(this IEndpointRouteBuilder app) =>
        app.MapGet("/health/videos/{file}", (string file, IConfiguration configuration, HttpContext context) =>
        {
            var match = VideoFileName().Match(file);
            if (!match.Success)
                return Results.NotFound();
            var path = Path.Combine(StarterDataLoader.SeedRootFrom(configuration), "health", "videos", file);
            if (!File.Exists(path))
                return Results.NotFound();

            context.Response.Headers.XContentTypeOptions = "nosniff";
            var type = match.Groups[1].Value switch
            {
                "webm" => "video/webm",
                "vtt" => "text/vtt; charset=utf-8",
                _ => "image/png",
            };
            return Results.File(path, type, enableRangeProcessing: true);
        })
        .WithName("HealthVideos")
        .ExcludeFromDescription()
        .AllowAnonymous()
        .WithPublicCache();

    public static IEndpointConventionBuilder MapHealthMedia(this IEndpointRouteBuilder app) =>
        app.MapGet("/health/media/{file}", (string file, IConfiguration configuration, HttpContext context) =>
        {
            if (StarterImageFile(configuration, file) is not { } path || !File.Exists(path))
                return Results.NotFound();

            // SecurityHeaders keeps a policy the endpoint set; nosniff it sets anyway.
            context.Response.Headers.ContentSecurityPolicy = ImagePolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path, "image/svg+xml");
        })
        .WithName("HealthMedia")
        .ExcludeFromDescription()
        .AllowAnonymous()
        .WithPublicCache();

    [GeneratedRegex("^[a-z0-9-]+\\.svg$")]
    private static partial Regex FileName();

    [GeneratedRegex("^[a-z0-9-]+\\.(webm|vtt|png)$")]
    private static partial Regex VideoFileName();
}
