using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.MyMedicine;

internal enum MedicineStatus
{
    Active,
    Paused,
    Stopped,
}

/// <summary>How often a dose is taken; <see cref="SavedMedicine.FrequencyCount"/> says how many (times a day, hours apart, times a week).</summary>
internal enum DoseFrequency
{
    NotStated,

    /// <summary>N times a day.</summary>
    TimesADay,

    /// <summary>Every N hours.</summary>
    EveryHours,

    /// <summary>N times a week.</summary>
    TimesAWeek,

    /// <summary>When needed, up to N times a day (N optional).</summary>
    AsNeeded,

    /// <summary>One dose only (a single-dose antibiotic, a vaccine).</summary>
    Once,
}

/// <summary>
/// A medicine on a profile: a catalogue drug (<see cref="DrugSlug"/>, checked for interactions) or free text
/// (not checked, and labelled so), with what is on the bottle. Every change adds a <see cref="MedicineChange"/>.
/// </summary>
internal sealed class SavedMedicine
{
    public Guid Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>The catalogue drug; null for a name the catalogue does not know.</summary>
    public string? DrugSlug { get; set; }

    /// <summary>As shown: the catalogue name, or what was typed.</summary>
    public required string Name { get; set; }

    public string? Strength { get; set; }

    public decimal? DoseAmount { get; set; }

    /// <summary>"tablet", "mg", "mL", "puff".</summary>
    public string? DoseUnit { get; set; }

    public DoseFrequency Frequency { get; set; }

    public int? FrequencyCount { get; set; }

    public string? Route { get; set; }

    public DateOnly? StartDate { get; set; }

    public string? Prescriber { get; set; }

    public string? Pharmacy { get; set; }

    /// <summary>The 11-digit NDC without dashes, as FDA alerts match it; null when not given.</summary>
    public string? Ndc { get; set; }

    public string? LotNumber { get; set; }

    public decimal? Quantity { get; set; }

    public int? DaysSupply { get; set; }

    /// <summary>When the course ends (a 10-day antibiotic); also a run-out date when no supply is given.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>The day the current supply was filled; the start date until a refill is recorded.</summary>
    public DateOnly? LastFilledOn { get; set; }

    /// <summary>Send an email this many days before the run-out date; null for no reminder.</summary>
    public int? RemindDaysBefore { get; set; }

    public string? Notes { get; set; }

    public MedicineStatus Status { get; set; }

    public DateOnly? StoppedOn { get; set; }

    public string? StopReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<MedicineChange> Changes { get; set; } = [];
}

/// <summary>One line of a medicine's history: what changed, when, by whom.</summary>
internal sealed class MedicineChange
{
    public long Id { get; set; }

    public Guid MedicineId { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who made the change; null once that account is deleted (the name then reads "a deleted account").</summary>
    public string? ByAccountId { get; set; }

    public string ByName { get; set; } = "";

    public required string Summary { get; set; }
}

internal sealed class SavedMedicineConfiguration : IEntityTypeConfiguration<SavedMedicine>
{
    public void Configure(EntityTypeBuilder<SavedMedicine> builder)
    {
        builder.ToTable("my_medicines");
        builder.Property(m => m.DrugSlug).HasMaxLength(200);
        builder.Property(m => m.Name).HasMaxLength(MedicineRules.NameMaxLength);
        builder.Property(m => m.Strength).HasMaxLength(MedicineRules.ShortTextMaxLength);
        builder.Property(m => m.DoseAmount).HasPrecision(10, 3);
        builder.Property(m => m.DoseUnit).HasMaxLength(30);
        builder.Property(m => m.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Route).HasMaxLength(40);
        builder.Property(m => m.Prescriber).HasMaxLength(MedicineRules.ShortTextMaxLength);
        builder.Property(m => m.Pharmacy).HasMaxLength(MedicineRules.ShortTextMaxLength);
        builder.Property(m => m.Ndc).HasMaxLength(11);
        builder.Property(m => m.LotNumber).HasMaxLength(40);
        builder.Property(m => m.Quantity).HasPrecision(10, 2);
        builder.Property(m => m.Notes).HasMaxLength(MedicineRules.NotesMaxLength);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.StopReason).HasMaxLength(MedicineRules.ShortTextMaxLength);
        builder.HasIndex(m => m.ProfileId);
        // FDA alerts look medicines up by NDC and lot.
        builder.HasIndex(m => m.Ndc);
        builder.HasIndex(m => m.DrugSlug);
        builder.HasMany(m => m.Changes).WithOne().HasForeignKey(c => c.MedicineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MedicineChangeConfiguration : IEntityTypeConfiguration<MedicineChange>
{
    public void Configure(EntityTypeBuilder<MedicineChange> builder)
    {
        builder.ToTable("my_medicine_changes");
        builder.Property(c => c.ByAccountId).HasMaxLength(450);
        builder.Property(c => c.ByName).HasMaxLength(200);
        builder.Property(c => c.Summary).HasMaxLength(2000);
        builder.HasIndex(c => c.MedicineId);
        builder.HasIndex(c => c.ByAccountId);
    }
}
