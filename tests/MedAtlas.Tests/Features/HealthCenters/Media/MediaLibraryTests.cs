using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace MedAtlas.Tests.Features.HealthCenters.Media;

/// <summary>
/// The media library as staff use it, over HTTP: upload a real PNG and JPEG on /admin/content/media, see them listed with
/// their srcset and Markdown, fetch every width as inert WebP; polyglots, SVG, HTML and oversized files are refused next to
/// the field with nothing stored; nobody outside content staff reaches the page.
/// </summary>
public sealed partial class MediaLibraryTests(MediaLibraryTests.MediaApp app) : IClassFixture<MediaLibraryTests.MediaApp>
{
    /// <summary>The accounts app with a small upload limit (256 KB), so the oversized upload stays small too.</summary>
    public sealed class MediaApp : AccountsApp
    {
        public const long Limit = 256 * 1024;

        public MediaApp() => WithSetting("HealthCenters:MaxUploadBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string PagePath = "/admin/content/media";

    /// <summary>Written into the JPEG's EXIF block; it must not survive the re-encoding.</summary>
    private const string ExifMarker = "MEDATLAS-EXIF-MARKER";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>A JPEG with an EXIF block (an ImageDescription holding <see cref="ExifMarker"/>) right after its start marker.</summary>
    private static byte[] JpegWithExif(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.IndianRed);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray();

        var text = Encoding.ASCII.GetBytes(ExifMarker + "\0");
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange([0, 0, 0, 8]);
        tiff.AddRange([0, 1]); // one entry
        tiff.AddRange([0x01, 0x0E, 0, 2]); // ImageDescription, ASCII
        tiff.AddRange([0, 0, 0, (byte)text.Length]);
        tiff.AddRange([0, 0, 0, 26]); // the text follows the IFD
        tiff.AddRange([0, 0, 0, 0]); // no next IFD
        tiff.AddRange(text);
        var app1 = new List<byte>();
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        var length = app1.Count + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. app1, .. jpeg[2..]];
    }

    private async Task<HttpClient> StaffAsync(string role) =>
        await app.SignInAsync(await app.CreateAccountAsync($"media-{role.ToLowerInvariant()}-{{n}}@example.org", $"{role} Uploader", roles: role));

    /// <summary>Posts the upload form as a browser does: multipart, with the page's anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string contentType, byte[] content, string alt, string? token = null)
    {
        token ??= await client.GetFormTokenAsync(PagePath);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(alt), "Alt");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Upload", fileName);
        return await client.PostAsync(PagePath, form, Ct);
    }

    /// <summary>Uploads and follows the redirect; answers the new image's key.</summary>
    internal static async Task<string> UploadedKeyAsync(HttpClient client, string fileName, string contentType, byte[] content, string alt)
    {
        var response = await UploadAsync(client, fileName, contentType, content, alt);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {FieldErrors(await response.Content.ReadAsStringAsync(Ct))}");
        var location = response.RedirectPathAndQuery()!;
        Assert.StartsWith(PagePath + "?uploaded=", location, StringComparison.Ordinal);
        return location[(PagePath.Length + "?uploaded=".Length)..];
    }

    private static string FieldError(string html, string field) =>
        FieldErrorPattern().Matches(html).FirstOrDefault(m => m.Groups[1].Value == field) is { } m
            ? Html.Text(m.Groups[2].Value).Replace("Error: ", "", StringComparison.Ordinal) : "";

    private static string FieldErrors(string html) =>
        string.Join(" | ", FieldErrorPattern().Matches(html).Select(m => m.Groups[1].Value + ": " + Html.Text(m.Groups[2].Value)));

    private Task<int> AssetCountAsync() => app.WithDbAsync(db => db.Set<MediaAsset>().CountAsync(Ct));

    [Fact]
    public async Task A_writer_uploads_a_png_listed_with_its_srcset_and_markdown_and_every_width_is_served_as_webp()
    {
        using var writer = await StaffAsync(StaffRoles.Writer);

        var key = await UploadedKeyAsync(writer, "  pump-diagram.png", "image/png", Png(2000, 1000), "An insulin pump clipped to a belt, its tube [running] to the belly");

        Assert.Matches("^[0-9a-f]{16}$", key);
        var page = await writer.GetAsync($"{PagePath}?uploaded={key}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, page.Headers.CacheControl?.ToString());
        var text = Html.Text(html);
        Assert.Contains("is in the library", text, StringComparison.Ordinal);
        Assert.Contains("pump-diagram.png", text, StringComparison.Ordinal);
        Assert.Contains("Writer Uploader", text, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"/health/uploads/{key}-480.webp 480w, /health/uploads/{key}-960.webp 960w, /health/uploads/{key}-1600.webp 1600w\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"An insulin pump clipped to a belt, its tube [running] to the belly\"", html, StringComparison.Ordinal);
        Assert.Contains("sizes=\"", html, StringComparison.Ordinal);
        // The library lists every upload of this shared app: this one is the snippet with its key.
        var snippet = Assert.Single(Html.AttributeValues(html, "value"), v => v.StartsWith("![", StringComparison.Ordinal) && v.Contains(key, StringComparison.Ordinal));
        Assert.Equal($"![An insulin pump clipped to a belt, its tube \\[running\\] to the belly](/health/uploads/{key}-960.webp)", snippet);

        // The snippet is one image in an article, alt text and all.
        var article = app.Services.GetRequiredService<MedAtlas.Web.Infrastructure.Text.MarkdownRenderer>().ToEditorialHtml(snippet).BodyHtml;
        Assert.Contains($"<img src=\"/health/uploads/{key}-960.webp\" alt=\"An insulin pump clipped to a belt, its tube [running] to the belly\">", article, StringComparison.Ordinal);

        using var visitor = app.NewClient();
        foreach (var (width, height) in new[] { (480, 240), (960, 480), (1600, 800) })
        {
            var bytes = await AssertServedAsWebPAsync(visitor, key, width);
            using var decoded = SKBitmap.Decode(bytes);
            Assert.Equal((width, height), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public async Task A_jpeg_loses_its_exif_and_is_served_only_in_the_widths_it_has()
    {
        using var editor = await StaffAsync(StaffRoles.Editor);
        var jpeg = JpegWithExif(700, 400);
        Assert.Contains(ExifMarker, Encoding.Latin1.GetString(jpeg), StringComparison.Ordinal);

        var key = await UploadedKeyAsync(editor, "meter.jpg", "image/jpeg", jpeg, "A blood sugar meter showing a reading");

        using var visitor = app.NewClient();
        foreach (var width in new[] { 480, 700 })
        {
            var bytes = await AssertServedAsWebPAsync(visitor, key, width);
            var raw = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(ExifMarker, raw, StringComparison.Ordinal);
            Assert.DoesNotContain("EXIF", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("Exif", raw, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/health/uploads/{key}-960.webp", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/health/uploads/{key}-1600.webp", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_real_png_carrying_a_script_after_its_data_is_served_as_a_re_encoded_image_without_it()
    {
        using var writer = await StaffAsync(StaffRoles.Writer);
        var polyglot = Png(300, 200).Concat(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")).ToArray();

        var key = await UploadedKeyAsync(writer, "innocent.png", "image/png", polyglot, "A plain blue square");

        using var visitor = app.NewClient();
        var bytes = await AssertServedAsWebPAsync(visitor, key, 300);
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> AssertServedAsWebPAsync(HttpClient visitor, string key, int width)
    {
        var response = await visitor.GetAsync($"/health/uploads/{key}-{width}.webp", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"inline; filename=\"{key}-{width}.webp\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("default-src 'none'; sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 } cache && cache.Extensions.Any(e => e.Name == "immutable"),
            response.Headers.CacheControl?.ToString());
        Assert.True(bytes.AsSpan().StartsWith("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8), $"{width}: not a WebP file");
        return bytes;
    }

    private const string NotAnImage = "The file is not a JPEG, PNG, WebP or GIF image.";

    /// <summary>The GIF header's size fields read the script's first letters as a screen of tens of thousands of pixels, with no image after it.</summary>
    public static TheoryData<string, string, string, string> Disguised => new()
    {
        { "polyglot.gif", "image/gif", "GIF89a<script>alert(1)</script>", "The file starts like a GIF image but is not one." },
        { "page.png", "image/png", "<!doctype html><html><body><script>alert(1)</script></body></html>", NotAnImage },
        { "drawing.png", "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(1)</script></svg>", NotAnImage },
        { "drawing.svg", "image/svg+xml", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/></svg>", NotAnImage },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_that_is_not_really_an_image_is_refused_next_to_the_field_and_nothing_is_stored(string fileName, string contentType, string content, string refusal)
    {
        using var writer = await StaffAsync(StaffRoles.Writer);
        var before = await AssetCountAsync();

        var response = await UploadAsync(writer, fileName, contentType, Encoding.UTF8.GetBytes(content), "Looks like an image");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(refusal, FieldError(html, "Upload"));
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await AssetCountAsync());
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_empty_and_missing_files_and_a_missing_alt_text_get_clear_messages()
    {
        using var writer = await StaffAsync(StaffRoles.MedicalReviewer);
        var before = await AssetCountAsync();
        var png = Png(40, 30);
        var oversized = new byte[MediaApp.Limit + 1];
        png.CopyTo(oversized, 0);

        var tooBig = await (await UploadAsync(writer, "huge.png", "image/png", oversized, "Huge")).Content.ReadAsStringAsync(Ct);
        var empty = await (await UploadAsync(writer, "empty.png", "image/png", [], "Empty")).Content.ReadAsStringAsync(Ct);
        var noAlt = await (await UploadAsync(writer, "small.png", "image/png", png, "   ")).Content.ReadAsStringAsync(Ct);

        Assert.Equal("The file is larger than 256 KB. Make the image smaller and upload it again.", FieldError(tooBig, "Upload"));
        Assert.Equal("The file is empty. Choose the image file again.", FieldError(empty, "Upload"));
        Assert.Equal("Describe the image for people who cannot see it.", FieldError(noAlt, "Alt"));
        Assert.Equal("", FieldError(noAlt, "Upload"));
        Assert.Contains("<a href=\"#Alt\">", noAlt, StringComparison.Ordinal);
        Assert.Equal(before, await AssetCountAsync());
    }

    [Fact]
    public async Task Only_content_staff_reach_the_library_and_nobody_else_can_upload()
    {
        var before = await AssetCountAsync();
        using var member = await app.SignInAsync(await app.CreateAccountAsync("media-member-{n}@example.org", "Plain Member"));
        using var moderator = await StaffAsync(StaffRoles.Moderator);
        using var visitor = app.NewClient();

        foreach (var (who, client) in new[] { ("member", member), ("moderator", moderator) })
        {
            Assert.True((await client.GetAsync(PagePath, Ct)).StatusCode == HttpStatusCode.NotFound, $"{who} GET");
            var posted = await UploadAsync(client, "photo.png", "image/png", Png(40, 30), "A photo", await client.GetFormTokenAsync("/account"));
            Assert.True(posted.StatusCode == HttpStatusCode.NotFound, $"{who} POST answered {(int)posted.StatusCode}");
        }

        // A visitor is sent to sign in, as on every staff page (EndpointPolicyTests); the POST stores nothing either.
        var asked = await visitor.GetAsync(PagePath, Ct);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/sign-in", asked.RedirectPath());
        var visitorPost = await UploadAsync(visitor, "photo.png", "image/png", Png(40, 30), "A photo", await visitor.GetFormTokenAsync("/sign-in"));
        Assert.Equal(HttpStatusCode.Redirect, visitorPost.StatusCode);
        Assert.Equal("/sign-in", visitorPost.RedirectPath());

        Assert.Equal(before, await AssetCountAsync());
    }

    [Theory]
    [InlineData("/health/uploads/0123456789abcdef-480.webp")]
    [InlineData("/health/uploads/0123456789ABCDEF-480.webp")]
    [InlineData("/health/uploads/0123456789abcdef-480.png")]
    [InlineData("/health/uploads/0123456789abcdef.webp")]
    [InlineData("/health/uploads/..%2Fappsettings.json")]
    [InlineData("/health/uploads/0123456789abcdef-480.webp.html")]
    public async Task Unknown_or_malformed_upload_addresses_answer_404(string path)
    {
        using var visitor = app.NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(path, Ct)).StatusCode);
    }

    [GeneratedRegex("<p class=\"field-error\" id=\"([A-Za-z_]+)-error\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex FieldErrorPattern();
}
