using MedAtlas.Web.Features.Conditions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Drugs;

internal sealed class DrugConfiguration : IEntityTypeConfiguration<Drug>
{
    public void Configure(EntityTypeBuilder<Drug> builder)
    {
        builder.ToTable("drugs");
        builder.HasIndex(d => d.Slug).IsUnique();
        builder.HasIndex(d => d.Name);
        builder.HasIndex(d => d.IngredientKey);
        builder.Property(d => d.IngredientKey).HasMaxLength(1000);
        builder.Property(d => d.Slug).HasMaxLength(200);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(d => d.Classes).WithMany(c => c.Drugs).UsingEntity(
            "drug_class_members",
            r => r.HasOne(typeof(DrugClass)).WithMany().HasForeignKey("ClassId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Drug)).WithMany().HasForeignKey("DrugId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("DrugId", "ClassId"));
    }
}

internal sealed class DrugNameConfiguration : IEntityTypeConfiguration<DrugName>
{
    public void Configure(EntityTypeBuilder<DrugName> builder)
    {
        builder.ToTable("drug_names");
        builder.HasOne(n => n.Drug).WithMany(d => d.Names).HasForeignKey(n => n.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.DrugId, n.Normalized }).IsUnique();
        builder.HasIndex(n => n.Slug);
        builder.HasIndex(n => n.Normalized);
        builder.Property(n => n.Name).HasMaxLength(300);
        builder.Property(n => n.Normalized).HasMaxLength(300);
        builder.Property(n => n.Slug).HasMaxLength(300);
        builder.Property(n => n.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DrugIngredientConfiguration : IEntityTypeConfiguration<DrugIngredient>
{
    public void Configure(EntityTypeBuilder<DrugIngredient> builder)
    {
        builder.ToTable("drug_ingredients");
        builder.HasOne(i => i.Drug).WithMany(d => d.Ingredients).HasForeignKey(i => i.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.DrugId, i.Name }).IsUnique();
        builder.HasIndex(i => i.Name);
        builder.Property(i => i.Name).HasMaxLength(200);
    }
}

internal sealed class DrugClassConfiguration : IEntityTypeConfiguration<DrugClass>
{
    public void Configure(EntityTypeBuilder<DrugClass> builder)
    {
        builder.ToTable("drug_classes");
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DrugConditionConfiguration : IEntityTypeConfiguration<DrugCondition>
{
    public void Configure(EntityTypeBuilder<DrugCondition> builder)
    {
        builder.ToTable("drug_conditions");
        builder.HasKey(dc => new { dc.DrugId, dc.ConditionId });
        builder.HasOne(dc => dc.Drug).WithMany(d => d.Conditions).HasForeignKey(dc => dc.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(dc => dc.Condition).WithMany().HasForeignKey(dc => dc.ConditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(dc => dc.ConditionId);
        builder.Property(dc => dc.Use).HasConversion<string>().HasMaxLength(20);
        builder.Property(dc => dc.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DrugProductConfiguration : IEntityTypeConfiguration<DrugProduct>
{
    public void Configure(EntityTypeBuilder<DrugProduct> builder)
    {
        builder.ToTable("drug_products");
        builder.HasOne(p => p.Drug).WithMany(d => d.Products).HasForeignKey(p => p.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.ApplicationNumber, p.ProductNumber }).IsUnique();
        builder.HasIndex(p => p.DrugId);
        builder.Property(p => p.ApplicationNumber).HasMaxLength(20);
        builder.Property(p => p.ProductNumber).HasMaxLength(10);
        builder.Property(p => p.ProductName).HasMaxLength(300);
        builder.Property(p => p.ActiveIngredients).HasMaxLength(1000);
        builder.Property(p => p.Strength).HasMaxLength(500);
        builder.Property(p => p.DosageForm).HasMaxLength(200);
        builder.Property(p => p.Route).HasMaxLength(200);
        builder.Property(p => p.Sponsor).HasMaxLength(300);
        builder.Property(p => p.MarketingStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DrugLabelConfiguration : IEntityTypeConfiguration<DrugLabel>
{
    public void Configure(EntityTypeBuilder<DrugLabel> builder)
    {
        builder.ToTable("drug_labels");
        builder.HasOne(l => l.Drug).WithMany(d => d.Labels).HasForeignKey(l => l.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.SetId).IsUnique();
        builder.HasIndex(l => l.DrugId);
        builder.Property(l => l.SetId).HasMaxLength(64);
        builder.Property(l => l.DocumentId).HasMaxLength(64);
        builder.Property(l => l.Title).HasMaxLength(1000);
        builder.Property(l => l.Labeler).HasMaxLength(300);
        builder.Property(l => l.DocumentType).HasMaxLength(200);
        builder.Property(l => l.Origin).HasConversion<string>().HasMaxLength(20);
        builder.OwnsMany(l => l.Products, p => p.ToJson());
    }
}

internal sealed class DrugLabelSectionConfiguration : IEntityTypeConfiguration<DrugLabelSection>
{
    public void Configure(EntityTypeBuilder<DrugLabelSection> builder)
    {
        builder.ToTable("drug_label_sections");
        builder.HasOne(s => s.Label).WithMany(l => l.Sections).HasForeignKey(s => s.LabelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.LabelId, s.Position });
        builder.Property(s => s.LoincCode).HasMaxLength(20);
        builder.Property(s => s.Title).HasMaxLength(500);
    }
}
