using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters.Editorial;

/// <summary>
/// One step of the editorial workflow, for the history: who did what to which revision, when, and what they said (a
/// reviewer's comment when sending back, the reason for unpublishing). Written by <see cref="ContentWorkflow"/> in the same
/// SaveChanges as the change itself, so the history never misses a step or shows one that did not happen.
/// </summary>
internal sealed class ContentEvent
{
    public long Id { get; set; }

    public int ItemId { get; set; }

    public ContentItem? Item { get; set; }

    public int RevisionId { get; set; }

    public ContentRevision? Revision { get; set; }

    /// <summary>Drafted, Edited, Submitted, Approved, SentBack, Scheduled, Published, Unpublished, Restored.</summary>
    public required string Action { get; set; }

    /// <summary>Null for the scheduled-publication job.</summary>
    public string? ActorAccountId { get; set; }

    public required string ActorName { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class ContentEventConfiguration : IEntityTypeConfiguration<ContentEvent>
{
    public void Configure(EntityTypeBuilder<ContentEvent> builder)
    {
        builder.ToTable("health_content_events");
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.ActorAccountId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Comment).HasMaxLength(2000);
        builder.HasIndex(e => new { e.ItemId, e.At });
        builder.HasOne(e => e.Item).WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Revision).WithMany().HasForeignKey(e => e.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}
