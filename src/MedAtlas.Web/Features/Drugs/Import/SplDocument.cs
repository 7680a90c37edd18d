namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// One version of one DailyMed label, as read from its SPL XML (HL7 v3 Structured Product Labeling):
/// what <see cref="DailyMedImporter"/> stores as a <see cref="DrugLabel"/>.
/// </summary>
internal sealed class SplDocument
{
    /// <summary>The same for every version of the label.</summary>
    public required string SetId { get; init; }

    /// <summary>This version's own id.</summary>
    public required string DocumentId { get; init; }

    public required int Version { get; init; }

    public required DateOnly EffectiveDate { get; init; }

    /// <summary>The document title, or the first product's name when the label has none.</summary>
    public required string Title { get; init; }

    /// <summary>LOINC document type: 34391-3 prescription, 34390-5 OTC, ...</summary>
    public required string DocumentTypeCode { get; init; }

    /// <summary>"HUMAN PRESCRIPTION DRUG LABEL", "HUMAN OTC DRUG LABEL", "PLASMA DERIVATIVE", ...</summary>
    public required string DocumentType { get; init; }

    public bool IsOtc { get; init; }

    public required string Labeler { get; init; }

    /// <summary>The labeler only repackages or relabels another company's product.</summary>
    public bool IsRepackager { get; init; }

    /// <summary>Products in label order; a kit's pieces are in <see cref="SplProduct.Parts"/>.</summary>
    public required IReadOnlyList<SplProduct> Products { get; init; }

    public required IReadOnlyList<SplSection> Sections { get; init; }

    /// <summary>
    /// The pill photos the products' SPLIMAGE characteristics name, by file name, read from the label's own files
    /// (its zip or folder); a name the label references but does not ship is absent.
    /// </summary>
    public IReadOnlyDictionary<string, SplImage> Images { get; init; } = new Dictionary<string, SplImage>();

    /// <summary>Image files a product references that could not be read, and why ("is not in the label's zip").</summary>
    public IReadOnlyDictionary<string, string> MissingImages { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Every active ingredient of every product, kit parts included, first appearance first, one per
    /// substance: what the label is matched to a drug by.
    /// </summary>
    public IReadOnlyList<SplIngredient> ActiveIngredients() =>
        Products.SelectMany(p => p.AllActiveIngredients())
            .DistinctBy(i => i.Substance.ToUpperInvariant())
            .ToList();
}

/// <summary>
/// A product on the label (<c>manufacturedProduct</c>) or a part of a kit (<c>partProduct</c>). Pill
/// characteristics (imprint, color, shape, size, score, image) belong here too, per product and per part,
/// because that is where SPL puts them.
/// </summary>
internal sealed class SplProduct
{
    /// <summary>The proprietary name as the label gives it ("Lipitor", "pain relief"); the generic name for most generics.</summary>
    public required string Name { get; init; }

    /// <summary>The nonproprietary name the label pairs with it ("atorvastatin calcium").</summary>
    public string? GenericName { get; init; }

    /// <summary>NDC product code (labeler-product, no package segment): "0071-0155".</summary>
    public string? Ndc { get; init; }

    /// <summary>NDC package codes of its packages, outer and inner: "0071-0155-23" (bottle of 90).</summary>
    public IReadOnlyList<string> PackageNdcs { get; init; } = [];

    /// <summary>"TABLET, FILM COATED", "KIT", "INJECTION, SOLUTION".</summary>
    public string? DosageForm { get; init; }

    /// <summary>"ORAL", "SUBCUTANEOUS"; a product may state several.</summary>
    public IReadOnlyList<string> Routes { get; init; } = [];

    public IReadOnlyList<SplIngredient> ActiveIngredients { get; init; } = [];

    /// <summary>The NDC of the product this one was repackaged or relabeled from, when the label says.</summary>
    public string? SourceNdc { get; init; }

    /// <summary>A kit's pieces (the pen and the swab; each week's tablets of a contraceptive pack).</summary>
    public IReadOnlyList<SplProduct> Parts { get; init; } = [];

    /// <summary>How the product looks (imprint, colour, shape, ...): empty for most products that are not pills.</summary>
    public SplCharacteristics Characteristics { get; init; } = SplCharacteristics.None;

    public bool IsKit => Parts.Count > 0;

    public IEnumerable<SplIngredient> AllActiveIngredients() =>
        ActiveIngredients.Concat(Parts.SelectMany(p => p.AllActiveIngredients()));

    /// <summary>Own routes, or for a kit whose routes sit on its parts, theirs.</summary>
    public IReadOnlyList<string> AllRoutes() =>
        Routes.Count > 0 ? Routes : Parts.SelectMany(p => p.AllRoutes()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>An active ingredient with the strength the label states.</summary>
/// <param name="Substance">The ingredient substance as named ("ATORVASTATIN CALCIUM TRIHYDRATE").</param>
/// <param name="ActiveMoiety">The part that acts ("ATORVASTATIN"); ions for salts like sodium fluoride ("FLUORIDE ION").</param>
/// <param name="Strength">"10 mg", "40 mg/0.8 mL", "1X"; null when not stated.</param>
internal sealed record SplIngredient(string Substance, string? ActiveMoiety, string? Strength)
{
    public override string ToString() => Strength is null ? Substance : $"{Substance} {Strength}";
}

/// <summary>A top-level section of the label, its subsections folded into <see cref="Html"/> under their titles.</summary>
/// <param name="LoincCode">34067-9 indications, 34066-1 boxed warning, ...; null when the label gives none.</param>
/// <param name="Html">Sanitized HTML; empty when the section only holds pictures.</param>
internal sealed record SplSection(string? LoincCode, string Title, string Html);

/// <summary>
/// A product's SPL characteristics (<c>subjectOf/characteristic</c>), what a pill identifier needs.
/// </summary>
/// <param name="Imprint">SPLIMPRINT as labelled, ";" between blocks, each block trimmed ("PD;155;10"); null when none.</param>
/// <param name="Colors">SPLCOLOR as SPL colour names ("WHITE"), one or two (a two-tone capsule).</param>
/// <param name="Shape">SPLSHAPE as an SPL shape name ("ROUND").</param>
/// <param name="SizeMm">SPLSIZE in millimetres.</param>
/// <param name="Score">SPLSCORE: the pieces score lines divide it into (1 = none).</param>
/// <param name="Coating">SPLCOATING as the label states it.</param>
/// <param name="ImageFiles">SPLIMAGE file names, as referenced (directly or through an observationMedia).</param>
internal sealed record SplCharacteristics(
    string? Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score, string? Coating, IReadOnlyList<string> ImageFiles)
{
    public static readonly SplCharacteristics None = new(null, [], null, null, null, null, []);

    /// <summary>Enough to tell the pill from others: what the issue asks a pill to have before it is listed.</summary>
    public bool DescribesAPill => Imprint is not null || Colors.Count > 0 || Shape is not null;
}

/// <summary>An image file shipped with the label.</summary>
internal sealed record SplImage(string FileName, string ContentType, byte[] Content);
