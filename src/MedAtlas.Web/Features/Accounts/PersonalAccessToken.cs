using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// A token a person makes on /account so a script or app can call the personal JSON API as them
/// (<c>Authorization: Bearer</c>). Only its SHA-256 is stored; the token itself is shown once.
/// </summary>
internal sealed class PersonalAccessToken : IOwnedByAccount
{
    public Guid Id { get; set; }

    public required string AccountId { get; set; }

    /// <summary>What the person called it ("my spreadsheet").</summary>
    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, shown so a person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("account_access_tokens");
        builder.Property(t => t.AccountId).HasMaxLength(450);
        builder.Property(t => t.Name).HasMaxLength(60);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
