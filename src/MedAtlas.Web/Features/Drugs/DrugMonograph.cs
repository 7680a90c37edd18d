namespace MedAtlas.Web.Features.Drugs;

/// <summary>Everything a drug page shows, with Markdown already rendered to safe HTML; cached between changes.</summary>
internal sealed record DrugMonograph(
    string Slug,
    string Name,
    DrugKind Kind,
    string? Summary,
    IReadOnlyList<string> BrandNames,
    IReadOnlyList<string> OtherNames,
    IReadOnlyList<NamedLink> Classes,
    IReadOnlyList<IngredientLink> Ingredients,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Routes,
    string? BoxedWarningHtml,
    IReadOnlyList<MonographSection> Sections,
    IReadOnlyList<ConditionLink> Conditions,
    IReadOnlyList<NamedLink> AlsoIn,
    IReadOnlyList<string> Sources,
    DateOnly? LastReviewed,
    bool Curated,
    LabelView? Label,
    IReadOnlyList<LabelSummary> OtherLabels,
    IReadOnlyList<ProductView> Products,
    int ProductCount)
{
    /// <summary>The drug's row id: what features that keep rows about a drug (reviews) store, without a lookup by slug.</summary>
    public int Id { get; init; }

    public string KindLabel => DrugKinds.Label(Kind);
}

internal sealed record NamedLink(string Slug, string Name);

/// <summary>An ingredient; <see cref="Slug"/> is set when the ingredient has its own page.</summary>
internal sealed record IngredientLink(string Name, string? Slug);

internal sealed record ConditionLink(string Slug, string Name, ConditionUse Use);

/// <summary>A monograph section: <see cref="Id"/> is its anchor (#side-effects).</summary>
internal sealed record MonographSection(string Id, string Title, string Html);

internal sealed record LabelSummary(string SetId, string Title, string Labeler, int Version, DateOnly EffectiveDate, bool IsRepackager);

internal sealed record LabelView(LabelSummary Summary, string DocumentType, IReadOnlyList<LabelSectionView> Sections);

internal sealed record LabelSectionView(string Id, string? LoincCode, string Title, string Html);

internal sealed record ProductView(string Name, string Strength, string DosageForm, string Route, string ApplicationNumber, MarketingStatus? Status, string Sponsor);

internal static class DrugKinds
{
    public static string Label(DrugKind kind) => kind switch
    {
        DrugKind.Prescription => "Prescription medicine",
        DrugKind.Otc => "Over-the-counter medicine",
        DrugKind.Vitamin => "Vitamin",
        DrugKind.Mineral => "Mineral",
        DrugKind.Herbal => "Herbal supplement",
        _ => "Dietary supplement",
    };

    /// <summary>The word used in URLs and the API: prescription, otc, vitamin, mineral, herbal, supplement.</summary>
    public static string Code(DrugKind kind) => kind.ToString().ToLowerInvariant();

    public static DrugKind? Parse(string? code) => DrugsStarterData.ParseKind(code);

    public static readonly IReadOnlyList<DrugKind> All = Enum.GetValues<DrugKind>();
}
