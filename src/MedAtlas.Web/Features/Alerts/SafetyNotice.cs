using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>
/// One item of an FDA RSS feed: a press-release recall or a MedWatch safety communication. Kept in FDA's words
/// (title, summary) with its link; <see cref="Source"/> + <see cref="ItemKey"/> is the import's key.
/// </summary>
internal sealed class SafetyNotice
{
    /// <summary>FDA's press-release recalls feed.</summary>
    public const string RecallsFeed = "fda-recalls-rss";

    /// <summary>FDA's MedWatch safety alerts feed.</summary>
    public const string MedWatchFeed = "fda-medwatch-rss";

    public int Id { get; set; }

    /// <summary>The configured feed's name: <see cref="RecallsFeed"/>, <see cref="MedWatchFeed"/> or another configured one.</summary>
    public required string Source { get; set; }

    /// <summary>The item's guid, else its link: stable across fetches of the feed.</summary>
    public required string ItemKey { get; set; }

    public required string Title { get; set; }

    /// <summary>The item's link on fda.gov (absolute http(s) only; others are refused at import).</summary>
    public required string Link { get; set; }

    /// <summary>The item's pubDate (UTC).</summary>
    public DateTime PublishedAt { get; set; }

    /// <summary>The description as plain text (markup removed at import).</summary>
    public required string Summary { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<SafetyNoticeMatch> Matches { get; set; } = [];
}

/// <summary>That a notice concerns a catalogue drug: found by name (<see cref="RecallMatchKind.Name"/>) or linked by an editor (<see cref="RecallMatchKind.Manual"/>).</summary>
internal sealed class SafetyNoticeMatch
{
    public int Id { get; set; }

    public int NoticeId { get; set; }

    public required string DrugSlug { get; set; }

    public RecallMatchKind How { get; set; }

    /// <summary>As on <see cref="RecallMatch.Confidence"/>: <see cref="RecallMatch.Low"/> for a name, <see cref="RecallMatch.High"/> for an editor's link.</summary>
    public required string Confidence { get; set; }
}

internal sealed class SafetyNoticeConfiguration : IEntityTypeConfiguration<SafetyNotice>
{
    public void Configure(EntityTypeBuilder<SafetyNotice> builder)
    {
        builder.ToTable("safety_notices");
        builder.Property(n => n.Source).HasMaxLength(40);
        builder.Property(n => n.ItemKey).HasMaxLength(1000);
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Link).HasMaxLength(1000);
        builder.HasIndex(n => new { n.Source, n.ItemKey }).IsUnique();
        builder.HasIndex(n => n.PublishedAt);
        builder.HasMany(n => n.Matches).WithOne().HasForeignKey(m => m.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SafetyNoticeMatchConfiguration : IEntityTypeConfiguration<SafetyNoticeMatch>
{
    public void Configure(EntityTypeBuilder<SafetyNoticeMatch> builder)
    {
        builder.ToTable("safety_notice_matches");
        builder.Property(m => m.DrugSlug).HasMaxLength(200);
        builder.Property(m => m.How).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Confidence).HasMaxLength(10);
        builder.HasIndex(m => new { m.NoticeId, m.DrugSlug }).IsUnique();
        builder.HasIndex(m => m.DrugSlug);
    }
}
