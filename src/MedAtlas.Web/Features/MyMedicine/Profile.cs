using MedAtlas.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>Who a profile is to the account that keeps it.</summary>
internal enum Relationship
{
    Self,
    Child,
    Partner,
    Parent,
    Sibling,
    Grandparent,
    Grandchild,
    OtherRelative,
    Friend,
    Other,
}

internal enum Sex
{
    NotStated,
    Female,
    Male,
    Intersex,
}

/// <summary>
/// One person's medicine list and what a safety check needs to know about them (age, sex, weight, pregnancy,
/// conditions, allergies). An account owns it; caregivers it invited may view or manage it. Its id is random, so
/// an address cannot be guessed, and every load goes through <see cref="ProfileAccess"/>.
/// </summary>
internal sealed class Profile : IOwnedByAccount
{
    public Guid Id { get; set; }

    /// <summary>The owning account.</summary>
    public required string AccountId { get; set; }

    /// <summary>A name or nickname ("Me", "Sam", "Dad").</summary>
    public required string Name { get; set; }

    public Relationship Relationship { get; set; }

    public int? BirthYear { get; set; }

    public Sex Sex { get; set; }

    public decimal? WeightKg { get; set; }

    public bool Pregnant { get; set; }

    public bool Breastfeeding { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<ProfileCondition> Conditions { get; set; } = [];

    public List<ProfileAllergy> Allergies { get; set; } = [];

    public List<SavedMedicine> Medicines { get; set; } = [];

    public List<ProfileCaregiver> Caregivers { get; set; } = [];
}

/// <summary>A condition the person has: from the conditions catalogue (<see cref="ConditionSlug"/> set) or typed in.</summary>
internal sealed class ProfileCondition
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    public required string Name { get; set; }

    public string? ConditionSlug { get; set; }

    public DateTime AddedAt { get; set; }
}

internal enum AllergyKind
{
    /// <summary>To one medicine (its ingredients): <see cref="ProfileAllergy.Target"/> is the drug's slug.</summary>
    Drug,

    /// <summary>To a drug class ("penicillins", "nsaids"): <see cref="ProfileAllergy.Target"/> is the class slug.</summary>
    Class,

    /// <summary>Typed in and not matched to the catalogue: shown, never checked.</summary>
    Other,
}

internal sealed class ProfileAllergy
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    public AllergyKind Kind { get; set; }

    /// <summary>The drug or class slug; null for <see cref="AllergyKind.Other"/>.</summary>
    public string? Target { get; set; }

    /// <summary>As shown: the drug's or class's name, or what was typed.</summary>
    public required string Name { get; set; }

    /// <summary>What happened ("hives", "swelling of the face").</summary>
    public string? Reaction { get; set; }

    public DateTime AddedAt { get; set; }
}

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("my_profiles");
        builder.Property(p => p.AccountId).HasMaxLength(450);
        builder.Property(p => p.Name).HasMaxLength(ProfileRules.NameMaxLength);
        builder.Property(p => p.Relationship).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.WeightKg).HasPrecision(6, 2);
        builder.HasIndex(p => p.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Conditions).WithOne().HasForeignKey(c => c.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Allergies).WithOne().HasForeignKey(a => a.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Medicines).WithOne().HasForeignKey(m => m.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Caregivers).WithOne().HasForeignKey(c => c.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProfileConditionConfiguration : IEntityTypeConfiguration<ProfileCondition>
{
    public void Configure(EntityTypeBuilder<ProfileCondition> builder)
    {
        builder.ToTable("my_profile_conditions");
        builder.Property(c => c.Name).HasMaxLength(ProfileRules.ItemNameMaxLength);
        builder.Property(c => c.ConditionSlug).HasMaxLength(200);
        builder.HasIndex(c => c.ProfileId);
    }
}

internal sealed class ProfileAllergyConfiguration : IEntityTypeConfiguration<ProfileAllergy>
{
    public void Configure(EntityTypeBuilder<ProfileAllergy> builder)
    {
        builder.ToTable("my_profile_allergies");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.Name).HasMaxLength(ProfileRules.ItemNameMaxLength);
        builder.Property(a => a.Reaction).HasMaxLength(ProfileRules.ReactionMaxLength);
        builder.HasIndex(a => a.ProfileId);
    }
}
