using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>What a content item is; each kind has its own public address.</summary>
internal enum ContentKind
{
    /// <summary><c>/health/{center}/{slug}</c>: the slug is unique within its center.</summary>
    Article = 0,

    /// <summary><c>/slideshows/{slug}</c>: the slug is unique among slideshows.</summary>
    Slideshow = 1,

    /// <summary><c>/videos/{slug}</c> (wave 2): the slug is unique among videos.</summary>
    Video = 2,
}

/// <summary>
/// An article, slideshow or video: the stable identity (kind, center, slug) that revisions are versions of. What readers
/// see is the revision <see cref="PublishedRevisionId"/> points at; with none, the item is not public.
/// </summary>
internal sealed class ContentItem
{
    /// <summary>The public address of an item of this kind: the one place that knows each kind's route.</summary>
    public static string PathOf(ContentKind kind, string centerSlug, string slug) => kind switch
    {
        ContentKind.Article => $"/health/{centerSlug}/{slug}",
        ContentKind.Video => $"/videos/{slug}",
        _ => $"/slideshows/{slug}",
    };

    public int Id { get; set; }

    public ContentKind Kind { get; set; }

    public int CenterId { get; set; }

    public HealthCenter Center { get; set; } = null!;

    public required string Slug { get; set; }

    /// <summary>Shown first on its center and in the home page's "Today" strip.</summary>
    public bool Featured { get; set; }

    public ContentOrigin Origin { get; set; }

    public int? PublishedRevisionId { get; set; }

    public ContentRevision? PublishedRevision { get; set; }

    public List<ContentRevision> Revisions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> builder)
    {
        builder.ToTable("health_content_items");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Slug).HasMaxLength(150);
        builder.Property(i => i.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => new { i.Kind, i.CenterId, i.Slug }).IsUnique();
        // Slideshows and videos live at /slideshows/{slug} and /videos/{slug}: their slugs are unique across centers.
        // The filter is plain SQL both SQLite and PostgreSQL read the same way.
        builder.HasIndex(i => new { i.Kind, i.Slug }).IsUnique().HasFilter("\"Kind\" <> 'Article'")
            .HasDatabaseName("IX_health_content_items_Kind_Slug_unique_outside_centers");
        builder.HasOne(i => i.Center).WithMany().HasForeignKey(i => i.CenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Revisions).WithOne(r => r.Item).HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.PublishedRevision).WithMany().HasForeignKey(i => i.PublishedRevisionId).OnDelete(DeleteBehavior.SetNull);
    }
}
