using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>
/// One FDA drug recall enforcement report (one product of a recall event), as openFDA publishes it. Fields are
/// kept in FDA's words; only the dates are parsed. <see cref="RecallNumber"/> is FDA's id and the import's key.
/// </summary>
internal sealed class Recall
{
    public const string OpenFdaEnforcement = "openfda-enforcement";

    public int Id { get; set; }

    /// <summary>"D-1096-2015".</summary>
    public required string RecallNumber { get; set; }

    /// <summary>The recall event: one event can cover many products, each with its own recall number.</summary>
    public required string EventId { get; set; }

    /// <summary>"Class I" (most serious), "Class II", "Class III" or "Not Yet Classified".</summary>
    public required string Classification { get; set; }

    /// <summary>"Ongoing", "Completed" or "Terminated".</summary>
    public required string Status { get; set; }

    public required string ProductDescription { get; set; }

    /// <summary>Lots and expiry dates, free text.</summary>
    public required string CodeInfo { get; set; }

    public string? MoreCodeInfo { get; set; }

    public required string ReasonForRecall { get; set; }

    public required string RecallingFirm { get; set; }

    public required string City { get; set; }

    public required string State { get; set; }

    public required string Country { get; set; }

    public DateOnly? ReportDate { get; set; }

    public DateOnly? RecallInitiationDate { get; set; }

    public DateOnly? TerminationDate { get; set; }

    public required string DistributionPattern { get; set; }

    public required string VoluntaryMandated { get; set; }

    public required string ProductQuantity { get; set; }

    /// <summary>Where the record came from: <see cref="OpenFdaEnforcement"/>.</summary>
    public required string Source { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<RecallProductCode> ProductCodes { get; set; } = [];

    public List<RecallLot> Lots { get; set; } = [];

    public List<RecallMatch> Matches { get; set; } = [];

    public List<RecallStatusChange> StatusChanges { get; set; } = [];
}

internal enum RecallCodeOrigin
{
    /// <summary>openfda.package_ndc: an 11-digit package NDC.</summary>
    PackageNdc,

    /// <summary>openfda.product_ndc: a 9-digit product code (labeler + product), matching any package of it.</summary>
    ProductNdc,

    /// <summary>A dashed package NDC found in product_description.</summary>
    Description,

    /// <summary>A dashed package NDC found in code_info.</summary>
    CodeInfo,
}

/// <summary>An NDC the recall names: 11 digits for a package, 9 for a product code (<see cref="RecallCodeOrigin.ProductNdc"/>).</summary>
internal sealed class RecallProductCode
{
    public int Id { get; set; }

    public int RecallId { get; set; }

    public required string Code { get; set; }

    public RecallCodeOrigin Origin { get; set; }

    /// <summary>The labeler + product part that label product NDCs are compared on.</summary>
    public string ProductCode => Code.Length >= 9 ? Code[..9] : Code;
}

/// <summary>A lot number found in code_info, upper-cased as <c>SavedMedicine.LotNumber</c> is.</summary>
internal sealed class RecallLot
{
    public int Id { get; set; }

    public int RecallId { get; set; }

    public required string Lot { get; set; }
}

internal enum RecallMatchKind
{
    /// <summary>An NDC of the recall is a product code on one of the drug's labels.</summary>
    Ndc,

    /// <summary>Only the name matched: the weaker kind ("may affect your medicine: check the lot on your bottle").</summary>
    Name,

    /// <summary>An editor linked the record to the drug by hand (/admin/alerts/unmatched). Imports keep these.</summary>
    Manual,
}

/// <summary>That a recall concerns a catalogue drug, how that was found and how sure it is.</summary>
internal sealed class RecallMatch
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public int Id { get; set; }

    public int RecallId { get; set; }

    public required string DrugSlug { get; set; }

    public RecallMatchKind How { get; set; }

    /// <summary><see cref="High"/>: an NDC openFDA linked, or an editor's link; <see cref="Medium"/>: an NDC found in the text; <see cref="Low"/>: a name.</summary>
    public required string Confidence { get; set; }
}

/// <summary>A change of <see cref="Recall.Status"/> seen by an import (Ongoing → Terminated).</summary>
internal sealed class RecallStatusChange
{
    public int Id { get; set; }

    public int RecallId { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    public DateTime ChangedAt { get; set; }
}

internal sealed class RecallConfiguration : IEntityTypeConfiguration<Recall>
{
    public void Configure(EntityTypeBuilder<Recall> builder)
    {
        builder.ToTable("recalls");
        builder.HasIndex(r => r.RecallNumber).IsUnique();
        builder.HasIndex(r => r.EventId);
        builder.HasIndex(r => r.ReportDate);
        // /alerts filtered by class and status, newest first.
        builder.HasIndex(r => new { r.Classification, r.Status, r.ReportDate });
        builder.Property(r => r.RecallNumber).HasMaxLength(40);
        builder.Property(r => r.EventId).HasMaxLength(40);
        builder.Property(r => r.Classification).HasMaxLength(40);
        builder.Property(r => r.Status).HasMaxLength(40);
        builder.Property(r => r.RecallingFirm).HasMaxLength(500);
        builder.Property(r => r.City).HasMaxLength(200);
        builder.Property(r => r.State).HasMaxLength(100);
        builder.Property(r => r.Country).HasMaxLength(100);
        builder.Property(r => r.VoluntaryMandated).HasMaxLength(100);
        builder.Property(r => r.Source).HasMaxLength(40);
        builder.HasMany(r => r.ProductCodes).WithOne().HasForeignKey(c => c.RecallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Lots).WithOne().HasForeignKey(l => l.RecallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Matches).WithOne().HasForeignKey(m => m.RecallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.StatusChanges).WithOne().HasForeignKey(s => s.RecallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecallProductCodeConfiguration : IEntityTypeConfiguration<RecallProductCode>
{
    public void Configure(EntityTypeBuilder<RecallProductCode> builder)
    {
        builder.ToTable("recall_product_codes");
        builder.Ignore(c => c.ProductCode);
        builder.Property(c => c.Code).HasMaxLength(11);
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.RecallId, c.Code, c.Origin }).IsUnique();
        builder.HasIndex(c => c.Code);
    }
}

internal sealed class RecallLotConfiguration : IEntityTypeConfiguration<RecallLot>
{
    public void Configure(EntityTypeBuilder<RecallLot> builder)
    {
        builder.ToTable("recall_lots");
        builder.Property(l => l.Lot).HasMaxLength(40);
        builder.HasIndex(l => new { l.RecallId, l.Lot }).IsUnique();
        // Saved medicines are matched to recalls by lot.
        builder.HasIndex(l => l.Lot);
    }
}

internal sealed class RecallMatchConfiguration : IEntityTypeConfiguration<RecallMatch>
{
    public void Configure(EntityTypeBuilder<RecallMatch> builder)
    {
        builder.ToTable("recall_matches");
        builder.Property(m => m.DrugSlug).HasMaxLength(200);
        builder.Property(m => m.How).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Confidence).HasMaxLength(10);
        builder.HasIndex(m => new { m.RecallId, m.DrugSlug }).IsUnique();
        builder.HasIndex(m => m.DrugSlug);
    }
}

internal sealed class RecallStatusChangeConfiguration : IEntityTypeConfiguration<RecallStatusChange>
{
    public void Configure(EntityTypeBuilder<RecallStatusChange> builder)
    {
        builder.ToTable("recall_status_changes");
        builder.Property(s => s.From).HasMaxLength(40);
        builder.Property(s => s.To).HasMaxLength(40);
        builder.HasIndex(s => s.RecallId);
    }
}
