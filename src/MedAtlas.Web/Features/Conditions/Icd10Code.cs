using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Conditions;

/// <summary>An ICD-10-CM code and its official (clinical) title, used to label conditions.</summary>
internal sealed class Icd10Code
{
    /// <summary>Without the dot, as CMS publishes it: "E1165".</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    public ContentOrigin Origin { get; set; }

    /// <summary>"E1165" is shown "E11.65": the dot goes after the category's three characters.</summary>
    public static string Display(string code) => code.Length > 3 ? $"{code[..3]}.{code[3..]}" : code;

    /// <summary>"e11.65 " becomes "E1165"; null when it cannot be an ICD-10-CM code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;

        var code = input.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        var valid = code.Length is >= 3 and <= 7
            && char.IsAsciiLetterUpper(code[0])
            && char.IsAsciiDigit(code[1])
            && code.All(char.IsAsciiLetterOrDigit);
        return valid ? code : null;
    }
}

internal sealed class Icd10CodeConfiguration : IEntityTypeConfiguration<Icd10Code>
{
    public void Configure(EntityTypeBuilder<Icd10Code> builder)
    {
        builder.ToTable("icd10cm_codes");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(7);
        builder.Property(c => c.Title).HasMaxLength(400);
    }
}
