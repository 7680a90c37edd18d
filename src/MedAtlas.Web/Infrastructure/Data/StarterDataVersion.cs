using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>Which version (content fingerprint) of a starter data set was last applied.</summary>
internal sealed class StarterDataVersion
{
    public required string Name { get; set; }
    public required string Fingerprint { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

internal sealed class StarterDataVersionConfiguration : IEntityTypeConfiguration<StarterDataVersion>
{
    public void Configure(EntityTypeBuilder<StarterDataVersion> builder)
    {
        builder.ToTable("starter_data_versions");
        builder.HasKey(v => v.Name);
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Fingerprint).HasMaxLength(64);
    }
}
