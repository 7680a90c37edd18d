using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>
/// Where a fetching job stands with one source (the openFDA API, each RSS feed): what it has seen, so the next run
/// asks only for newer records, and when it last re-checked everything. One row per source; the job that owns the
/// source is the only writer (the job host runs it on one node at a time).
/// </summary>
internal sealed class AlertSource
{
    /// <summary>"openfda-api", or the feed's name (<see cref="SafetyNotice.RecallsFeed"/>, ...).</summary>
    public required string Name { get; set; }

    /// <summary>The newest thing seen: for openFDA the newest report_date (YYYYMMDD); for a feed the newest pubDate (round-trip "O").</summary>
    public string? Watermark { get; set; }

    /// <summary>When open recalls' statuses were last all re-checked.</summary>
    public DateTime? LastFullCheckAt { get; set; }

    public DateTime? LastRunAt { get; set; }
}

internal enum AlertRunOutcome
{
    Succeeded,

    /// <summary>Some pages or items failed (kept for the next run); what was read is stored.</summary>
    Partial,

    Failed,
}

/// <summary>One run of a fetching job against one source, as Admins see it on /admin/alerts.</summary>
internal sealed class AlertSourceRun
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    public AlertRunOutcome Outcome { get; set; }

    /// <summary>"incremental" or "full re-check".</summary>
    public required string Mode { get; set; }

    public int Requests { get; set; }

    public int Retries { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Rejected { get; set; }

    /// <summary>What went wrong, for Admins (no personal data: these are public records).</summary>
    public string? Error { get; set; }
}

internal sealed class AlertSourceConfiguration : IEntityTypeConfiguration<AlertSource>
{
    public void Configure(EntityTypeBuilder<AlertSource> builder)
    {
        builder.ToTable("alert_sources");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(40);
        builder.Property(s => s.Watermark).HasMaxLength(40);
    }
}

internal sealed class AlertSourceRunConfiguration : IEntityTypeConfiguration<AlertSourceRun>
{
    public void Configure(EntityTypeBuilder<AlertSourceRun> builder)
    {
        builder.ToTable("alert_source_runs");
        builder.Property(r => r.Source).HasMaxLength(40);
        builder.Property(r => r.Mode).HasMaxLength(20);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Source, r.StartedAt });
    }
}
