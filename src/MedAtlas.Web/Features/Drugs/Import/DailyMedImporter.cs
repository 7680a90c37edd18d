using System.Runtime.CompilerServices;
using MedAtlas.Web.Features.Pills.Import;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>
/// <c>import dailymed path</c>: DailyMed SPL labels. The path is an SPL XML file, a label zip (the XML and its
/// images), a DailyMed bulk zip (a zip of label zips) or a folder of any of these. Each label is filed under
/// the drug with its active ingredients (created when missing), so the maker's and every repackager's label
/// of one medicine sit together; a label is kept at its newest version. Its solid oral products' pills (imprint,
/// colour, shape, photos) are written with it, through the Pills feature's <see cref="LabelPillWriter"/>.
/// </summary>
internal sealed class DailyMedImporter(LabelPillWriter pillWriter) : Importer<SplDocument>
{
    private const int MaxDrugName = 300;
    private const int MaxIngredientKey = 1000;
    private const int MaxBrandName = 200;

    // Words that make a product name generic rather than a brand: "Cyclobenzaprine Hydrochloride Tablets, USP".
    private static readonly HashSet<string> GenericWords =
    [
        "and", "with", "usp", "hcl", "tablet", "tablets", "capsule", "capsules", "injection", "solution", "cream", "ointment",
        "lotion", "gel", "suspension", "syrup", "oral", "topical", "extended", "release", "delayed", "chewable", "film",
        "coated", "er", "xr", "sr", "dr", "odt",
    ];

    private readonly SplReader reader = new();

    public override string Source => "dailymed";

    public override string Description => "DailyMed SPL drug labels: an SPL .xml, a label .zip, a bulk zip of label zips, or a folder of them";

    /// <summary>Labels run to hundreds of kilobytes of text each; small batches keep memory flat.</summary>
    public override int BatchSize => 50;

    public override async IAsyncEnumerable<ImportRow<SplDocument>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sawLabel = false;
        foreach (var file in SplFiles.Find(input))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Content is null)
            {
                yield return ImportRow<SplDocument>.Rejected(file.Row, file.Problem ?? "cannot be read");
                continue;
            }

            var result = await reader.ReadAsync(file.Content, file.Siblings, cancellationToken);
            if (result.Document is { } document)
            {
                sawLabel = true;
                yield return ImportRow<SplDocument>.Ok(file.Row, document);
            }
            else if (!result.IsSpl && file.IsWholeInput && !sawLabel)
            {
                // The file given is not SPL at all: the wrong file, refused before anything is written.
                throw new ImportFormatException($"{file.Row} is not a DailyMed SPL label: {result.Rejection}.");
            }
            else
            {
                yield return ImportRow<SplDocument>.Rejected(file.Row, result.Rejection!);
            }
        }
    }

    public override async Task WriteAsync(ImportBatch<SplDocument> batch, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var setIds = batch.Records.Select(r => r.Record.SetId).Distinct().ToList();
        var labels = await db.Set<DrugLabel>().Where(l => setIds.Contains(l.SetId)).ToDictionaryAsync(l => l.SetId, cancellationToken);
        var drugs = new DrugsInBatch(db);
        var pills = pillWriter.ForBatch(db);
        await pills.LoadAsync(setIds, cancellationToken);
        var changed = false;

        foreach (var (row, document) in batch.Records)
        {
            labels.TryGetValue(document.SetId, out var label);
            // An older version than the one stored is not news (bulk files overlap); an editor's copy is theirs.
            if (label is not null && (document.Version <= label.Version || label.Origin is ContentOrigin.Editor or ContentOrigin.User))
            {
                if (document.Version == label.Version && label.Origin == ContentOrigin.Imported && db.Entry(label).State == EntityState.Unchanged)
                    pills.AddIfMissing(row, ForPills(document), label.DrugId, batch.Warn);
                batch.Unchanged();
                continue;
            }

            var ingredients = document.ActiveIngredients();
            var names = ingredients.Select(i => DrugMatcher.BaseName(i.Substance)).Where(n => n.Length > 0).Distinct().ToList();
            if (DrugMatcher.Key(names).Length > MaxIngredientKey)
            {
                batch.Reject(row, $"label {document.SetId} names {names.Count} active ingredients, too many to file as one medicine");
                continue;
            }

            var drug = await drugs.FindOrCreateAsync(names, ingredients.Count == 1 ? ingredients[0].Substance : null, document.IsOtc ? DrugKind.Otc : DrugKind.Prescription, cancellationToken);
            if (label is null)
            {
                label = new DrugLabel { SetId = document.SetId, DocumentId = "", Title = "", Labeler = "", DocumentType = "" };
                db.Add(label);
                labels[document.SetId] = label;
                batch.Added();
            }
            else
            {
                // The new version replaces the old one's sections whole; deleting in the database is cheaper
                // than loading sections only to remove them.
                if (db.Entry(label).State != EntityState.Added)
                    await db.Set<DrugLabelSection>().Where(s => s.LabelId == label.Id).ExecuteDeleteAsync(cancellationToken);
                label.Sections.Clear();
                batch.Updated();
            }

            Fill(label, document, drug);
            await pills.ReplaceAsync(row, ForPills(document), drug, batch.Warn, cancellationToken);
            await drugs.AddBrandNamesAsync(drug, BrandNames(document), cancellationToken);
            AddFacts(drug, document);
            changed = true;
        }

        if (changed)
            await DataStamps.BumpAsync(db, "drugs", cancellationToken);
        await pills.FinishAsync(cancellationToken);
    }

    /// <summary>The label in the Pills feature's words: its products' looks, and each ingredient by its base name.</summary>
    private static PillLabel ForPills(SplDocument document)
    {
        static PillLabelProduct Product(SplProduct p) => new(
            p.Name, p.Ndc, p.PackageNdcs, p.DosageForm, p.Routes,
            [.. p.ActiveIngredients.Select(i => (DrugMatcher.BaseName(i.Substance), i.Strength))],
            [.. p.Parts.Select(Product)],
            new PillLook(p.Characteristics.Imprint, p.Characteristics.Colors, p.Characteristics.Shape, p.Characteristics.SizeMm,
                p.Characteristics.Score, p.Characteristics.Coating, p.Characteristics.ImageFiles));

        return new PillLabel(
            document.SetId, document.Labeler, [.. document.Products.Select(Product)],
            document.Images.ToDictionary(i => i.Key, i => new PillLabelImage(i.Value.FileName, i.Value.ContentType, i.Value.Content), StringComparer.Ordinal),
            document.MissingImages);
    }

    private static void Fill(DrugLabel label, SplDocument document, Drug drug)
    {
        label.Drug = drug;
        label.DocumentId = document.DocumentId;
        label.Version = document.Version;
        label.EffectiveDate = document.EffectiveDate;
        label.Title = Clip(document.Title, 1000);
        label.Labeler = Clip(document.Labeler, 300);
        label.DocumentType = Clip(document.DocumentType, 200);
        label.IsRepackager = document.IsRepackager;
        label.Origin = ContentOrigin.Imported;
        label.ImportedAt = DateTimeOffset.UtcNow;
        label.Products = document.Products
            .Select(p => new DrugLabelProduct
            {
                Name = p.Name,
                Ndc = p.Ndc,
                DosageForm = p.DosageForm,
                Route = p.AllRoutes() is { Count: > 0 } routes ? string.Join(", ", routes) : null,
                Ingredients = p.AllActiveIngredients().Select(i => i.ToString()).Distinct().ToList(),
            })
            // Some labels list the same product twice.
            .DistinctBy(p => (p.Name, p.Ndc, p.DosageForm, p.Route, string.Join("|", p.Ingredients)))
            .ToList();
        label.Sections.AddRange(document.Sections.Select((s, i) => new DrugLabelSection
        {
            Position = i,
            LoincCode = s.LoincCode is null ? null : Clip(s.LoincCode, 20),
            Title = Clip(s.Title, 500),
            Html = s.Html,
        }));
    }

    /// <summary>
    /// Proprietary names that say more than the ingredients: "Lipitor", "Triaminic", "Kirkland Signature Ibuprofen";
    /// not "Cyclobenzaprine Hydrochloride" or "Lisinopril and Hydrochlorothiazide". Kit parts (an alcohol swab in
    /// a pen kit) are not names of the medicine.
    /// </summary>
    private static IEnumerable<string> BrandNames(SplDocument document)
    {
        foreach (var product in document.Products)
        {
            var generic = new HashSet<string>(GenericWords, StringComparer.Ordinal);
            var sources = product.AllActiveIngredients()
                .SelectMany(i => new[] { i.Substance, i.ActiveMoiety, DrugMatcher.BaseName(i.Substance) })
                .Append(product.GenericName).Append(product.DosageForm).Concat(product.AllRoutes());
            foreach (var source in sources)
                generic.UnionWith(Words(source));

            var own = Words(product.Name).Where(w => !w.All(char.IsAsciiDigit)).ToList();
            if (own.Count > 0 && own.Any(w => !generic.Contains(w)) && product.Name.Length <= MaxBrandName)
                yield return ProductNameCase.Readable(product.Name);
        }
    }

    /// <summary>Forms, routes and strengths the label adds to an imported entry; curated entries keep their own.</summary>
    private static void AddFacts(Drug drug, SplDocument document)
    {
        if (drug.Origin != ContentOrigin.Imported)
            return;

        var added = false;
        // A kit's inactive parts (the alcohol swab, the diluent) say nothing about the medicine's form or route.
        foreach (var product in document.Products.SelectMany(p => p.Parts.Where(part => part.AllActiveIngredients().Any()).Prepend(p)))
        {
            if (product.DosageForm is { } form)
                added |= AddDistinct(drug.Forms, form.ToLowerInvariant());
            foreach (var route in product.Routes)
                added |= AddDistinct(drug.Routes, route.ToLowerInvariant());
            if (product.ActiveIngredients is { Count: > 0 and <= 3 } active && active.All(i => i.Strength is not null))
            {
                added |= AddDistinct(drug.Strengths, active.Count == 1
                    ? active[0].Strength!
                    : string.Join(" / ", active.Select(i => $"{DrugMatcher.BaseName(i.Substance)} {i.Strength}")));
            }
        }

        if (added)
            drug.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private static bool AddDistinct(List<string> values, string value)
    {
        if (values.Contains(value, StringComparer.OrdinalIgnoreCase))
            return false;
        values.Add(value);
        return true;
    }

    private static string[] Words(string? text) =>
        SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..(length - 1)].TrimEnd() + "…";

    /// <summary>
    /// The drugs one batch touches: a medicine met twice in a batch (a maker's and a repackager's label) is
    /// found once, and created once even before it is saved.
    /// </summary>
    private sealed class DrugsInBatch(MedAtlasDbContext db)
    {
        private readonly Dictionary<string, Drug> byKey = new(StringComparer.Ordinal);
        private readonly HashSet<Drug> namesLoaded = [];

        public async Task<Drug> FindOrCreateAsync(IReadOnlyList<string> ingredientNames, string? fullName, DrugKind kind, CancellationToken cancellationToken)
        {
            var key = DrugMatcher.Key(ingredientNames);
            if (byKey.TryGetValue(key, out var drug))
                return drug;

            drug = await DrugMatcher.FindAsync(db, ingredientNames, fullName, cancellationToken);
            if (drug is null)
            {
                drug = await DrugMatcher.CreateAsync(db, ingredientNames, kind, cancellationToken);
                FitName(drug, ingredientNames);
                namesLoaded.Add(drug);
            }

            byKey[key] = drug;
            return drug;
        }

        public async Task AddBrandNamesAsync(Drug drug, IEnumerable<string> brands, CancellationToken cancellationToken)
        {
            if (namesLoaded.Add(drug) && db.Entry(drug).State != EntityState.Added)
                await db.Entry(drug).Collection(d => d.Names).LoadAsync(cancellationToken);

            foreach (var brand in brands)
                DrugMatcher.AddName(drug, brand, DrugNameType.Brand, ContentOrigin.Imported);
        }

        /// <summary>
        /// Homeopathic and multi-vitamin products can name dozens of ingredients: beyond what a name column holds,
        /// the entry is called by its first ingredients and a count, and searched by those.
        /// </summary>
        private static void FitName(Drug drug, IReadOnlyList<string> ingredientNames)
        {
            if (drug.Name.Length <= MaxDrugName)
                return;

            var shown = ingredientNames.Count;
            string name;
            do
            {
                shown--;
                name = DrugMatcher.ToDisplayName([.. ingredientNames.Take(shown), $"{ingredientNames.Count - shown} other ingredients"]);
            }
            while (name.Length > MaxDrugName && shown > 1);

            drug.Name = name;
            drug.Names.Clear();
            DrugMatcher.AddName(drug, name, DrugNameType.Generic, ContentOrigin.Imported);
        }
    }
}
