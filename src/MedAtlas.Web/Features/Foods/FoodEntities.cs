using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Foods;

/// <summary>
/// A food of the USDA National Nutrient Database for Standard Reference (SR28, "SR Legacy"): FOOD_DES.txt. Its key
/// is USDA's own 5-character NDB number ("09040" is "Bananas, raw"), so an import and a saved log line agree on it.
/// </summary>
internal sealed class Food
{
    /// <summary>NDB_No, five digits with leading zeros.</summary>
    public required string Id { get; set; }

    /// <summary>FdGrp_Cd, four digits (<see cref="FoodGroup"/>).</summary>
    public required string GroupCode { get; set; }

    /// <summary>Long_Desc: "Chicken, broilers or fryers, breast, meat only, cooked, roasted".</summary>
    public required string Name { get; set; }

    /// <summary>Shrt_Desc, USDA's upper-case abbreviation.</summary>
    public string ShortName { get; set; } = "";

    /// <summary>ComName: other names, comma-separated ("Banana").</summary>
    public string? CommonNames { get; set; }

    public string? Manufacturer { get; set; }

    /// <summary>Survey = "Y": the food is used in the national dietary survey (FNDDS), a hint that it is commonly eaten.</summary>
    public bool Survey { get; set; }

    /// <summary>Refuse: the inedible share in percent (peel, bone), with <see cref="RefuseDescription"/>.</summary>
    public double? RefusePercent { get; set; }

    public string? RefuseDescription { get; set; }

    public string? ScientificName { get; set; }

    public ContentOrigin Origin { get; set; }
}

/// <summary>FD_GROUP.txt: "0900" is "Fruits and Fruit Juices".</summary>
internal sealed class FoodGroup
{
    public required string Code { get; set; }

    public required string Name { get; set; }
}

/// <summary>NUTR_DEF.txt: a nutrient, its unit and how many decimals USDA shows ("208", kcal, "Energy", 0).</summary>
internal sealed class Nutrient
{
    /// <summary>Nutr_No, three digits ("208").</summary>
    public required string Id { get; set; }

    /// <summary>g, mg, µg, kcal, kJ or IU.</summary>
    public required string Unit { get; set; }

    /// <summary>INFOODS tag ("ENERC_KCAL"), when USDA gives one.</summary>
    public string? Tag { get; set; }

    public required string Name { get; set; }

    public int Decimals { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>NUT_DATA.txt: the amount of one nutrient in 100 g of the edible part of one food. No row means "not measured", never zero.</summary>
internal sealed class FoodNutrient
{
    public required string FoodId { get; set; }

    public required string NutrientId { get; set; }

    /// <summary>Nutr_Val: amount per 100 g, in the nutrient's unit.</summary>
    public double Value { get; set; }
}

/// <summary>WEIGHT.txt: a household measure and its weight ("1 cup, chopped" = 150 g).</summary>
internal sealed class FoodPortion
{
    public required string FoodId { get; set; }

    /// <summary>Seq: USDA's order of the measures for this food (1, 2, ...).</summary>
    public int Seq { get; set; }

    /// <summary>Amount: how many of the measure ("1", "0.5").</summary>
    public double Amount { get; set; }

    /// <summary>Msre_Desc: "cup, chopped", "medium (7\" to 7-7/8\" long)".</summary>
    public required string Description { get; set; }

    /// <summary>Gm_Wgt: the grams of <see cref="Amount"/> measures.</summary>
    public double Grams { get; set; }
}

internal sealed class FoodConfiguration : IEntityTypeConfiguration<Food>
{
    public void Configure(EntityTypeBuilder<Food> builder)
    {
        builder.ToTable("foods");
        builder.Property(f => f.Id).HasMaxLength(5);
        builder.Property(f => f.GroupCode).HasMaxLength(4);
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.ShortName).HasMaxLength(60);
        builder.Property(f => f.CommonNames).HasMaxLength(200);
        builder.Property(f => f.Manufacturer).HasMaxLength(100);
        builder.Property(f => f.RefuseDescription).HasMaxLength(200);
        builder.Property(f => f.ScientificName).HasMaxLength(100);
        builder.Property(f => f.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<FoodGroup>().WithMany().HasForeignKey(f => f.GroupCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FoodGroupConfiguration : IEntityTypeConfiguration<FoodGroup>
{
    public void Configure(EntityTypeBuilder<FoodGroup> builder)
    {
        builder.ToTable("food_groups");
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasMaxLength(4);
        builder.Property(g => g.Name).HasMaxLength(60);
    }
}

internal sealed class NutrientConfiguration : IEntityTypeConfiguration<Nutrient>
{
    public void Configure(EntityTypeBuilder<Nutrient> builder)
    {
        builder.ToTable("nutrients");
        builder.Property(n => n.Id).HasMaxLength(3);
        builder.Property(n => n.Unit).HasMaxLength(7);
        builder.Property(n => n.Tag).HasMaxLength(20);
        builder.Property(n => n.Name).HasMaxLength(60);
    }
}

internal sealed class FoodNutrientConfiguration : IEntityTypeConfiguration<FoodNutrient>
{
    public void Configure(EntityTypeBuilder<FoodNutrient> builder)
    {
        builder.ToTable("food_nutrients");
        builder.HasKey(v => new { v.FoodId, v.NutrientId });
        builder.Property(v => v.FoodId).HasMaxLength(5);
        builder.Property(v => v.NutrientId).HasMaxLength(3);
        builder.HasOne<Food>().WithMany().HasForeignKey(v => v.FoodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Nutrient>().WithMany().HasForeignKey(v => v.NutrientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FoodPortionConfiguration : IEntityTypeConfiguration<FoodPortion>
{
    public void Configure(EntityTypeBuilder<FoodPortion> builder)
    {
        builder.ToTable("food_portions");
        builder.HasKey(p => new { p.FoodId, p.Seq });
        builder.Property(p => p.FoodId).HasMaxLength(5);
        builder.Property(p => p.Description).HasMaxLength(100);
        builder.HasOne<Food>().WithMany().HasForeignKey(p => p.FoodId).OnDelete(DeleteBehavior.Cascade);
    }
}
