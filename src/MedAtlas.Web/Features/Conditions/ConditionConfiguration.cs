using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Conditions;

internal sealed class ConditionConfiguration : IEntityTypeConfiguration<Condition>
{
    public void Configure(EntityTypeBuilder<Condition> builder)
    {
        builder.ToTable("conditions");
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.Property(c => c.Slug).HasMaxLength(200);
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
    }
}
