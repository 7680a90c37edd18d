using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.HealthCenters.Media;

/// <summary>
/// Serves the media library's renditions at <c>/health/uploads/{key}-{width}.webp</c>. Only bytes the server re-encoded
/// itself are ever served, always as <c>image/webp</c> with nosniff, an inline file name and a CSP that forbids everything,
/// sandboxed: even opened on its own, an upload is an image and never a document that runs. A key never changes its
/// bytes, so the public cache may keep them for a year.
/// </summary>
internal static partial class MediaUploads
{
    public const string Policy = "default-src 'none'; sandbox";

    public const string PathPrefix = "/health/uploads/";

    /// <summary>The key and width of an upload's path as <see cref="MediaLibrary.PathOf"/> writes it; false for anything else.</summary>
    public static bool TryParsePath(string path, out string key, out int width)
    {
        (key, width) = ("", 0);
        return path.StartsWith(PathPrefix, StringComparison.Ordinal) && TryParseFile(path[PathPrefix.Length..], out key, out width);
    }

    private static bool TryParseFile(string file, out string key, out int width)
    {
        var match = FileName().Match(file);
        key = match.Success ? match.Groups[1].Value : "";
        width = 0;
        return match.Success && int.TryParse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out width);
    }

    public static IEndpointConventionBuilder MapHealthUploads(this IEndpointRouteBuilder app) =>
        app.MapGet(PathPrefix + "{file}", async (string file, MediaLibrary library, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!TryParseFile(file, out var key, out var width))
                return Results.NotFound();
            var bytes = await library.RenditionAsync(key, width, cancellationToken);
            if (bytes is null)
                return Results.NotFound();

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentDisposition = $"inline; filename=\"{file}\"";
            headers.CacheControl = CachingHeaders.Immutable;
            return Results.Bytes(bytes, "image/webp");
        })
        .WithName("HealthUploads")
        .ExcludeFromDescription()
        .AllowAnonymous()
        .WithPublicCache();

    [GeneratedRegex("^([0-9a-f]{16})-([0-9]{1,4})\\.webp$")]
    private static partial Regex FileName();
}
