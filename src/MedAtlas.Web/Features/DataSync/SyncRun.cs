using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>What happened to one file of a source in one sync: the outcome, the importer's counts, and the validators for the next conditional request.</summary>
internal enum SyncOutcome
{
    /// <summary>Downloaded (or taken from an earlier run's kept download), checked and imported.</summary>
    Imported,

    /// <summary>The server answered 304 Not Modified: nothing was downloaded or imported.</summary>
    Unchanged,

    /// <summary>The download failed (HTTP error, dropped connection); a partial file is kept to resume; nothing was imported.</summary>
    DownloadFailed,

    /// <summary>The file was refused before the importer saw it: too large, not a whole zip, or a checksum mismatch.</summary>
    Refused,

    /// <summary>The importer stopped or refused the file; the download is kept for the next run.</summary>
    ImportFailed,
}

/// <summary>One file of one sync run, as <c>/admin/data</c> shows it. Rows of one run share <see cref="RunId"/>.</summary>
internal sealed class SyncRun
{
    public long Id { get; set; }

    public required string RunId { get; set; }

    public required string Source { get; set; }

    public required string Url { get; set; }

    /// <summary><c>command</c>, <c>schedule</c> or <c>admin</c> (Sync now).</summary>
    public required string Trigger { get; set; }

    public string? Node { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    public SyncOutcome Outcome { get; set; }

    public long Added { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; set; }

    /// <summary>Bytes received in this run (a resumed download counts only the rest).</summary>
    public long Bytes { get; set; }

    /// <summary>The validators of the file imported (or confirmed unchanged), sent as If-None-Match / If-Modified-Since next time.</summary>
    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    /// <summary>Why it failed or was refused, in words an operator acts on; null when it went well.</summary>
    public string? Message { get; set; }
}

/// <summary>A source an Admin asked to sync now ("Sync now" on <c>/admin/data</c>); the job on whichever node holds the lease runs it and clears the request.</summary>
internal sealed class SyncRequest
{
    public required string Source { get; set; }

    public DateTime RequestedAt { get; set; }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("data_sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RunId).HasMaxLength(32);
        builder.Property(r => r.Source).HasMaxLength(50);
        builder.Property(r => r.Url).HasMaxLength(2000);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Node).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ETag).HasMaxLength(300);
        builder.Property(r => r.LastModified).HasMaxLength(100);
        builder.Property(r => r.Message).HasMaxLength(1000);
        builder.HasIndex(r => new { r.Source, r.StartedAt });
        builder.HasIndex(r => r.RunId);
    }
}

internal sealed class SyncRequestConfiguration : IEntityTypeConfiguration<SyncRequest>
{
    public void Configure(EntityTypeBuilder<SyncRequest> builder)
    {
        builder.ToTable("data_sync_requests");
        builder.HasKey(r => r.Source);
        builder.Property(r => r.Source).HasMaxLength(50);
    }
}
