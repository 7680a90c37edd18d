using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters.Media;

/// <summary>
/// An image uploaded to the health-center media library. Its <see cref="Key"/> is random and public, names the image's
/// addresses (<c>/health/uploads/{key}-{width}.webp</c>) and never points at other bytes, so they are cached as immutable.
/// The uploaded file itself is never kept: only its re-encoded renditions.
/// </summary>
internal sealed class MediaAsset
{
    public const int KeyLength = 16;
    public const int FileNameMaxLength = 200;
    public const int AltMaxLength = 300;
    public const int UploaderNameMaxLength = 200;

    public int Id { get; set; }

    public required string Key { get; set; }

    /// <summary>The name the file had on the uploader's computer, shown in the library only; never used in an address.</summary>
    public required string FileName { get; set; }

    public required string Alt { get; set; }

    public string? UploaderAccountId { get; set; }

    public required string UploaderName { get; set; }

    public DateTime UploadedAt { get; set; }

    /// <summary>The largest rendition's size.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public List<MediaRendition> Renditions { get; set; } = [];
}

/// <summary>
/// One width of an asset: the WebP bytes themselves, in the database, so that every node serves every upload without a
/// shared disk. Images are small after re-encoding (tens to hundreds of kilobytes).
/// </summary>
internal sealed class MediaRendition
{
    public int AssetId { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public int ByteLength { get; set; }

    public required byte[] WebP { get; set; }
}

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable("health_media_assets");
        builder.Property(a => a.Key).HasMaxLength(MediaAsset.KeyLength);
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.FileName).HasMaxLength(MediaAsset.FileNameMaxLength);
        builder.Property(a => a.Alt).HasMaxLength(MediaAsset.AltMaxLength);
        builder.Property(a => a.UploaderAccountId).HasMaxLength(450);
        builder.Property(a => a.UploaderName).HasMaxLength(MediaAsset.UploaderNameMaxLength);
        builder.HasIndex(a => a.UploadedAt);
        builder.HasMany(a => a.Renditions).WithOne().HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaRenditionConfiguration : IEntityTypeConfiguration<MediaRendition>
{
    public void Configure(EntityTypeBuilder<MediaRendition> builder)
    {
        builder.ToTable("health_media_renditions");
        builder.HasKey(r => new { r.AssetId, r.Width });
    }
}
