using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Drugs;

internal enum DrugKind
{
    Prescription,
    Otc,
    Vitamin,
    Mineral,
    Herbal,
    Supplement,
}

/// <summary>
/// An entry in the catalogue: a medicine (one ingredient or a combination product) or a supplement, with its
/// names, classes, ingredients, forms and the monograph written for consumers. FDA label text is kept apart
/// (<see cref="DrugLabel"/>) so the project's own summary and the label's own words are never mixed.
/// </summary>
internal sealed class Drug
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    /// <summary>The generic name as shown ("Atorvastatin", "Hydrocodone and acetaminophen").</summary>
    public required string Name { get; set; }

    public DrugKind Kind { get; set; }

    /// <summary>
    /// The active ingredients' base names, sorted and joined with " + " ("acetaminophen + hydrocodone"):
    /// how importers recognise the same medicine under any maker's or repackager's label.
    /// </summary>
    public required string IngredientKey { get; set; }

    public string? Summary { get; set; }

    // Monograph sections, Markdown in plain words. Null means "not stated": the page says so rather than guess.
    public string? Uses { get; set; }

    public string? HowToTake { get; set; }

    public string? SideEffects { get; set; }

    public string? SeriousSideEffects { get; set; }

    public string? BoxedWarning { get; set; }

    public string? Warnings { get; set; }

    public string? Pregnancy { get; set; }

    public string? Overdose { get; set; }

    public string? MissedDose { get; set; }

    public string? Storage { get; set; }

    public List<string> Forms { get; set; } = [];

    public List<string> Strengths { get; set; } = [];

    public List<string> Routes { get; set; } = [];

    /// <summary>The documents the monograph was written from, as named in the starter data or by an importer.</summary>
    public List<string> Sources { get; set; } = [];

    public DateOnly? LastReviewed { get; set; }

    public ContentOrigin Origin { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<DrugName> Names { get; set; } = [];

    public List<DrugIngredient> Ingredients { get; set; } = [];

    public List<DrugClass> Classes { get; set; } = [];

    public List<DrugCondition> Conditions { get; set; } = [];

    public List<DrugProduct> Products { get; set; } = [];

    public List<DrugLabel> Labels { get; set; } = [];
}

internal enum DrugNameType
{
    Generic,
    Brand,
    Other,
}

/// <summary>A name a person may search by: the generic name, a brand, a salt form or an everyday name.</summary>
internal sealed class DrugName
{
    public int Id { get; set; }

    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    public required string Name { get; set; }

    /// <summary><see cref="Infrastructure.Text.SearchText.Normalize"/> of the name: what search compares.</summary>
    public required string Normalized { get; set; }

    /// <summary>The name as a URL segment: /drugs/lipitor redirects to the drug it names.</summary>
    public required string Slug { get; set; }

    public DrugNameType Type { get; set; }

    public ContentOrigin Origin { get; set; }
}

/// <summary>An active ingredient by base name ("hydrocodone", not "hydrocodone bitartrate"), in label order.</summary>
internal sealed class DrugIngredient
{
    public int Id { get; set; }

    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    public required string Name { get; set; }

    public int Position { get; set; }
}

internal sealed class DrugClass
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public ContentOrigin Origin { get; set; }

    public List<Drug> Drugs { get; set; } = [];
}

internal enum ConditionUse
{
    /// <summary>An FDA-approved use on the label.</summary>
    OnLabel,

    /// <summary>Widely used for it without FDA approval for that use (or a supplement's traditional use).</summary>
    Common,
}

/// <summary>That a drug is used for a condition, and on what footing.</summary>
internal sealed class DrugCondition
{
    public int DrugId { get; set; }

    public Drug Drug { get; set; } = null!;

    public int ConditionId { get; set; }

    public Condition Condition { get; set; } = null!;

    public ConditionUse Use { get; set; }

    public ContentOrigin Origin { get; set; }
}
