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

    public static IEndpointConventionBuilder MapHealthUploads(this IEndpointRouteBuilder app) =>
        app.MapGet("/health/uploads/{file}", async (string file, MediaLibrary library, HttpContext context, CancellationToken cancellationToken) =>
        {
            var match = FileName().Match(file);
            if (!match.Success || !int.TryParse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var width))
                return Results.NotFound();
            var bytes = await library.RenditionAsync(match.Groups[1].Value, width, cancellationToken);
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
