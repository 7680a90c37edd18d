using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Tools;

/// <summary>
/// A profile's bolus calculator settings, saved only when a signed-in person asks: the ones a care team sets (ratio,
/// target, correction factor, the pen's or pump's step, a maximum bolus). Readings and doses are never stored.
/// </summary>
internal sealed class BolusSettings
{
    public Guid ProfileId { get; set; }

    /// <summary>"mg/dL" or "mmol/L": the unit of target and correction factor.</summary>
    public required string Unit { get; set; }

    public decimal CarbRatio { get; set; }

    public decimal TargetGlucose { get; set; }

    public decimal CorrectionFactor { get; set; }

    public decimal Increment { get; set; }

    public decimal? MaxBolus { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class BolusSettingsConfiguration : IEntityTypeConfiguration<BolusSettings>
{
    public void Configure(EntityTypeBuilder<BolusSettings> builder)
    {
        builder.ToTable("bolus_settings");
        builder.HasKey(s => s.ProfileId);
        builder.Property(s => s.Unit).HasMaxLength(6);
        builder.Property(s => s.CarbRatio).HasPrecision(8, 3);
        builder.Property(s => s.TargetGlucose).HasPrecision(8, 3);
        builder.Property(s => s.CorrectionFactor).HasPrecision(8, 3);
        builder.Property(s => s.Increment).HasPrecision(5, 3);
        builder.Property(s => s.MaxBolus).HasPrecision(6, 2);
        builder.HasOne<Profile>().WithMany().HasForeignKey(s => s.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
