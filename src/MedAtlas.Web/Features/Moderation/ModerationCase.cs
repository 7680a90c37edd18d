using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>Which queue a case waits in; <see cref="None"/> when no moderator needs to look at it.</summary>
internal enum ModerationQueue
{
    None,
    Reported,
    Held,
    Appealed,
}

internal enum ReportReason
{
    Spam,
    Abusive,
    Misinformation,
    PersonalInformation,
    OffTopic,
    Other,
}

internal enum SanctionKind
{
    Warning,
    Suspension,
}

/// <summary>
/// Moderation's record of one piece of content, made the first time anything happens to it (a report, a hold). It
/// mirrors the content's state so the queue never has to ask every content type, and it keeps the author's appeal.
/// </summary>
internal sealed class ModerationCase
{
    public long Id { get; set; }

    /// <summary><see cref="IModeratedContent.Type"/>.</summary>
    public required string ContentType { get; set; }

    public long ContentId { get; set; }

    /// <summary>Null once the author's account is deleted.</summary>
    public string? AuthorId { get; set; }

    /// <summary>The content's state as of the last change moderation made or saw.</summary>
    public ContentState State { get; set; }

    public ModerationQueue Queue { get; set; }

    /// <summary>Distinct accounts whose reports are still open (since the last moderator decision).</summary>
    public int OpenReports { get; set; }

    /// <summary>Why it was held ("first review from a new account", "the same text is on other drugs"), shown to the moderator.</summary>
    public string? HeldReason { get; set; }

    /// <summary>The moderator's reason for hiding or removing it, shown to the author.</summary>
    public string? DecisionReason { get; set; }

    public string? AppealText { get; set; }

    public DateTime? AppealedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it last entered or changed in a queue: the queue's order.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One account's report of one piece of content. One per account per case (the unique index).</summary>
internal sealed class ContentReport
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    /// <summary>Null once the reporter's account is deleted (the report still counts as having been made).</summary>
    public string? ReporterId { get; set; }

    public ReportReason Reason { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Still waiting for a moderator decision; a decision closes every open report on the case.</summary>
    public bool Open { get; set; } = true;
}

/// <summary>The moderation log: every action by a moderator or by the trust rules, with who, on what, and why.</summary>
internal sealed class ModerationLogEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>Null for the trust rules ("auto-hidden after 3 reports") or once the moderator's account is deleted.</summary>
    public string? ModeratorId { get; set; }

    public string ModeratorName { get; set; } = "";

    public long? CaseId { get; set; }

    public string? ContentType { get; set; }

    public long? ContentId { get; set; }

    /// <summary>The author the action concerns (a warning, a suspension, their content); null once deleted.</summary>
    public string? AuthorId { get; set; }

    /// <summary>hide, restore, remove, warn, suspend, dismiss, approve, auto-hide, hold, appeal.</summary>
    public required string Action { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>A warning or a suspension of an author. A suspension stops writing and reporting until <see cref="Until"/>.</summary>
internal sealed class AuthorSanction
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public SanctionKind Kind { get; set; }

    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The end of a suspension; null for a warning.</summary>
    public DateTime? Until { get; set; }

    public string? ModeratorId { get; set; }

    public long? CaseId { get; set; }
}

internal sealed class ModerationCaseConfiguration : IEntityTypeConfiguration<ModerationCase>
{
    public void Configure(EntityTypeBuilder<ModerationCase> builder)
    {
        builder.ToTable("moderation_cases");
        builder.Property(c => c.ContentType).HasMaxLength(30);
        builder.Property(c => c.AuthorId).HasMaxLength(450);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Queue).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.HeldReason).HasMaxLength(300);
        builder.Property(c => c.DecisionReason).HasMaxLength(500);
        builder.Property(c => c.AppealText).HasMaxLength(2000);
        builder.HasIndex(c => new { c.ContentType, c.ContentId }).IsUnique();
        builder.HasIndex(c => new { c.Queue, c.UpdatedAt });
        builder.HasIndex(c => c.AuthorId);
    }
}

internal sealed class ContentReportConfiguration : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> builder)
    {
        builder.ToTable("content_reports");
        builder.Property(r => r.ReporterId).HasMaxLength(450);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.HasIndex(r => new { r.CaseId, r.ReporterId }).IsUnique();
        builder.HasIndex(r => new { r.ReporterId, r.CreatedAt });
        builder.HasOne<ModerationCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModerationLogEntryConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> builder)
    {
        builder.ToTable("moderation_log");
        builder.Property(e => e.ModeratorId).HasMaxLength(450);
        builder.Property(e => e.ModeratorName).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(30);
        builder.Property(e => e.AuthorId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(30);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.CaseId);
        builder.HasIndex(e => e.AuthorId);
        builder.HasIndex(e => e.ModeratorId);
    }
}

internal sealed class AuthorSanctionConfiguration : IEntityTypeConfiguration<AuthorSanction>
{
    public void Configure(EntityTypeBuilder<AuthorSanction> builder)
    {
        builder.ToTable("author_sanctions");
        builder.Property(s => s.AccountId).HasMaxLength(450);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.Property(s => s.ModeratorId).HasMaxLength(450);
        builder.HasIndex(s => new { s.AccountId, s.Until });
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
