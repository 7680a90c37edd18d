using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Drugs;

internal enum MarketingStatus
{
    Prescription = 1,
    OverTheCounter = 2,
    Discontinued = 3,
    TentativeApproval = 4,
}

/// <summary>An FDA-approved product from Drugs@FDA: one strength and form under one application.</summary>
internal sealed class DrugProduct
{
    public int Id { get; set; }

    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    /// <summary>Application type and number as FDA writes it: "NDA020702", "ANDA076477", "BLA125057".</summary>
    public required string ApplicationNumber { get; set; }

    /// <summary>"001": a product within the application.</summary>
    public required string ProductNumber { get; set; }

    /// <summary>The product's name on the application: a brand ("LIPITOR") or the generic name for most generics.</summary>
    public required string ProductName { get; set; }

    /// <summary>As FDA lists it, salts included: "ATORVASTATIN CALCIUM", "ACETAMINOPHEN; HYDROCODONE BITARTRATE".</summary>
    public required string ActiveIngredients { get; set; }

    public required string Strength { get; set; }

    public required string DosageForm { get; set; }

    public required string Route { get; set; }

    public MarketingStatus? MarketingStatus { get; set; }

    public required string Sponsor { get; set; }

    /// <summary>The reference listed drug that generics are compared against.</summary>
    public bool IsReferenceDrug { get; set; }

    public ContentOrigin Origin { get; set; } = ContentOrigin.Imported;
}
