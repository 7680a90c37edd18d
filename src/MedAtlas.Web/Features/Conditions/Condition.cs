using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Conditions;

/// <summary>A health condition in everyday words, with the names people search by and its ICD-10-CM codes.</summary>
internal sealed class Condition
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Summary { get; set; }

    /// <summary>Other names, medical and everyday: "hypertension", "HBP".</summary>
    public List<string> Synonyms { get; set; } = [];

    /// <summary>With the dot, as shown: "E11", "K21.9".</summary>
    public List<string> Icd10Codes { get; set; } = [];

    public DateOnly? LastReviewed { get; set; }

    public ContentOrigin Origin { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
