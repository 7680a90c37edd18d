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

    private const int MaxIdLength = 64;
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

    // A pill photo is tens of kilobytes; anything near this is not one, and holding it would cost a batch its memory bound.
    private const long MaxImageBytes = 8L << 20;

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif", [".webp"] = "image/webp",
    };

    private readonly SplNarrative narrative = new();

    public Task<SplReadResult> ReadAsync(Stream content, CancellationToken cancellationToken) => ReadAsync(content, null, cancellationToken);

    /// <summary>Reads one document; the pill images its products reference are read from <paramref name="siblings"/> when given.</summary>
    public async Task<SplReadResult> ReadAsync(Stream content, SplSiblings? siblings, CancellationToken cancellationToken)
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

        return Read(root, siblings);
    }

    private SplReadResult Read(XElement root, SplSiblings? siblings)
    {
        var typeCode = root.Element(V + "code")?.Attribute("code")?.Value.Trim() ?? "";
        var typeName = root.Element(V + "code")?.Attribute("displayName")?.Value.Trim() ?? "";
        if (!IsMedicineLabel(typeCode, typeName))
            return SplReadResult.NotALabel(NotALabelReason(typeCode, typeName));

        var setId = root.Element(V + "setId")?.Attribute("root")?.Value.Trim();
        var documentId = root.Element(V + "id")?.Attribute("root")?.Value.Trim();
        // SPL ids are UUIDs (36 characters); anything far longer is not an id the label table can key on.
        if (string.IsNullOrEmpty(setId) || setId.Length > MaxIdLength)
            return SplReadResult.NotALabel("the label has no usable set id (setId/@root)");
        if (string.IsNullOrEmpty(documentId) || documentId.Length > MaxIdLength)
            return SplReadResult.NotALabel($"label {setId} has no usable document id (id/@root)");
        if (!int.TryParse(root.Element(V + "versionNumber")?.Attribute("value")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return SplReadResult.NotALabel($"label {setId} has no version number (versionNumber/@value)");
        if (Date(root.Element(V + "effectiveTime")?.Attribute("value")?.Value) is not { } effective)
            return SplReadResult.NotALabel($"label {setId} has no effective date (effectiveTime/@value as yyyyMMdd)");

        var body = root.Element(V + "component")?.Element(V + "structuredBody");
        var media = MediaFiles(root);
        var products = body?.Descendants(V + "section").Elements(V + "subject").Elements(V + "manufacturedProduct")
            .Select(p => ReadProduct(p, media)).OfType<SplProduct>().ToList() ?? [];
        if (products.Count == 0)
            return SplReadResult.NotALabel($"label {setId} lists no products (no SPL product data elements), so there is no medicine to file it under");
        if (!products.Any(p => p.AllActiveIngredients().Any()))
            return SplReadResult.NotALabel($"label {setId} names no active ingredient for any product, so it cannot be matched to a medicine");

        var (images, missing) = ReadImages(products, siblings);
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
            Images = images,
            MissingImages = missing,
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
    private static SplProduct? ReadProduct(XElement role, IReadOnlyDictionary<string, string> media)
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
            PackageNdcs = PackageNdcs(entity).Distinct().ToList(),
            DosageForm = Attribute(entity.Element(V + "formCode"), "displayName"),
            Routes = role.Elements(V + "consumedIn").Elements(V + "substanceAdministration").Elements(V + "routeCode")
                .Select(r => Attribute(r, "displayName")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ActiveIngredients = ingredients,
            SourceNdc = entity.Elements(V + "asEquivalentEntity")
                .Where(e => Attribute(e.Element(V + "code"), "code") == SourceProduct)
                .Select(e => Ndc(e.Element(V + "definingMaterialKind")?.Element(V + "code")))
                .FirstOrDefault(n => n is not null),
            Parts = entity.Elements(V + "part").Select(p => ReadProduct(p, media)).OfType<SplProduct>().ToList(),
            Characteristics = ReadCharacteristics(role, media),
        };
    }

    /// <summary>
    /// SPLIMPRINT (ST), SPLCOLOR (CE, once per colour), SPLSHAPE (CE), SPLSIZE (PQ), SPLSCORE (INT), SPLCOATING and
    /// SPLIMAGE (ED) on the product's or part's role element.
    /// </summary>
    private static SplCharacteristics ReadCharacteristics(XElement role, IReadOnlyDictionary<string, string> media)
    {
        var values = role.Elements(V + "subjectOf").Elements(V + "characteristic")
            .Select(c => (Code: Attribute(c.Element(V + "code"), "code")?.ToUpperInvariant(), Value: c.Element(V + "value")))
            .Where(c => c.Code is not null && c.Value is not null)
            .ToLookup(c => c.Code!, c => c.Value!);
        if (values.Count == 0)
            return SplCharacteristics.None;

        return new SplCharacteristics(
            Imprint(values["SPLIMPRINT"].Select(v => v.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))),
            // Codes first: some labels write the display name in lower case ("pink"), a few only the name.
            values["SPLCOLOR"].Select(v => Pills.SplAppearance.Color(Attribute(v, "code")) ?? Pills.SplAppearance.Color(Attribute(v, "displayName")))
                .OfType<string>().Distinct().ToList(),
            values["SPLSHAPE"].Select(v => Pills.SplAppearance.Shape(Attribute(v, "code")) ?? Pills.SplAppearance.Shape(Attribute(v, "displayName")))
                .FirstOrDefault(s => s is not null),
            values["SPLSIZE"].Select(SizeMm).FirstOrDefault(s => s is not null),
            values["SPLSCORE"].Select(v => int.TryParse(Attribute(v, "value"), NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is > 0 and < 100 ? score : (int?)null)
                .FirstOrDefault(s => s is not null),
            values["SPLCOATING"].Select(Coating).FirstOrDefault(c => c is not null),
            values["SPLIMAGE"].Select(v => ImageFile(v, media)).OfType<string>().Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>"PD; 155 ;10" reads "PD;155;10": blocks as labelled, the space around them and empty blocks dropped.</summary>
    private static string? Imprint(string? value)
    {
        if (value is null)
            return null;
        var blocks = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return blocks.Length == 0 ? null : string.Join(';', blocks);
    }

    private static decimal? SizeMm(XElement value)
    {
        if (!decimal.TryParse(Attribute(value, "value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var size) || size <= 0)
            return null;
        var mm = Attribute(value, "unit")?.ToLowerInvariant() switch
        {
            null or "mm" => size,
            "cm" => size * 10,
            _ => (decimal?)null,
        };
        // The column holds 6 digits with 2 decimals; a "size" beyond that is a typo, not a pill.
        return mm is > 0 and < 1000 ? Math.Round(mm.Value, 2) : null;
    }

    /// <summary>Coating is coded (CE), a yes/no (BL) or text, depending on the label's age.</summary>
    private static string? Coating(XElement value)
    {
        var type = value.Attribute(Xsi + "type")?.Value;
        if (type == "BL")
            return Attribute(value, "value")?.ToLowerInvariant() switch { "true" => "COATED", "false" => "NOT COATED", _ => null };
        var text = Attribute(value, "displayName") ?? SplNarrative.PlainText(value.Element(V + "originalText")) ?? (value.HasElements ? null : value.Value.Trim());
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>SPLIMAGE names its file directly (reference value="pill.jpg") or points at an observationMedia ("#MM3").</summary>
    private static string? ImageFile(XElement value, IReadOnlyDictionary<string, string> media)
    {
        var reference = Attribute(value.Element(V + "reference"), "value");
        if (reference is null)
            return null;
        if (reference.StartsWith('#'))
            return media.TryGetValue(reference[1..], out var file) ? file : null;
        return reference;
    }

    /// <summary>observationMedia ids and the files they show, for SPLIMAGE references made by id.</summary>
    private static Dictionary<string, string> MediaFiles(XElement root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var media in root.Descendants(V + "observationMedia"))
        {
            if (Attribute(media, "ID") is { } id && Attribute(media.Element(V + "value")?.Element(V + "reference"), "value") is { } file)
                files.TryAdd(id, file);
        }

        return files;
    }

    private static IEnumerable<string> ImageFiles(IEnumerable<SplProduct> products) =>
        products.SelectMany(p => p.Characteristics.ImageFiles.Concat(ImageFiles(p.Parts))).Distinct(StringComparer.Ordinal);

    private static (Dictionary<string, SplImage> Images, Dictionary<string, string> Missing) ReadImages(List<SplProduct> products, SplSiblings? siblings)
    {
        var images = new Dictionary<string, SplImage>(StringComparer.Ordinal);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ImageFiles(products))
        {
            if (!ImageTypes.TryGetValue(Path.GetExtension(file), out var type))
                missing[file] = "is not a JPEG, PNG, GIF or WebP image";
            else if (siblings is null)
                missing[file] = "cannot be read: the label was read without its files";
            else if (siblings.Read(file, MaxImageBytes) is var (content, problem) && content is not null)
                images[file] = new SplImage(file, type, content);
            else
                missing[file] = problem ?? "cannot be read";
        }

        return (images, missing);
    }

    /// <summary>Packages nest (a blister pack in a carton); only the product's own, not those of its kit parts.</summary>
    private static IEnumerable<string> PackageNdcs(XElement productOrPackage)
    {
        foreach (var package in productOrPackage.Elements(V + "asContent").Elements(V + "containerPackagedProduct"))
        {
            if (Ndc(package.Element(V + "code")) is { } ndc)
                yield return ndc;
            foreach (var inner in PackageNdcs(package))
                yield return inner;
        }
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
