using MedAtlas.Web.Features.HealthCenters.Media;

namespace MedAtlas.Web.Features.HealthCenters.Editorial;

/// <summary>
/// Whether a slide's image is one the site can show: a starter media file that exists (<c>low-blood-sugar-1.svg</c>) or a
/// rendition in the media library (<c>/health/uploads/{key}-{width}.webp</c>, as the library's page shows it).
/// </summary>
internal sealed class SlideImages(IConfiguration configuration, MediaLibrary media)
{
    /// <summary>Null when <paramref name="image"/> is fine, otherwise what is wrong with it.</summary>
    public async Task<string?> ProblemAsync(string image, CancellationToken cancellationToken)
    {
        if (MediaUploads.TryParsePath(image, out var key, out var width))
            return await media.ExistsAsync(key, width, cancellationToken) ? null : $"There is no uploaded image at {image}: copy its address from the media library.";
        if (HealthMedia.StarterImageFile(configuration, image) is { } file && File.Exists(file))
            return null;
        return $"There is no image \"{image}\": use an address from the media library, like /health/uploads/0123456789abcdef-960.webp.";
    }
}
