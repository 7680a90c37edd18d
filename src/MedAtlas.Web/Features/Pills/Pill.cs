using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// A solid oral product as it looks: one pill of one product (or one part of a kit), with the appearance the
/// label states (SPL characteristics: SPLIMPRINT, SPLCOLOR, SPLSHAPE, SPLSIZE, SPLSCORE, SPLCOATING, SPLIMAGE).
/// </summary>
internal sealed class Pill
{
    public int Id { get; set; }

    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    /// <summary>The DailyMed label it comes from (null for synthetic benchmark data).</summary>
    public string? SetId { get; set; }

    /// <summary>The product's name on the label ("Lipitor", "Atorvastatin Calcium"); for a kit part, the part's.</summary>
    public required string ProductName { get; set; }

    /// <summary>Active ingredient strengths as labelled ("10 mg").</summary>
    public string? Strength { get; set; }

    public string? Labeler { get; set; }

    /// <summary>NDC product code ("0071-0155").</summary>
    public string? ProductNdc { get; set; }

    public List<string> PackageNdcs { get; set; } = [];

    /// <summary>As labelled: text blocks on the pill separated by ";" ("PD;155;10"). Empty when the pill has no imprint.</summary>
    public required string Imprint { get; set; }

    /// <summary>One or two SPL colours by name ("WHITE"; a two-tone capsule "BLUE", "WHITE").</summary>
    public List<string> Colors { get; set; } = [];

    /// <summary>SPL shape name ("ROUND", "CAPSULE").</summary>
    public string? Shape { get; set; }

    /// <summary>Longest dimension in millimetres, as labelled.</summary>
    public decimal? SizeMm { get; set; }

    /// <summary>Number of pieces the score lines divide it into (1 = no score).</summary>
    public int? Score { get; set; }

    public string? Coating { get; set; }

    /// <summary>Generated for benchmarks, not real: never shown as a real identification.</summary>
    public bool IsSynthetic { get; set; }

    public ContentOrigin Origin { get; set; } = ContentOrigin.Imported;

    public List<PillImage> Images { get; set; } = [];
}

/// <summary>
/// A photo of the pill from its label (the SPLIMAGE file). Kept in the database, not on one server's disk,
/// so every server of a PostgreSQL deployment can serve it.
/// </summary>
internal sealed class PillImage
{
    public int Id { get; set; }

    public int PillId { get; set; }

    public Pill Pill { get; set; } = null!;

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }
}

/// <summary>The SPL colour and shape code lists (NCI Thesaurus codes), as FDA labels use them.</summary>
internal static class SplAppearance
{
    public static readonly IReadOnlyList<(string Code, string Name, string Hex)> Colors =
    [
        ("C48323", "BLACK", "#000000"), ("C48333", "BLUE", "#0000FF"), ("C48332", "BROWN", "#964B00"),
        ("C48324", "GRAY", "#808080"), ("C48329", "GREEN", "#008000"), ("C48331", "ORANGE", "#FFA500"),
        ("C48328", "PINK", "#FFC0CB"), ("C48327", "PURPLE", "#800080"), ("C48326", "RED", "#FF0000"),
        ("C48334", "TURQUOISE", "#30D5C8"), ("C48325", "WHITE", "#FFFFFF"), ("C48330", "YELLOW", "#FFFF00"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Shapes =
    [
        ("C48335", "BULLET"), ("C48336", "CAPSULE"), ("C48337", "CLOVER"), ("C48338", "DIAMOND"), ("C48339", "DOUBLE CIRCLE"),
        ("C48340", "FREEFORM"), ("C48341", "GEAR"), ("C48342", "HEPTAGON (7 SIDES)"), ("C48343", "HEXAGON (6 SIDES)"),
        ("C48344", "OCTAGON (8 SIDES)"), ("C48345", "OVAL"), ("C48346", "PENTAGON (5 SIDES)"), ("C48347", "RECTANGLE"),
        ("C48348", "ROUND"), ("C48349", "SEMI-CIRCLE"), ("C48350", "SQUARE"), ("C48351", "TEAR"), ("C48352", "TRAPEZOID"),
        ("C48353", "TRIANGLE"),
    ];

    /// <summary>A colour name from a label or a form, by code or name in any case ("pink", "C48328"); null if not on the list.</summary>
    public static string? Color(string? value) =>
        value is null ? null : Colors.FirstOrDefault(c => c.Code.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase) || c.Name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)).Name;

    /// <summary>A shape name by code or name in any case ("round", "C48348", "hexagon"); null if not on the list.</summary>
    public static string? Shape(string? value)
    {
        if (value is null)
            return null;
        var v = value.Trim();
        return Shapes.FirstOrDefault(s => s.Code.Equals(v, StringComparison.OrdinalIgnoreCase)
            || s.Name.Equals(v, StringComparison.OrdinalIgnoreCase)
            || s.Name.Split(' ')[0].Equals(v, StringComparison.OrdinalIgnoreCase)).Name;
    }
}

internal sealed class PillConfiguration : IEntityTypeConfiguration<Pill>
{
    public void Configure(EntityTypeBuilder<Pill> builder)
    {
        builder.ToTable("pills");
        builder.HasOne(p => p.Drug).WithMany().HasForeignKey(p => p.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.DrugId);
        builder.HasIndex(p => p.SetId);
        builder.HasIndex(p => p.Imprint);
        builder.Property(p => p.SetId).HasMaxLength(64);
        builder.Property(p => p.ProductName).HasMaxLength(300);
        builder.Property(p => p.Strength).HasMaxLength(300);
        builder.Property(p => p.Labeler).HasMaxLength(300);
        builder.Property(p => p.ProductNdc).HasMaxLength(20);
        builder.Property(p => p.Imprint).HasMaxLength(200);
        builder.Property(p => p.Shape).HasMaxLength(40);
        builder.Property(p => p.Coating).HasMaxLength(100);
        builder.Property(p => p.SizeMm).HasPrecision(6, 2);
        builder.Property(p => p.Origin).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PillImageConfiguration : IEntityTypeConfiguration<PillImage>
{
    public void Configure(EntityTypeBuilder<PillImage> builder)
    {
        builder.ToTable("pill_images");
        builder.HasOne(i => i.Pill).WithMany(p => p.Images).HasForeignKey(i => i.PillId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.PillId);
        builder.Property(i => i.FileName).HasMaxLength(300);
        builder.Property(i => i.ContentType).HasMaxLength(100);
    }
}
