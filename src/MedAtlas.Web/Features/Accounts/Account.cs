using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// A person's account. The user name is the email address; what others see is <see cref="DisplayName"/>,
/// never the email (PRODUCT.md: community and Q&amp;A show a display name only).
/// </summary>
internal sealed class Account : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>The verified credentials shown as a badge wherever the person writes ("MD, endocrinology"); null when not a verified expert.</summary>
    [PersonalData]
    public string? ExpertCredentials { get; set; }

    public DateTime? ExpertVerifiedAt { get; set; }

    /// <summary>
    /// What deleting the account does to the person's public writing (reviews, posts, answers): false (the default)
    /// removes it; true keeps it, shown as "Former member" and no longer linked to anyone. Set on /account.
    /// </summary>
    public bool AnonymiseContributionsOnDelete { get; set; }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.DisplayName).HasMaxLength(AccountRules.DisplayNameMaxLength);
        builder.Property(a => a.ExpertCredentials).HasMaxLength(200);
        builder.HasIndex(a => a.DisplayName);
    }
}

/// <summary>
/// One signed-in browser or device. The auth cookie carries the session's id; deleting the row signs that
/// device out on its next request (within <see cref="AccountSessions.RecheckInterval"/> on other nodes).
/// </summary>
internal sealed class AccountSession : IOwnedByAccount
{
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>"Chrome on Linux": a summary of the user agent, never the whole string or the IP address.</summary>
    public string Device { get; set; } = "";

    /// <summary>password, passkey, two-factor, recovery code, one-time link.</summary>
    public string Method { get; set; } = "";
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.ToTable("account_sessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.AccountId).HasMaxLength(450);
        builder.Property(s => s.Device).HasMaxLength(100);
        builder.Property(s => s.Method).HasMaxLength(30);
        builder.HasIndex(s => s.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A staff action on an account (role granted, expert verified, account locked): who, what, when.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>Null when the actor's account was deleted or the action came from the command line.</summary>
    public string? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    public required string Action { get; set; }

    /// <summary>The account acted on; null once that account is deleted.</summary>
    public string? TargetId { get; set; }

    public string TargetName { get; set; } = "";

    public string Detail { get; set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.TargetId).HasMaxLength(450);
        builder.Property(a => a.TargetName).HasMaxLength(200);
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.TargetId);
        builder.HasIndex(a => a.ActorId);
    }
}
