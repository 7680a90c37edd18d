using System.Security.Cryptography;
using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Media;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters.Media;

/// <summary>Which field of the upload form a message belongs to.</summary>
internal enum MediaField
{
    File,
    Alt,
}

internal sealed record MediaFieldError(MediaField Field, string Message);

/// <summary>An uploaded image as the library lists it: everything but the bytes.</summary>
internal sealed record MediaItem(string Key, string FileName, string Alt, string UploaderName, DateTime UploadedAt, int Width, int Height, IReadOnlyList<int> Widths)
{
    /// <summary>The width an article links by default: 960 when there is one, else the largest below it, else the smallest.</summary>
    public int ArticleWidth => Widths.Where(w => w <= 960).DefaultIfEmpty(Widths[0]).Max();

    public string Url(int width) => MediaLibrary.PathOf(Key, width);

    public string SrcSet => string.Join(", ", Widths.Select(w => $"{Url(w)} {w}w"));

    /// <summary>What a writer pastes into an article's Markdown.</summary>
    public string MarkdownSnippet => $"![{MediaLibrary.MarkdownText(Alt)}]({Url(ArticleWidth)})";
}

internal sealed record MediaPage(IReadOnlyList<MediaItem> Items, int Page, int PageCount, int Total);

internal sealed record MediaUploadResult(MediaItem? Item, IReadOnlyList<MediaFieldError> Errors)
{
    public bool Uploaded => Item is not null;
}

/// <summary>
/// The health centers' media library (issue 11): staff upload images, which are checked by their bytes and re-encoded by
/// <see cref="ImageUpload"/>, stored with their alt text in the database and listed newest first.
/// </summary>
internal sealed class MediaLibrary(MedAtlasDbContext db, MediaSettings settings, TimeProvider time)
{
    public const int PageSize = 24;

    public static string PathOf(string key, int width) =>
        $"{MediaUploads.PathPrefix}{key}-{width.ToString(System.Globalization.CultureInfo.InvariantCulture)}.webp";

    public async Task<MediaUploadResult> UploadAsync(string? actorId, string actorName, string? fileName, string? alt, Stream? content, CancellationToken cancellationToken)
    {
        var errors = new List<MediaFieldError>();
        alt = string.Join(' ', (alt ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (alt.Length == 0)
            errors.Add(new(MediaField.Alt, "Describe the image for people who cannot see it."));
        else if (alt.Length > MediaAsset.AltMaxLength)
            errors.Add(new(MediaField.Alt, $"Keep the description to {MediaAsset.AltMaxLength} characters or fewer (it has {alt.Length})."));

        var bytes = content is null ? null : await ReadAtMostAsync(content, settings.MaxUploadBytes + 1, cancellationToken);
        ImageUploadResult? image = null;
        if (bytes is null || (bytes.Length == 0 && string.IsNullOrWhiteSpace(fileName)))
            errors.Add(new(MediaField.File, "Choose an image file to upload."));
        else if (bytes.Length == 0)
            errors.Add(new(MediaField.File, "The file is empty. Choose the image file again."));
        else if (bytes.Length > settings.MaxUploadBytes)
            errors.Add(new(MediaField.File, $"The file is larger than {settings.MaxUploadText}. Make the image smaller and upload it again."));
        else
        {
            image = ImageUpload.Process(bytes, settings.MaxUploadBytes);
            if (!image.Accepted)
                errors.Add(new(MediaField.File, image.Error!));
        }

        if (errors.Count > 0 || image is null)
            return new MediaUploadResult(null, errors);

        var largest = image.Renditions[^1];
        var asset = new MediaAsset
        {
            Key = RandomNumberGenerator.GetHexString(MediaAsset.KeyLength, lowercase: true),
            FileName = Cut(Path.GetFileName(fileName ?? "").Trim(), MediaAsset.FileNameMaxLength),
            Alt = alt,
            UploaderAccountId = actorId,
            UploaderName = Cut(actorName, MediaAsset.UploaderNameMaxLength),
            UploadedAt = time.GetUtcNow().UtcDateTime,
            Width = largest.Width,
            Height = largest.Height,
            Renditions = [.. image.Renditions.Select(r => new MediaRendition { Width = r.Width, Height = r.Height, ByteLength = r.WebP.Length, WebP = r.WebP })],
        };
        db.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return new MediaUploadResult(
            new MediaItem(asset.Key, asset.FileName, asset.Alt, asset.UploaderName, asset.UploadedAt, asset.Width, asset.Height, [.. asset.Renditions.Select(r => r.Width)]),
            []);
    }

    /// <summary>Newest first, <see cref="PageSize"/> a page (page numbers from 1; past the end is the last page).</summary>
    public async Task<MediaPage> ListAsync(int page, CancellationToken cancellationToken)
    {
        var total = await db.Set<MediaAsset>().CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await db.Set<MediaAsset>().AsNoTracking()
            .OrderByDescending(a => a.UploadedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Key, a.FileName, a.Alt, a.UploaderName, a.UploadedAt, a.Width, a.Height,
                Widths = a.Renditions.OrderBy(r => r.Width).Select(r => r.Width).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new MediaPage(
            [.. rows.Select(r => new MediaItem(r.Key, r.FileName, r.Alt, r.UploaderName, DateTime.SpecifyKind(r.UploadedAt, DateTimeKind.Utc), r.Width, r.Height, r.Widths))],
            page, pageCount, total);
    }

    /// <summary>One rendition's bytes, or null for an unknown key or width.</summary>
    public Task<byte[]?> RenditionAsync(string key, int width, CancellationToken cancellationToken) =>
        db.Set<MediaRendition>().AsNoTracking()
            .Where(r => r.Width == width && db.Set<MediaAsset>().Any(a => a.Id == r.AssetId && a.Key == key))
            .Select(r => r.WebP)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether an upload has a rendition of this width (a slide names one by its path).</summary>
    public Task<bool> ExistsAsync(string key, int width, CancellationToken cancellationToken) =>
        db.Set<MediaRendition>().AnyAsync(r => r.Width == width && db.Set<MediaAsset>().Any(a => a.Id == r.AssetId && a.Key == key), cancellationToken);

    /// <summary>Alt text inside Markdown's image brackets: brackets and backslashes escaped so the snippet stays one image.</summary>
    public static string MarkdownText(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']')
                escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
