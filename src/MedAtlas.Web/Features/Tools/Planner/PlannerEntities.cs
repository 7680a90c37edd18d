using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Tools.Planner;

internal enum Meal
{
    Breakfast,
    Lunch,
    Dinner,
    Snack,
}

/// <summary>How active a person is on most days: the multiplier of the resting energy the goals start from.</summary>
internal enum ActivityLevel
{
    Sedentary,
    Light,
    Moderate,
    Active,
    VeryActive,
}

/// <summary>
/// One food eaten on a day, in a profile's planner. The figures are worked out when it is logged and kept with it, so
/// a later import of new USDA values does not change what a past day said.
/// </summary>
internal sealed class FoodLogEntry
{
    public Guid Id { get; set; }

    public Guid ProfileId { get; set; }

    public DateOnly Day { get; set; }

    public Meal Meal { get; set; }

    /// <summary>The USDA NDB number (<c>Features/Foods</c>).</summary>
    public required string FoodId { get; set; }

    /// <summary>The food's name when logged.</summary>
    public required string FoodName { get; set; }

    /// <summary>USDA's measure sequence (WEIGHT.txt Seq), or 0 for grams.</summary>
    public int PortionSeq { get; set; }

    /// <summary>"1 cup, chopped" or "g", as shown when logged.</summary>
    public required string PortionText { get; set; }

    /// <summary>How many portions (or grams when <see cref="PortionSeq"/> is 0).</summary>
    public double Quantity { get; set; }

    public double Grams { get; set; }

    public double? Kcal { get; set; }
    public double? CarbsG { get; set; }
    public double? ProteinG { get; set; }
    public double? FatG { get; set; }
    public double? FibreG { get; set; }
    public double? SodiumMg { get; set; }
    public double? SugarsG { get; set; }

    public DateTime CreatedAt { get; set; }

    public NutritionFigures Figures => new(Kcal, CarbsG, ProteinG, FatG, FibreG, SodiumMg, SugarsG);
}

/// <summary>One activity done on a day: calories = MET × weight (kg) × hours, with the weight used kept beside it.</summary>
internal sealed class ExerciseLogEntry
{
    public Guid Id { get; set; }

    public Guid ProfileId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The activity's code in the MET table (Compendium of Physical Activities code).</summary>
    public required string ActivityCode { get; set; }

    public required string ActivityName { get; set; }

    public double Met { get; set; }

    public int Minutes { get; set; }

    public double WeightKg { get; set; }

    public double Kcal { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A profile's daily goals and what they were worked out from (Mifflin–St Jeor and an activity level). Each goal can
/// be edited; <see cref="Custom"/> says the person changed them, so a new weight does not overwrite their choice.
/// </summary>
internal sealed class PlannerGoals
{
    public Guid ProfileId { get; set; }

    public double? HeightCm { get; set; }

    public double? WeightKg { get; set; }

    public int? AgeYears { get; set; }

    /// <summary>"female" or "male": the two forms of the Mifflin–St Jeor equation; null when not chosen.</summary>
    public string? EquationSex { get; set; }

    public ActivityLevel Activity { get; set; }

    public double Kcal { get; set; }
    public double CarbsG { get; set; }
    public double ProteinG { get; set; }
    public double FatG { get; set; }
    public double FibreG { get; set; }
    public double SodiumMg { get; set; }
    public double SugarsG { get; set; }

    public bool Custom { get; set; }

    public DateTime UpdatedAt { get; set; }

    public NutritionFigures Figures => new(Kcal, CarbsG, ProteinG, FatG, FibreG, SodiumMg, SugarsG);
}

internal sealed class FoodLogEntryConfiguration : IEntityTypeConfiguration<FoodLogEntry>
{
    public void Configure(EntityTypeBuilder<FoodLogEntry> builder)
    {
        builder.ToTable("planner_food_log");
        builder.Property(e => e.FoodId).HasMaxLength(5);
        builder.Property(e => e.FoodName).HasMaxLength(200);
        builder.Property(e => e.PortionText).HasMaxLength(120);
        builder.Property(e => e.Meal).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(e => new { e.ProfileId, e.Day });
        builder.HasOne<Profile>().WithMany().HasForeignKey(e => e.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExerciseLogEntryConfiguration : IEntityTypeConfiguration<ExerciseLogEntry>
{
    public void Configure(EntityTypeBuilder<ExerciseLogEntry> builder)
    {
        builder.ToTable("planner_exercise_log");
        builder.Property(e => e.ActivityCode).HasMaxLength(10);
        builder.Property(e => e.ActivityName).HasMaxLength(120);
        builder.HasIndex(e => new { e.ProfileId, e.Day });
        builder.HasOne<Profile>().WithMany().HasForeignKey(e => e.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlannerGoalsConfiguration : IEntityTypeConfiguration<PlannerGoals>
{
    public void Configure(EntityTypeBuilder<PlannerGoals> builder)
    {
        builder.ToTable("planner_goals");
        builder.HasKey(g => g.ProfileId);
        builder.Property(g => g.EquationSex).HasMaxLength(6);
        builder.Property(g => g.Activity).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<Profile>().WithMany().HasForeignKey(g => g.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
