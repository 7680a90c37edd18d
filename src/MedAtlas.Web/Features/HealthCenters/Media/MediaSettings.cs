using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.HealthCenters.Media;

/// <summary><c>HealthCenters:MaxUploadBytes</c> (docs/configuration.md): the largest image the media library accepts.</summary>
internal sealed record MediaSettings(long MaxUploadBytes)
{
    public const long DefaultMaxUploadBytes = 10L * 1024 * 1024;
    public const long SmallestMaxUploadBytes = 64L * 1024;
    public const long LargestMaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>
    /// The upload form's request limit: above the largest setting, so that a file over the configured size still reaches
    /// the page and is refused with a message next to the field instead of a bare 413.
    /// </summary>
    public const long RequestLimit = LargestMaxUploadBytes + (14L * 1024 * 1024);

    public static MediaSettings From(IConfiguration configuration)
    {
        var value = configuration.GetValue<long?>("HealthCenters:MaxUploadBytes") ?? DefaultMaxUploadBytes;
        if (value is < SmallestMaxUploadBytes or > LargestMaxUploadBytes)
            throw new MedAtlasConfigurationException(
                $"HealthCenters:MaxUploadBytes is {value}; it must be a number of bytes from {SmallestMaxUploadBytes} (64 KB) to {LargestMaxUploadBytes} (50 MB).");
        return new MediaSettings(value);
    }

    /// <summary>"10 MB", or "64 KB" for a limit under a megabyte.</summary>
    public string MaxUploadText => MaxUploadBytes >= 1024 * 1024
        ? (MaxUploadBytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (MaxUploadBytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
}
