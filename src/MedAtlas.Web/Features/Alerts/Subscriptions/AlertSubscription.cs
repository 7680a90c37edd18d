using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>
/// A public, account-less subscription to recall mail: every Class I drug recall, and/or recalls of chosen drugs.
/// Double opt-in: it is created unconfirmed, and only the link mailed to the address (a random token; only its
/// SHA-256 is stored) makes it active. Confirming one replaces the address's earlier subscription; unsubscribing
/// deletes the row, so nothing about the address is kept.
/// </summary>
internal sealed class AlertSubscription
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-cased invariant, as Identity normalises, to find an address's subscriptions.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>Every Class I (most serious) drug recall.</summary>
    public bool AllClassI { get; set; }

    public required string ConfirmTokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Null until the address confirmed; unconfirmed rows are deleted after a few days.</summary>
    public DateTime? ConfirmedAt { get; set; }

    public List<AlertSubscriptionDrug> Drugs { get; set; } = [];
}

/// <summary>A drug a public subscription follows: its recalls are mailed whatever their class.</summary>
internal sealed class AlertSubscriptionDrug
{
    public Guid SubscriptionId { get; set; }

    public required string DrugSlug { get; set; }
}

/// <summary>That a public subscription was mailed about a recall: the unique key that makes it once (the outbox forgets sent mail).</summary>
internal sealed class AlertDelivery
{
    public Guid SubscriptionId { get; set; }

    public int RecallId { get; set; }

    public DateTime QueuedAt { get; set; }
}

internal sealed class AlertSubscriptionConfiguration : IEntityTypeConfiguration<AlertSubscription>
{
    public void Configure(EntityTypeBuilder<AlertSubscription> builder)
    {
        builder.ToTable("alert_subscriptions");
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(320);
        builder.Property(s => s.ConfirmTokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.NormalizedEmail);
        builder.HasIndex(s => s.ConfirmTokenHash).IsUnique();
        builder.HasMany(s => s.Drugs).WithOne().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<AlertDelivery>().WithOne().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertSubscriptionDrugConfiguration : IEntityTypeConfiguration<AlertSubscriptionDrug>
{
    public void Configure(EntityTypeBuilder<AlertSubscriptionDrug> builder)
    {
        builder.ToTable("alert_subscription_drugs");
        builder.HasKey(d => new { d.SubscriptionId, d.DrugSlug });
        builder.Property(d => d.DrugSlug).HasMaxLength(200);
        builder.HasIndex(d => d.DrugSlug);
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.HasKey(d => new { d.SubscriptionId, d.RecallId });
        builder.HasOne<Recall>().WithMany().HasForeignKey(d => d.RecallId).OnDelete(DeleteBehavior.Cascade);
    }
}
