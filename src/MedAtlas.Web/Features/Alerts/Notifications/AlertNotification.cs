using MedAtlas.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>How surely an alert concerns the person's medicine, strongest first.</summary>
internal enum AlertStrength
{
    /// <summary>The lot saved on the medicine is named in the recall's code_info: "your lot is recalled".</summary>
    Lot,

    /// <summary>The medicine's NDC (its product) is named by the recall: "check the lot on your bottle".</summary>
    Ndc,

    /// <summary>Only the drug matched (by name, or an editor's link): "may affect your medicine: check the lot on your bottle".</summary>
    Name,
}

/// <summary>
/// One person told about one alert: the in-site inbox item (/my/alerts), and the reason an email was queued. The
/// unique index on (account, kind, alert) is what makes it "exactly once": a second job run, a second node or a
/// status change finds the row there and adds nothing. Names are copied at the time, as the mail said them.
/// </summary>
internal sealed class AlertNotification : IOwnedByAccount
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public AlertKind Kind { get; set; }

    /// <summary><see cref="Recall.Id"/> or <see cref="SafetyNotice.Id"/>.</summary>
    public int AlertId { get; set; }

    /// <summary>The matching medicine told about (the strongest match, when several of the person's medicines match).</summary>
    public Guid ProfileId { get; set; }

    public Guid MedicineId { get; set; }

    public required string ProfileName { get; set; }

    public required string MedicineName { get; set; }

    public AlertStrength Strength { get; set; }

    /// <summary>How many of the person's active medicines matched (across their profiles) when it was made.</summary>
    public int MatchedMedicines { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Whether a mail was queued with it (the person had alert email on).</summary>
    public bool Emailed { get; set; }
}

/// <summary>An account's choice about alert mail. No row: no alert mail (the inbox still fills).</summary>
internal sealed class AlertSettings : IOwnedByAccount
{
    public required string AccountId { get; set; }

    public bool EmailAlerts { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class AlertNotificationConfiguration : IEntityTypeConfiguration<AlertNotification>
{
    public void Configure(EntityTypeBuilder<AlertNotification> builder)
    {
        builder.ToTable("alert_notifications");
        builder.Property(n => n.AccountId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.Strength).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.ProfileName).HasMaxLength(200);
        builder.Property(n => n.MedicineName).HasMaxLength(300);
        builder.HasIndex(n => new { n.AccountId, n.Kind, n.AlertId }).IsUnique();
        builder.HasIndex(n => new { n.AccountId, n.ReadAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertSettingsConfiguration : IEntityTypeConfiguration<AlertSettings>
{
    public void Configure(EntityTypeBuilder<AlertSettings> builder)
    {
        builder.ToTable("alert_settings");
        builder.HasKey(s => s.AccountId);
        builder.Property(s => s.AccountId).HasMaxLength(450);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
