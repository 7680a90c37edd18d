using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Interactions;

/// <summary>How bad an interaction is, worst last so comparisons read naturally.</summary>
internal enum InteractionSeverity
{
    /// <summary>The source knows of an interaction but has not graded it (DDInter's "Unknown"): not "none".</summary>
    Unknown = 0,
    Minor = 1,
    Moderate = 2,
    Major = 3,
    Contraindicated = 4,
}

/// <summary>
/// One source's statement that two things interact. A side names an ingredient ("warfarin"), a drug class
/// ("class:nsaids") or a pharmacological group ("group:serotonergic"), so one rule covers every member.
/// A caution has a condition from the conditions catalogue as its other side ("condition:asthma"): a label's
/// "ask a doctor before use if you have asthma". Sides are stored in ordinal order so a pair is found whichever
/// way round it was written.
/// </summary>
internal sealed class InteractionRule
{
    public int Id { get; set; }

    /// <summary>Which source says so: "medatlas" (the starter set), "ddinter", "onc-high-priority".</summary>
    public required string Source { get; set; }

    public required string A { get; set; }

    public required string B { get; set; }

    public InteractionSeverity Severity { get; set; }

    public string? Summary { get; set; }

    public string? Mechanism { get; set; }

    public string? Management { get; set; }

    /// <summary>Documents the statement comes from (label sections, papers).</summary>
    public List<string> References { get; set; } = [];

    public ContentOrigin Origin { get; set; }

    /// <summary>The prefix of a side that names a condition; ingredient keys are normalized names and never hold a colon.</summary>
    public const string ConditionPrefix = "condition:";

    public static (string A, string B) Order(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    public static bool IsCondition(string side) => side.StartsWith(ConditionPrefix, StringComparison.Ordinal);
}

/// <summary>A pharmacological group used by rules: "serotonergic", "qt-prolonging". Members are ingredients or classes.</summary>
internal sealed class InteractionGroup
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<string> Members { get; set; } = [];

    public ContentOrigin Origin { get; set; }
}

internal enum DuplicateKind
{
    Ingredient,
    Class,
}

/// <summary>What to tell someone taking the same ingredient twice, or two drugs of one class.</summary>
internal sealed class DuplicateTherapyRule
{
    public int Id { get; set; }

    public DuplicateKind Kind { get; set; }

    /// <summary>The ingredient name or class slug.</summary>
    public required string Target { get; set; }

    public required string Summary { get; set; }

    public string? DailyLimit { get; set; }

    public string? Management { get; set; }

    public List<string> References { get; set; } = [];

    public ContentOrigin Origin { get; set; }
}

/// <summary>A drug (ingredient, class or group) with a food or with alcohol.</summary>
internal sealed class FoodInteraction
{
    public int Id { get; set; }

    public required string Drug { get; set; }

    /// <summary>"alcohol", "grapefruit", "vitamin K-rich foods".</summary>
    public required string Item { get; set; }

    public InteractionSeverity Severity { get; set; }

    public required string Summary { get; set; }

    public string? Mechanism { get; set; }

    public string? Management { get; set; }

    public List<string> References { get; set; } = [];

    public ContentOrigin Origin { get; set; }
}

internal sealed class InteractionRuleConfiguration : IEntityTypeConfiguration<InteractionRule>
{
    public void Configure(EntityTypeBuilder<InteractionRule> builder)
    {
        builder.ToTable("interaction_rules");
        builder.HasIndex(r => new { r.Source, r.A, r.B }).IsUnique();
        builder.Property(r => r.Source).HasMaxLength(50);
        builder.Property(r => r.A).HasMaxLength(200);
        builder.Property(r => r.B).HasMaxLength(200);
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class InteractionGroupConfiguration : IEntityTypeConfiguration<InteractionGroup>
{
    public void Configure(EntityTypeBuilder<InteractionGroup> builder)
    {
        builder.ToTable("interaction_groups");
        builder.HasIndex(g => g.Slug).IsUnique();
        builder.Property(g => g.Slug).HasMaxLength(100);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DuplicateTherapyRuleConfiguration : IEntityTypeConfiguration<DuplicateTherapyRule>
{
    public void Configure(EntityTypeBuilder<DuplicateTherapyRule> builder)
    {
        builder.ToTable("duplicate_therapy_rules");
        builder.HasIndex(r => new { r.Kind, r.Target }).IsUnique();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Target).HasMaxLength(200);
        builder.Property(r => r.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class FoodInteractionConfiguration : IEntityTypeConfiguration<FoodInteraction>
{
    public void Configure(EntityTypeBuilder<FoodInteraction> builder)
    {
        builder.ToTable("food_interactions");
        builder.HasIndex(f => new { f.Drug, f.Item }).IsUnique();
        builder.Property(f => f.Drug).HasMaxLength(200);
        builder.Property(f => f.Item).HasMaxLength(200);
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Origin).HasConversion<string>().HasMaxLength(20);
    }
}
