using SkiaSharp;

namespace MedAtlas.Web.Infrastructure.Media;

/// <summary>One stored width of an accepted image: re-encoded WebP bytes, without any of the upload's metadata.</summary>
public sealed record ImageRendition(int Width, int Height, byte[] WebP);

/// <summary>The outcome of checking an upload: the renditions, or a message for the person who sent it.</summary>
public sealed record ImageUploadResult(IReadOnlyList<ImageRendition> Renditions, string? Error)
{
    public bool Accepted => Error is null;

    public static ImageUploadResult Refused(string error) => new([], error);
}

/// <summary>
/// Checks an uploaded image by its bytes only (magic numbers, then a real decode; never the name or declared type),
/// and re-encodes it with SkiaSharp (EXIF orientation applied, metadata gone) in a few widths, never upscaling.
/// JPEG, PNG, WebP and GIF (first frame) are accepted; SVG, HTML and anything that does not decode are refused.
/// </summary>
public static class ImageUpload
{
    public static readonly int[] Widths = [480, 960, 1600];

    /// <summary>Decompression bombs: an image with more pixels than this is refused before it is decoded.</summary>
    public const long MaxPixels = 40_000_000;

    public static ImageUploadResult Process(ReadOnlySpan<byte> bytes, long maxBytes)
    {
        if (bytes.Length == 0)
        {
            return ImageUploadResult.Refused("The file is empty.");
        }

        if (bytes.Length > maxBytes)
        {
            return ImageUploadResult.Refused($"The file is larger than {maxBytes / (1024 * 1024)} MB.");
        }

        if (!HasImageSignature(bytes))
        {
            return ImageUploadResult.Refused("The file is not a JPEG, PNG, WebP or GIF image.");
        }

        if (IsGif(bytes) && !HasGifBlocks(bytes))
        {
            return ImageUploadResult.Refused("The file starts like a GIF image but is not one.");
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return ImageUploadResult.Refused("The image could not be read.");
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            return ImageUploadResult.Refused(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The image is {info.Width:N0} × {info.Height:N0} pixels; at most {MaxPixels / 1_000_000} million pixels are accepted."));
        }

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return ImageUploadResult.Refused("The image could not be read.");
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var renditions = new List<ImageRendition>();
        foreach (var width in Widths.Where(w => w < upright.Width).Append(Math.Min(upright.Width, Widths[^1])).Distinct().Order())
        {
            var height = Math.Max(1, (int)Math.Round((double)upright.Height * width / upright.Width));
            using var resized = width == upright.Width
                ? upright.Copy()
                : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized);
            using var encoded = image.Encode(SKEncodedImageFormat.Webp, 82);
            renditions.Add(new ImageRendition(width, height, encoded.ToArray()));
        }

        return new ImageUploadResult(renditions, null);
    }

    private static bool HasImageSignature(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0xFF, 0xD8, 0xFF])
        || b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || IsGif(b)
        || (b.Length >= 12 && b.StartsWith("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8));

    private static bool IsGif(ReadOnlySpan<byte> b) => b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8);

    /// <summary>
    /// A GIF's 13-byte header (signature, screen size, flags) is followed by its global colour table when the flags
    /// say there is one, and then by a block: an image (0x2C), an extension (0x21) or the end (0x3B). Text after a GIF
    /// signature (<c>GIF89a&lt;script&gt;</c>) reads as a screen of tens of thousands of pixels with no such block.
    /// </summary>
    private static bool HasGifBlocks(ReadOnlySpan<byte> b)
    {
        if (b.Length < 14)
            return false;
        var flags = b[10];
        var next = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 0x07) + 1) : 0);
        return next < b.Length && b[next] is 0x2C or 0x21 or 0x3B;
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(target);
        var (w, h) = (source.Width, source.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return target;
    }
}
