using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Infrastructure.Email;

internal enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A mail waiting to be sent, written in the same transaction as the change that causes it. The sender job
/// claims rows, sends them and marks them; a row is never sent by two nodes at once (see OutboxStore).
/// </summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Unique per effect ("confirm-email:{account}:{stamp}"), so a cause that runs twice queues one mail. Also the mail's Message-ID.</summary>
    public required string Key { get; set; }

    /// <summary>The account the mail is about, so deleting the account deletes its mail; null for mail to an address with no account.</summary>
    public string? AccountId { get; set; }

    public required string To { get; set; }

    public string ToName { get; set; } = "";

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string HtmlBody { get; set; }

    /// <summary>For list mail (alerts, newsletters): the one-click unsubscribe address sent as <c>List-Unsubscribe</c>.</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>What kind of mail it is (confirm-email, reset-password): shown to Admins instead of the contents.</summary>
    public required string Kind { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not before this time (UTC); moves out with each failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The node holding the row while it sends; a claim past <see cref="ClaimedUntil"/> is abandoned and may be taken again.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasIndex(m => m.Key).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.AccountId);
        builder.Property(m => m.Key).HasMaxLength(200);
        builder.Property(m => m.AccountId).HasMaxLength(450);
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
    }
}
