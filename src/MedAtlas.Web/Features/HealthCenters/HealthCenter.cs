using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>
/// A hub about one condition area (Diabetes, Heart Health): its articles, slideshows, videos and tools. Conditions, drugs
/// and tools are stored by the other features' stable keys (their slugs) and resolved through their services, never joined.
/// </summary>
internal sealed class HealthCenter
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Summary { get; set; }

    /// <summary>Position on /health and in lists; lower first.</summary>
    public int Order { get; set; }

    public ContentOrigin Origin { get; set; }

    /// <summary>Slugs of the Conditions feature's conditions this center covers.</summary>
    public List<string> ConditionSlugs { get; set; } = [];

    /// <summary>Slugs of the catalogue's drugs most relevant to the center (the site also derives drugs from the conditions).</summary>
    public List<string> DrugSlugs { get; set; } = [];

    /// <summary>Slugs of <c>/tools/{slug}</c> pages.</summary>
    public List<string> ToolSlugs { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public string Path => $"/health/{Slug}";
}

internal sealed class HealthCenterConfiguration : IEntityTypeConfiguration<HealthCenter>
{
    public void Configure(EntityTypeBuilder<HealthCenter> builder)
    {
        builder.ToTable("health_centers");
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(c => c.Path);
    }
}
