using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>
/// One FDA label (a DailyMed SPL set) as last imported. A set keeps its id across versions; a newer version
/// replaces the older one. Several labels may describe one drug (the maker's and repackagers').
/// </summary>
internal sealed class DrugLabel
{
    public int Id { get; set; }

    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    /// <summary>The SPL set id: the same for every version of this label.</summary>
    public required string SetId { get; set; }

    /// <summary>The SPL document id of this version.</summary>
    public required string DocumentId { get; set; }

    public int Version { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public required string Title { get; set; }

    /// <summary>The company that put its name on the label (the maker, or a repackager).</summary>
    public required string Labeler { get; set; }

    /// <summary>"HUMAN PRESCRIPTION DRUG LABEL", "HUMAN OTC DRUG LABEL", ...</summary>
    public required string DocumentType { get; set; }

    /// <summary>The labeler only repackages or relabels another company's product.</summary>
    public bool IsRepackager { get; set; }

    /// <summary>Products on the label: name, NDC product code, form, strength, route.</summary>
    public List<DrugLabelProduct> Products { get; set; } = [];

    public List<DrugLabelSection> Sections { get; set; } = [];

    public ContentOrigin Origin { get; set; } = ContentOrigin.Imported;

    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class DrugLabelProduct
{
    public required string Name { get; set; }

    public string? Ndc { get; set; }

    public string? DosageForm { get; set; }

    public string? Route { get; set; }

    /// <summary>Ingredient and strength, as the label states them ("ATORVASTATIN CALCIUM 10 mg").</summary>
    public List<string> Ingredients { get; set; } = [];
}

/// <summary>A section of the label in the label's own words, identified by its LOINC code.</summary>
internal sealed class DrugLabelSection
{
    public int Id { get; set; }

    public int LabelId { get; set; }

    public DrugLabel Label { get; set; } = null!;

    public int Position { get; set; }

    /// <summary>LOINC section code: 34067-9 indications, 34066-1 boxed warning, 34084-4 adverse reactions, ...</summary>
    public string? LoincCode { get; set; }

    public required string Title { get; set; }

    /// <summary>The section's text converted from SPL markup to sanitized HTML.</summary>
    public required string Html { get; set; }
}
