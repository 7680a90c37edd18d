using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// Where a revision is in the editorial workflow. Published is live; a published revision replaced by a newer one is
/// Superseded (kept for the history), one taken down is Unpublished.
/// </summary>
internal enum RevisionState
{
    Draft = 0,
    InReview = 1,
    Approved = 2,
    Published = 3,
    Unpublished = 4,
    Superseded = 5,
}

/// <summary>One heading of a revision's table of contents (<c>##</c> is level 2, <c>###</c> level 3).</summary>
internal sealed record TocEntry(int Level, string Id, string Text);

/// <summary>
/// One version of a content item. Every edit is a new revision; the HTML and the table of contents are computed when the
/// revision is saved, so a page view only reads them. Starter revisions have no author or reviewer account: they are the
/// MedAtlas editorial team's (PRODUCT.md: never a named doctor).
/// </summary>
internal sealed class ContentRevision
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public ContentItem Item { get; set; } = null!;

    /// <summary>1, 2, 3... within the item.</summary>
    public int Number { get; set; }

    public RevisionState State { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string BodyMarkdown { get; set; }

    /// <summary>Sanitized HTML of the body without its footnotes.</summary>
    public required string BodyHtml { get; set; }

    /// <summary>Sanitized HTML of the footnotes: the "Sources" list (empty when there are none).</summary>
    public string SourcesHtml { get; set; } = "";

    public int SourceCount { get; set; }

    public List<TocEntry> TableOfContents { get; set; } = [];

    public List<string> Topics { get; set; } = [];

    public List<string> ConditionSlugs { get; set; } = [];

    public List<string> DrugSlugs { get; set; } = [];

    /// <summary>Medical content cannot be published without a recorded medical review (issue 11's gate).</summary>
    public bool Medical { get; set; } = true;

    public string? AuthorAccountId { get; set; }

    public required string AuthorName { get; set; }

    public string? ReviewerAccountId { get; set; }

    public string? ReviewerName { get; set; }

    public string? ReviewerCredentials { get; set; }

    public DateOnly? WrittenOn { get; set; }

    public DateOnly? ReviewedOn { get; set; }

    public DateOnly? ReviewValidUntil { get; set; }

    /// <summary>A scheduled publication (wave 2's editor); null publishes when approved and published by hand.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ContentSlide> Slides { get; set; } = [];

    /// <summary>A video revision's files; null for articles and slideshows.</summary>
    public ContentVideo? Video { get; set; }
}

/// <summary>One slide of a slideshow revision.</summary>
internal sealed class ContentSlide
{
    public int Id { get; set; }

    public int RevisionId { get; set; }

    /// <summary>1-based: the n of /slideshows/{slug}/{n}.</summary>
    public int Position { get; set; }

    public required string Title { get; set; }

    /// <summary>A file name under the starter media folder (<c>/health/media/{file}</c>); wave 2 adds uploaded media.</summary>
    public required string Image { get; set; }

    public required string Alt { get; set; }

    public required string CaptionMarkdown { get; set; }

    public required string CaptionHtml { get; set; }
}

internal sealed class ContentRevisionConfiguration : IEntityTypeConfiguration<ContentRevision>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ContentRevision> builder)
    {
        builder.ToTable("health_content_revisions");
        builder.HasIndex(r => new { r.ItemId, r.Number }).IsUnique();
        builder.HasIndex(r => new { r.State, r.PublishAt });
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.Summary).HasMaxLength(1000);
        builder.Property(r => r.AuthorAccountId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(200);
        builder.Property(r => r.ReviewerAccountId).HasMaxLength(450);
        builder.Property(r => r.ReviewerName).HasMaxLength(200);
        builder.Property(r => r.ReviewerCredentials).HasMaxLength(200);
        // A small list read whole with its revision: one JSON text column, the same on both providers.
        builder.Property(r => r.TableOfContents).HasConversion(
            toc => JsonSerializer.Serialize(toc, JsonOptions),
            json => JsonSerializer.Deserialize<List<TocEntry>>(json, JsonOptions) ?? new List<TocEntry>(),
            new ValueComparer<List<TocEntry>>(
                (a, b) => a!.SequenceEqual(b!),
                toc => toc.Aggregate(0, (hash, entry) => HashCode.Combine(hash, entry)),
                toc => toc.ToList()));
        builder.HasMany(r => r.Slides).WithOne().HasForeignKey(s => s.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContentSlideConfiguration : IEntityTypeConfiguration<ContentSlide>
{
    public void Configure(EntityTypeBuilder<ContentSlide> builder)
    {
        builder.ToTable("health_content_slides");
        builder.HasIndex(s => new { s.RevisionId, s.Position }).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Image).HasMaxLength(200);
        builder.Property(s => s.Alt).HasMaxLength(1000);
    }
}
