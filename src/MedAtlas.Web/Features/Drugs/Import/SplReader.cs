using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>What reading one XML document gave: a label, or why not.</summary>
internal sealed class SplReadResult
{
    private SplReadResult(SplDocument? document, string? rejection, bool isSpl)
    {
        Document = document;
        Rejection = rejection;
        IsSpl = isSpl;
    }

    public SplDocument? Document { get; }

    public string? Rejection { get; }

    /// <summary>False when the file is not SPL at all (not XML, or another XML format): the wrong input, not a bad label.</summary>
    public bool IsSpl { get; }

    public static SplReadResult Label(SplDocument document) => new(document, null, isSpl: true);

    public static SplReadResult NotALabel(string reason) => new(null, reason, isSpl: true);

    public static SplReadResult NotSpl(string reason) => new(null, reason, isSpl: false);
}

/// <summary>
/// Reads one SPL document (HL7 v3, namespace <c>urn:hl7-org:v3</c>) into an <see cref="SplDocument"/>.
/// One document is loaded at a time; the largest labels are a few megabytes.
/// </summary>
internal sealed class SplReader
{
    public static readonly XNamespace Hl7 = "urn:hl7-org:v3";

    private const string NdcSystem = "2.16.840.1.113883.6.69";
    private const string PrescriptionLabel = "34391-3";
    private const string OtcLabel = "34390-5";
    private const string Repack = "C73606";
    private const string Relabel = "C73607";

    /// <summary>asEquivalentEntity code for "the same product as this NDC": how repackagers name their source.</summary>
    private const string SourceProduct = "C64637";

    private static readonly XNamespace V = Hl7;

    // The SPL document types that describe a medicine for people (FDA's list of SPL document types).
    private static readonly HashSet<string> MedicineLabelTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "HUMAN PRESCRIPTION DRUG LABEL", "HUMAN OTC DRUG LABEL", "VACCINE LABEL", "PLASMA DERIVATIVE", "CELLULAR THERAPY",
        "STANDARDIZED ALLERGENIC", "NON-STANDARDIZED ALLERGENIC", "HUMAN COMPOUNDED DRUG LABEL",
    };

    // Establishment operations that make a product, as opposed to packing or labelling someone else's.
    private static readonly HashSet<string> MakingOperations = ["C43360", "C82401", "C91403"];

    // Sections that hold structured data (products, indexing) rather than words for a reader.
    private static readonly HashSet<string> DataSections = ["48780-1", "48779-3"];

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        // SPL never needs a DTD; ignoring one (and resolving nothing) keeps entity tricks out.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private readonly SplNarrative narrative = new();

    public async Task<SplReadResult> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        XDocument xml;
        try
        {
            using var reader = XmlReader.Create(content, Settings);
            xml = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException e)
        {
            return SplReadResult.NotSpl($"not well-formed XML ({e.Message})");
        }
        catch (InvalidDataException e)
        {
            return SplReadResult.NotSpl($"the file is damaged inside its zip ({e.Message})");
        }

        if (xml.Root is not { } root || root.Name != V + "document")
            return SplReadResult.NotSpl($"the root element is <{xml.Root?.Name.LocalName}>, not an HL7 SPL <document> in namespace {Hl7}");

        return Read(root);
    }

    private SplReadResult Read(XElement root)
    {
        var typeCode = root.Element(V + "code")?.Attribute("code")?.Value.Trim() ?? "";
        var typeName = root.Element(V + "code")?.Attribute("displayName")?.Value.Trim() ?? "";
        if (!IsMedicineLabel(typeCode, typeName))
            return SplReadResult.NotALabel(NotALabelReason(typeCode, typeName));

        var setId = root.Element(V + "setId")?.Attribute("root")?.Value.Trim();
        var documentId = root.Element(V + "id")?.Attribute("root")?.Value.Trim();
        if (string.IsNullOrEmpty(setId))
            return SplReadResult.NotALabel("the label has no set id (setId/@root)");
        if (string.IsNullOrEmpty(documentId))
            return SplReadResult.NotALabel("the label has no document id (id/@root)");
        if (!int.TryParse(root.Element(V + "versionNumber")?.Attribute("value")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return SplReadResult.NotALabel($"label {setId} has no version number (versionNumber/@value)");
        if (Date(root.Element(V + "effectiveTime")?.Attribute("value")?.Value) is not { } effective)
            return SplReadResult.NotALabel($"label {setId} has no effective date (effectiveTime/@value as yyyyMMdd)");

        var body = root.Element(V + "component")?.Element(V + "structuredBody");
        var products = body?.Descendants(V + "section").Elements(V + "subject").Elements(V + "manufacturedProduct")
            .Select(ReadProduct).OfType<SplProduct>().ToList() ?? [];
        if (products.Count == 0)
            return SplReadResult.NotALabel($"label {setId} lists no products (no SPL product data elements), so there is no medicine to file it under");
        if (!products.Any(p => p.AllActiveIngredients().Any()))
            return SplReadResult.NotALabel($"label {setId} names no active ingredient for any product, so it cannot be matched to a medicine");

        var sections = body!.Elements(V + "component").Elements(V + "section")
            .Where(s => !DataSections.Contains(Loinc(s) ?? ""))
            .Select(s => new SplSection(Loinc(s), SplNarrative.PlainText(s.Element(V + "title")) ?? FallbackTitle(s), narrative.SectionHtml(s)))
            .ToList();

        return SplReadResult.Label(new SplDocument
        {
            SetId = setId,
            DocumentId = documentId,
            Version = version,
            EffectiveDate = effective,
            Title = SplNarrative.PlainText(root.Element(V + "title")) ?? products[0].Name,
            DocumentTypeCode = typeCode,
            DocumentType = typeName.Length > 0 ? typeName : typeCode,
            IsOtc = typeCode == OtcLabel || typeName.Contains("OTC", StringComparison.OrdinalIgnoreCase),
            Labeler = SplNarrative.PlainText(root.Element(V + "author")?.Element(V + "assignedEntity")?.Element(V + "representedOrganization")?.Element(V + "name"))
                ?? "Labeler not stated",
            IsRepackager = IsRepackager(root, products),
            Products = products,
            Sections = sections,
        });
    }

    private static bool IsMedicineLabel(string code, string name) =>
        code is PrescriptionLabel or OtcLabel || MedicineLabelTypes.Contains(name);

    private static string NotALabelReason(string code, string name)
    {
        var type = name.Length > 0 ? $"'{name}' ({code})" : $"'{code}'";
        if (name.Contains("INDEXING", StringComparison.OrdinalIgnoreCase))
            return $"not a drug label: an SPL indexing document {type}, which classifies substances rather than describing a product";
        if (name.Contains("ANIMAL", StringComparison.OrdinalIgnoreCase))
            return $"an animal drug label {type}; MedAtlas lists medicines for people";
        return $"not a label for a medicine for people: the document type is {type}";
    }

    /// <summary>
    /// A product (<c>subject/manufacturedProduct</c>) or a kit part (<c>part</c>): the role element carries the
    /// route and (later) the pill characteristics, the entity inside it the name, code, form and ingredients.
    /// </summary>
    private static SplProduct? ReadProduct(XElement role)
    {
        // SPL before 2009 called the entity manufacturedMedicine.
        var entity = role.Element(V + "manufacturedProduct") ?? role.Element(V + "manufacturedMedicine") ?? role.Element(V + "partProduct");
        if (entity is null)
            return null;

        var generic = SplNarrative.PlainText(entity.Element(V + "asEntityWithGeneric")?.Element(V + "genericMedicine")?.Element(V + "name"));
        var ingredients = ReadIngredients(entity);
        return new SplProduct
        {
            Name = SplNarrative.PlainText(entity.Element(V + "name")) ?? generic ?? ingredients.FirstOrDefault()?.Substance ?? "Unnamed product",
            GenericName = generic,
            Ndc = Ndc(entity.Element(V + "code")),
            DosageForm = Attribute(entity.Element(V + "formCode"), "displayName"),
            Routes = role.Elements(V + "consumedIn").Elements(V + "substanceAdministration").Elements(V + "routeCode")
                .Select(r => Attribute(r, "displayName")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ActiveIngredients = ingredients,
            SourceNdc = entity.Elements(V + "asEquivalentEntity")
                .Where(e => Attribute(e.Element(V + "code"), "code") == SourceProduct)
                .Select(e => Ndc(e.Element(V + "definingMaterialKind")?.Element(V + "code")))
                .FirstOrDefault(n => n is not null),
            Parts = entity.Elements(V + "part").Select(ReadProduct).OfType<SplProduct>().ToList(),
        };
    }

    private static List<SplIngredient> ReadIngredients(XElement entity)
    {
        var ingredients = new List<SplIngredient>();
        // ACTIB, ACTIM and ACTIR are active ingredients (basis of strength: the substance, its moiety, a
        // reference); IACT is inactive. Old SPL used activeIngredient/activeIngredientSubstance instead.
        var current = entity.Elements(V + "ingredient")
            .Where(i => (i.Attribute("classCode")?.Value ?? "").StartsWith("ACTI", StringComparison.OrdinalIgnoreCase))
            .Select(i => (Ingredient: i, Substance: i.Element(V + "ingredientSubstance")));
        var old = entity.Elements(V + "activeIngredient").Select(i => (Ingredient: i, Substance: i.Element(V + "activeIngredientSubstance")));
        foreach (var (ingredient, substance) in current.Concat(old))
        {
            var moiety = SplNarrative.PlainText(substance?.Element(V + "activeMoiety")?.Element(V + "activeMoiety")?.Element(V + "name"));
            var name = SplNarrative.PlainText(substance?.Element(V + "name")) ?? moiety;
            if (name is not null)
                ingredients.Add(new SplIngredient(name, moiety, Strength(ingredient.Element(V + "quantity"))));
        }

        return ingredients;
    }

    /// <summary>
    /// A repackager's label either says so in its establishment list (only repack or relabel operations) or,
    /// as most do, names for each product the NDC of another company's product it came from.
    /// </summary>
    private static bool IsRepackager(XElement root, List<SplProduct> products)
    {
        var operations = root.Element(V + "author")?.Descendants(V + "actDefinition")
            .Select(a => Attribute(a.Element(V + "code"), "code")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        if ((operations.Contains(Repack) || operations.Contains(Relabel)) && !operations.Overlaps(MakingOperations))
            return true;

        var withNdc = products.Where(p => p.Ndc is not null).ToList();
        return withNdc.Count > 0 && withNdc.All(p => p.SourceNdc is not null && LabelerCode(p.SourceNdc) != LabelerCode(p.Ndc!));
    }

    private static string LabelerCode(string ndc) => ndc.Split('-')[0].TrimStart('0');

    private static string? Ndc(XElement? code) =>
        Attribute(code, "codeSystem") == NdcSystem ? Attribute(code, "code") : null;

    private static string? Loinc(XElement section) => Attribute(section.Element(V + "code"), "code");

    /// <summary>The LOINC name in sentence case ("OTC - KEEP OUT OF REACH OF CHILDREN SECTION" reads "Keep out of reach of children").</summary>
    private static string FallbackTitle(XElement section)
    {
        const string Unclassified = "42229-5";
        var name = Attribute(section.Element(V + "code"), "displayName");
        if (name is null || Loinc(section) == Unclassified)
            return "Untitled section";

        if (name.StartsWith("OTC - ", StringComparison.OrdinalIgnoreCase))
            name = name[6..];
        if (name.EndsWith(" SECTION", StringComparison.OrdinalIgnoreCase))
            name = name[..^8];
        name = name.Replace(".", ": ", StringComparison.Ordinal).Trim();
        return name.Length == 0 ? "Untitled section" : char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant();
    }

    /// <summary>"10 mg", "40 mg/0.8 mL", "160 mg/5 mL", "12X" (homeopathic), "500 IU".</summary>
    private static string? Strength(XElement? quantity)
    {
        var numerator = quantity?.Element(V + "numerator");
        if (Number(Attribute(numerator, "value")) is not { } amount)
            return null;

        var strength = WithUnit(amount, Attribute(numerator, "unit"));
        var denominator = quantity!.Element(V + "denominator");
        var perAmount = Number(Attribute(denominator, "value")) ?? "1";
        var perUnit = Attribute(denominator, "unit") is { } u && u != "1" ? Unit(u) : "";
        if (perAmount == "1" && perUnit.Length == 0)
            return strength;
        return perAmount == "1" ? $"{strength}/{perUnit}" : $"{strength}/{WithUnit(perAmount, Attribute(denominator, "unit"))}";
    }

    private static string WithUnit(string amount, string? unit)
    {
        var text = Unit(unit);
        if (text.Length == 0)
            return amount;
        // Homeopathic potencies are written against the number: 6X, 30C.
        return unit!.StartsWith("[hp_", StringComparison.Ordinal) || unit.StartsWith("[kp_", StringComparison.Ordinal) ? amount + text : $"{amount} {text}";
    }

    /// <summary>UCUM as people read it: "ug" is mcg, "[iU]" IU, "[hp_X]" X.</summary>
    private static string Unit(string? unit)
    {
        var u = unit?.Trim() ?? "";
        return u switch
        {
            "" or "1" => "",
            "ug" => "mcg",
            "[iU]" or "[IU]" => "IU",
            "[USP'U]" => "USP units",
            "[arb'U]" => "units",
            _ when (u.StartsWith("[hp_", StringComparison.Ordinal) || u.StartsWith("[kp_", StringComparison.Ordinal)) && u.EndsWith(']') => u[4..^1],
            _ => u.Trim('[', ']'),
        };
    }

    private static string? Number(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return decimal.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.Trim();
    }

    private static DateOnly? Date(string? value) =>
        value is { Length: >= 8 } && DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string? Attribute(XElement? element, string name) =>
        element?.Attribute(name)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
