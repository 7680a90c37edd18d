using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthTopics;

internal sealed class HealthTopicConfiguration : IEntityTypeConfiguration<HealthTopic>
{
    public void Configure(EntityTypeBuilder<HealthTopic> builder)
    {
        builder.ToTable("health_topics");
        builder.HasIndex(t => t.MedlinePlusId).IsUnique();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => new { t.Language, t.Title });
        builder.Property(t => t.Slug).HasMaxLength(200);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Language).HasMaxLength(20);
        builder.Property(t => t.Url).HasMaxLength(500);
        builder.OwnsMany(t => t.Sites, s => s.ToJson());
    }
}
