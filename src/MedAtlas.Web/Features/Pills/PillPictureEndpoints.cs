using System.Globalization;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Pills;

/// <summary>Where a pill's pages and pictures live, in one place so pages, cards and the API agree.</summary>
internal static class PillUrls
{
    public const string Identifier = "/pill-identifier";

    public static string Pill(int id) => $"/pills/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string Photo(int pillId, int imageId) => $"{Pill(pillId)}/images/{imageId.ToString(CultureInfo.InvariantCulture)}";

    public static string Drawing(int pillId) => $"{Pill(pillId)}/picture.svg";

    public static string Compare(IEnumerable<int> ids) => $"/pills/compare?ids={string.Join(',', ids)}";

    /// <summary>"PD;155;10" as a person reads it: PD, 155, 10.</summary>
    public static IReadOnlyList<string> ImprintBlocks(string imprint) =>
        [.. imprint.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string ImprintForReading(string imprint) => string.Join(' ', ImprintBlocks(imprint));
}

/// <summary>
/// The pictures: a label's photo, served from the database, and the drawing for a pill without one.
/// Not part of the JSON API, though its responses link here.
/// </summary>
internal static class PillPictureEndpoints
{
    // An image id names one stored file that is never rewritten (a changed photo is a new row), so browsers may keep it.
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    // A drawing follows the pill's data and the renderer, both of which can change under the same id.
    private const string DrawingCache = "public, max-age=3600";

    public static IEndpointRouteBuilder MapPillPictures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pills/{id:int}/images/{imageId:int}", PhotoAsync).WithName("PillPhoto").WithPublicCache().ExcludeFromDescription();
        app.MapGet("/pills/{id:int}/picture.svg", DrawingAsync).WithName("PillDrawing").WithPublicCache().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PhotoAsync(int id, int imageId, PillCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        if (await catalog.PhotoAsync(id, imageId, cancellationToken) is not { } photo)
            return TypedResults.NotFound();

        context.Response.Headers.CacheControl = ImmutableCache;
        // Bytes from an imported file: the browser must take the declared type, never guess one (say, HTML).
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(photo.Content, photo.ContentType);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> DrawingAsync(int id, PillSearch search, HttpContext context, CancellationToken cancellationToken)
    {
        var pill = (await search.CurrentAsync(cancellationToken)).Find(id);
        if (pill is null)
            return TypedResults.NotFound();

        context.Response.Headers.CacheControl = DrawingCache;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(PillPicture.Svg(pill.Appearance, 160), "image/svg+xml; charset=utf-8");
    }
}
