using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Site;

/// <summary>An editorial page about the site itself: about, editorial policy, privacy, medical disclaimer.</summary>
internal sealed class SitePage
{
    public int Id { get; set; }

    /// <summary>"about" is the page at /about; any other slug is at /about/{slug}.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    /// <summary>Sanitized HTML rendered from the Markdown source when the page is stored, not per request.</summary>
    public required string BodyHtml { get; set; }

    public ContentOrigin Origin { get; set; }

    public DateOnly LastReviewed { get; set; }

    public string Path => Slug == "about" ? "/about" : $"/about/{Slug}";
}

internal sealed class SitePageConfiguration : IEntityTypeConfiguration<SitePage>
{
    public void Configure(EntityTypeBuilder<SitePage> builder)
    {
        builder.ToTable("site_pages");
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Slug).HasMaxLength(100);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Summary).HasMaxLength(500);
        builder.Ignore(p => p.Path);
    }
}
