using System.Text;
using MedAtlas.Web.Infrastructure.Media;
using SkiaSharp;

namespace MedAtlas.Tests.Infrastructure.Media;

/// <summary>
/// The shared image check on real bytes, with SkiaSharp's native library loaded on this machine: a real image comes
/// back re-encoded as WebP in widths that never upscale; HTML, SVG, polyglots and empty or oversized files are refused.
/// </summary>
public sealed class ImageUploadTests
{
    private const long TenMegabytes = 10L * 1024 * 1024;

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public void A_png_is_re_encoded_as_webp_in_widths_never_upscaled()
    {
        var result = ImageUpload.Process(Png(1000, 500), TenMegabytes);

        Assert.True(result.Accepted, result.Error);
        Assert.Equal([480, 960, 1000], result.Renditions.Select(r => r.Width));
        Assert.Equal(240, result.Renditions[0].Height);
        Assert.All(result.Renditions, r => Assert.True(r.WebP.AsSpan().StartsWith("RIFF"u8)));
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("GIF89a<script>alert(1)</script>")]
    public void Html_svg_and_a_gif_header_polyglot_are_refused(string content)
    {
        var result = ImageUpload.Process(Encoding.UTF8.GetBytes(content), TenMegabytes);

        Assert.False(result.Accepted);
    }

    /// <summary>The smallest real GIF: a 1×1 image with a two-colour global table, a graphic control extension, the image, the end.</summary>
    private static readonly byte[] OnePixelGif =
    [
        .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    [Fact]
    public void A_real_gif_is_accepted_and_a_gif_signature_before_text_is_named_for_what_it_is()
    {
        var gif = ImageUpload.Process(OnePixelGif, TenMegabytes);
        var polyglot = ImageUpload.Process(Encoding.UTF8.GetBytes("GIF89a<script>alert(1)</script>"), TenMegabytes);

        Assert.True(gif.Accepted, gif.Error);
        Assert.Equal(1, gif.Renditions.Single().Width);
        Assert.Equal("The file starts like a GIF image but is not one.", polyglot.Error);
    }

    [Fact]
    public void A_png_with_html_after_its_data_comes_back_without_the_payload()
    {
        var polyglot = Png(20, 20).Concat(Encoding.UTF8.GetBytes("<script>alert(1)</script>")).ToArray();

        var result = ImageUpload.Process(polyglot, TenMegabytes);

        Assert.True(result.Accepted, result.Error);
        Assert.DoesNotContain("<script>", Encoding.Latin1.GetString(result.Renditions.Single().WebP), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused_with_a_message()
    {
        Assert.Equal("The file is empty.", ImageUpload.Process([], TenMegabytes).Error);
        Assert.Equal("The file is larger than 10 MB.", ImageUpload.Process(new byte[TenMegabytes + 1], TenMegabytes).Error);
    }
}
