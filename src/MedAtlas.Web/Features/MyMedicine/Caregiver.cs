using MedAtlas.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>What an invited caregiver may do with one profile.</summary>
internal enum CaregiverAccess
{
    View,
    Manage,
}

/// <summary>Another account that may see (or manage) one profile, because its owner invited them.</summary>
internal sealed class ProfileCaregiver
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>The caregiver's account.</summary>
    public required string AccountId { get; set; }

    public CaregiverAccess Access { get; set; }

    public DateTime GrantedAt { get; set; }

    /// <summary>When the caregiver last opened the profile: shown to the owner.</summary>
    public DateTime? LastViewedAt { get; set; }
}

/// <summary>
/// An invitation mailed to someone to help with a profile. The link carries a random token; only its SHA-256 is
/// stored. The first account to accept it holds it; revoking or accepting ends the link.
/// </summary>
internal sealed class CaregiverInvitation
{
    public Guid Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>The address invited, as typed (trimmed); compared case-insensitively through <see cref="NormalizedEmail"/>.</summary>
    public required string Email { get; set; }

    public required string NormalizedEmail { get; set; }

    public CaregiverAccess Access { get; set; }

    public required string TokenHash { get; set; }

    public required string InvitedByAccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public string? AcceptedByAccountId { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// Someone other than the owner looked at or changed a shared profile. The owner reads these on the caregivers page.
/// </summary>
internal sealed class ProfileAccessEntry
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>Null once that account is deleted.</summary>
    public string? AccountId { get; set; }

    public string AccountName { get; set; } = "";

    public DateTime At { get; set; }

    /// <summary>"viewed", "changed", "exported", "printed".</summary>
    public required string Action { get; set; }

    public string Detail { get; set; } = "";
}

internal sealed class ProfileCaregiverConfiguration : IEntityTypeConfiguration<ProfileCaregiver>
{
    public void Configure(EntityTypeBuilder<ProfileCaregiver> builder)
    {
        builder.ToTable("my_profile_caregivers");
        builder.Property(c => c.AccountId).HasMaxLength(450);
        builder.Property(c => c.Access).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => new { c.ProfileId, c.AccountId }).IsUnique();
        builder.HasIndex(c => c.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaregiverInvitationConfiguration : IEntityTypeConfiguration<CaregiverInvitation>
{
    public void Configure(EntityTypeBuilder<CaregiverInvitation> builder)
    {
        builder.ToTable("my_caregiver_invitations");
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Access).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedByAccountId).HasMaxLength(450);
        builder.Property(i => i.AcceptedByAccountId).HasMaxLength(450);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.ProfileId);
        builder.HasIndex(i => i.AcceptedByAccountId);
        builder.HasOne<Profile>().WithMany().HasForeignKey(i => i.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProfileAccessEntryConfiguration : IEntityTypeConfiguration<ProfileAccessEntry>
{
    public void Configure(EntityTypeBuilder<ProfileAccessEntry> builder)
    {
        builder.ToTable("my_profile_access_log");
        builder.Property(e => e.AccountId).HasMaxLength(450);
        builder.Property(e => e.AccountName).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.Detail).HasMaxLength(300);
        builder.HasIndex(e => new { e.ProfileId, e.At });
        builder.HasIndex(e => e.AccountId);
        builder.HasOne<Profile>().WithMany().HasForeignKey(e => e.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
