using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>
/// An ingredient's RxNorm concept (RXCUI, term type IN), from an imported crosswalk: how an export names a
/// single-ingredient medicine in a code other systems read. Absent when no source gave one; never guessed.
/// </summary>
internal sealed class IngredientCode
{
    /// <summary>The ingredient's base name as <see cref="DrugIngredient.Name"/> spells it.</summary>
    public required string Ingredient { get; set; }

    public required string RxCui { get; set; }

    /// <summary>Which file said so ("FDA UNII-RxNorm crosswalk 2014-04-04").</summary>
    public required string Source { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class IngredientCodeConfiguration : IEntityTypeConfiguration<IngredientCode>
{
    public void Configure(EntityTypeBuilder<IngredientCode> builder)
    {
        builder.ToTable("drug_ingredient_codes");
        builder.HasKey(c => c.Ingredient);
        builder.Property(c => c.Ingredient).HasMaxLength(200);
        builder.Property(c => c.RxCui).HasMaxLength(12);
        builder.Property(c => c.Source).HasMaxLength(200);
        builder.HasIndex(c => c.RxCui);
    }
}
