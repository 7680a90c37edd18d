using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// A video revision's files: the WebM, its WebVTT captions and its poster, file names under the starter videos folder
/// (<c>/health/videos/{file}</c>, served by <see cref="HealthMedia"/>), and the video's length. The transcript is the
/// revision's body.
/// </summary>
internal sealed class ContentVideo
{
    public int Id { get; set; }

    public int RevisionId { get; set; }

    public required string File { get; set; }

    public required string Captions { get; set; }

    public required string Poster { get; set; }

    public int DurationSeconds { get; set; }

    public bool SameAs(ContentVideo? other) =>
        other is not null && File == other.File && Captions == other.Captions && Poster == other.Poster && DurationSeconds == other.DurationSeconds;
}

internal sealed class ContentVideoConfiguration : IEntityTypeConfiguration<ContentVideo>
{
    public void Configure(EntityTypeBuilder<ContentVideo> builder)
    {
        builder.ToTable("health_content_videos");
        builder.Property(v => v.File).HasMaxLength(200);
        builder.Property(v => v.Captions).HasMaxLength(200);
        builder.Property(v => v.Poster).HasMaxLength(200);
        builder.HasOne<ContentRevision>().WithOne(r => r.Video).HasForeignKey<ContentVideo>(v => v.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}
