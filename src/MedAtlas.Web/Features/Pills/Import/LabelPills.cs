using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills.Import;

/// <summary>
/// One version of one label as the Pills feature needs it: what a label importer (Drugs' <c>import dailymed</c>) hands to
/// <see cref="LabelPillWriter"/>. The Pills feature defines it, so it does not depend on how labels are read.
/// </summary>
internal sealed record PillLabel(
    string SetId, string Labeler, IReadOnlyList<PillLabelProduct> Products,
    IReadOnlyDictionary<string, PillLabelImage> Images, IReadOnlyDictionary<string, string> MissingImages);

/// <summary>A product on the label or a part of a kit, with how it looks (<see cref="PillLook.None"/> for most that are not pills).</summary>
/// <param name="ActiveIngredients">Each with its base name ("lisinopril") and strength as labelled ("10 mg").</param>
internal sealed record PillLabelProduct(
    string Name, string? Ndc, IReadOnlyList<string> PackageNdcs, string? DosageForm, IReadOnlyList<string> Routes,
    IReadOnlyList<(string Name, string? Strength)> ActiveIngredients, IReadOnlyList<PillLabelProduct> Parts, PillLook Look)
{
    public bool IsKit => Parts.Count > 0;
}

/// <summary>The label's characteristics of a product: SPLIMPRINT (";" between blocks), SPLCOLOR names, SPLSHAPE, SPLSIZE, SPLSCORE, SPLCOATING, SPLIMAGE files.</summary>
internal sealed record PillLook(
    string? Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score, string? Coating, IReadOnlyList<string> ImageFiles)
{
    public static readonly PillLook None = new(null, [], null, null, null, null, []);

    /// <summary>Enough to tell the pill from others: an imprint, a colour or a shape.</summary>
    public bool DescribesAPill => Imprint is not null || Colors.Count > 0 || Shape is not null;
}

/// <summary>An image file shipped with the label.</summary>
internal sealed record PillLabelImage(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The Pills feature's door for label importers, registered in <see cref="PillsFeature"/>: one <see cref="LabelPills"/>
/// per import batch, writing into the batch's own context and transaction.
/// </summary>
internal sealed class LabelPillWriter
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected into other features: an instance, so it can gain dependencies without changing them")]
    public LabelPills ForBatch(MedAtlasDbContext db) => new(db);
}

/// <summary>
/// The pills of labels, written in the same batch transaction as the labels they come from: one <see cref="Pill"/> per
/// solid oral product or kit part whose characteristics describe it (an imprint, a colour or a shape), with the label's
/// photos. A newer label version replaces its set id's pills whole, starter pills of that set id included.
/// </summary>
internal sealed class LabelPills(MedAtlasDbContext db)
{
    // Forms a person could find loose and take for a pill. Chewing gum, films and wafers are left out: they have no
    // imprint a person reads, and labels rarely give them characteristics.
    private static readonly string[] SolidForms = ["TABLET", "CAPSULE", "PILL", "LOZENGE", "TROCHE", "CAPLET"];

    // Taken by mouth: a sublingual or buccal tablet is still a pill found in a pocket; a vaginal tablet is not.
    private static readonly HashSet<string> MouthRoutes = new(StringComparer.OrdinalIgnoreCase) { "ORAL", "SUBLINGUAL", "BUCCAL" };

    private readonly HashSet<string> storedWithPills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Pill>> addedInBatch = new(StringComparer.Ordinal);

    /// <summary>Whether this batch added or removed pills: the "pills" data stamp is bumped when it did.</summary>
    public bool Changed { get; private set; }

    /// <summary>After the batch's labels: the "pills" data stamp moves when pills were added or removed, so searches rebuild.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (Changed)
            await DataStamps.BumpAsync(db, "pills", cancellationToken);
    }

    /// <summary>Finds which of the batch's set ids already have imported pills, in one query.</summary>
    public async Task LoadAsync(IReadOnlyCollection<string> setIds, CancellationToken cancellationToken)
    {
        var stored = await db.Set<Pill>()
            .Where(p => p.SetId != null && setIds.Contains(p.SetId) && !p.IsSynthetic && (p.Origin == ContentOrigin.Imported || p.Origin == ContentOrigin.Starter))
            .Select(p => p.SetId!)
            .Distinct()
            .ToListAsync(cancellationToken);
        storedWithPills.UnionWith(stored);
    }

    /// <summary>
    /// A label stored before pills were read (same version, no pills yet): its pills are added now, so importing
    /// the same files again fills them in rather than needing a newer label.
    /// </summary>
    public void AddIfMissing(string row, PillLabel document, int drugId, Action<string, string> warn)
    {
        if (storedWithPills.Contains(document.SetId) || addedInBatch.ContainsKey(document.SetId))
            return;
        Add(row, document, pill => pill.DrugId = drugId, warn);
    }

    /// <summary>The label's new version: its set id's pills are replaced by this version's.</summary>
    public async Task ReplaceAsync(string row, PillLabel document, Drug drug, Action<string, string> warn, CancellationToken cancellationToken)
    {
        // The same set id met twice in one batch (a bulk file holding two versions): the earlier one is not saved yet.
        if (addedInBatch.Remove(document.SetId, out var earlier))
        {
            foreach (var pill in earlier)
                db.Remove(pill);
            Changed |= earlier.Count > 0;
        }

        if (storedWithPills.Remove(document.SetId))
        {
            // A starter pill of this set id goes too: the label read now is the fuller, newer truth.
            // Images go with their pills (the foreign key cascades); deleting in the database saves loading photos only to drop them.
            await db.Set<Pill>()
                .Where(p => p.SetId == document.SetId && !p.IsSynthetic && (p.Origin == ContentOrigin.Imported || p.Origin == ContentOrigin.Starter))
                .ExecuteDeleteAsync(cancellationToken);
            Changed = true;
        }

        Add(row, document, pill => pill.Drug = drug, warn);
    }

    private void Add(string row, PillLabel document, Action<Pill> link, Action<string, string> warn)
    {
        var pills = Read(row, document, warn);
        foreach (var pill in pills)
            link(pill);
        db.AddRange(pills);
        addedInBatch[document.SetId] = pills;
        Changed |= pills.Count > 0;
    }

    /// <summary>
    /// The label's pills: each solid oral product and each solid oral part of a kit that has an imprint, a colour or
    /// a shape. A product listed twice is one pill; a kit part that is also sold on its own is one pill, the
    /// product's, with the kit's packages added to its own.
    /// </summary>
    internal static List<Pill> Read(string row, PillLabel document, Action<string, string> warn)
    {
        var pills = new List<(Pill Pill, string Look)>();
        var products = document.Products.Where(p => !p.IsKit).Select(p => (Product: p, Kit: (PillLabelProduct?)null));
        var parts = document.Products.Where(p => p.IsKit).SelectMany(kit => KitParts(kit).Select(part => (Product: part, Kit: (PillLabelProduct?)kit)));

        // Products on their own first, so a part repeated under a kit merges into the product with its own NDC.
        foreach (var (product, kit) in products.Concat(parts))
        {
            var look = product.Look;
            if (!look.DescribesAPill || !IsSolidOral(product, kit))
                continue;

            var pill = NewPill(document, product, kit);
            var key = Look(pill);
            var same = pills.FirstOrDefault(p => p.Look == key && (kit is not null || p.Pill.ProductNdc == pill.ProductNdc)).Pill;
            if (same is not null)
            {
                same.PackageNdcs.AddRange(pill.PackageNdcs.Except(same.PackageNdcs, StringComparer.Ordinal));
                AddImages(same, look.ImageFiles, document, row, warn);
                continue;
            }

            AddImages(pill, look.ImageFiles, document, row, warn);
            pills.Add((pill, key));
        }

        return [.. pills.Select(p => p.Pill)];
    }

    private static IEnumerable<PillLabelProduct> KitParts(PillLabelProduct kit) =>
        kit.Parts.SelectMany(part => part.IsKit ? KitParts(part) : [part]);

    private static bool IsSolidOral(PillLabelProduct product, PillLabelProduct? kit)
    {
        var form = product.DosageForm?.ToUpperInvariant();
        if (form is null || !SolidForms.Any(f => form.StartsWith(f, StringComparison.Ordinal)))
            return false;

        // A part usually states its own route; when neither it nor its kit does, a tablet is taken by mouth.
        var routes = product.Routes.Count > 0 ? product.Routes : kit?.Routes ?? [];
        return routes.Count == 0 || routes.Any(MouthRoutes.Contains);
    }

    private static Pill NewPill(PillLabel document, PillLabelProduct product, PillLabelProduct? kit)
    {
        var look = product.Look;
        return new Pill
        {
            SetId = document.SetId,
            ProductName = Clip(product.Name, 300),
            Strength = Strength(product) is { } strength ? Clip(strength, 300) : null,
            Labeler = Clip(document.Labeler, 300),
            // A kit's parts have no NDC of their own: a loose pill from one is traced through the kit's.
            ProductNdc = product.Ndc ?? kit?.Ndc,
            PackageNdcs = [.. (product.PackageNdcs.Count > 0 ? product.PackageNdcs : kit?.PackageNdcs ?? []).Distinct(StringComparer.Ordinal)],
            Imprint = look.Imprint is { } imprint ? Clip(imprint, 200) : "",
            Colors = [.. look.Colors],
            Shape = look.Shape,
            SizeMm = look.SizeMm,
            Score = look.Score,
            Coating = look.Coating is { } coating ? Clip(coating, 100) : null,
            Origin = ContentOrigin.Imported,
        };
    }

    /// <summary>"10 mg"; for a combination, each ingredient by its base name: "lisinopril 10 mg / hydrochlorothiazide 12.5 mg".</summary>
    private static string? Strength(PillLabelProduct product)
    {
        var stated = product.ActiveIngredients.Where(i => i.Strength is not null).ToList();
        return stated.Count switch
        {
            0 => null,
            1 => stated[0].Strength,
            _ => string.Join(" / ", stated.Select(i => $"{i.Name} {i.Strength}")),
        };
    }

    /// <summary>What makes two listings the same pill, apart from the NDC.</summary>
    private static string Look(Pill pill) =>
        string.Join('\u001F', pill.ProductName.ToUpperInvariant(), pill.Strength, pill.Imprint, string.Join(',', pill.Colors), pill.Shape,
            pill.SizeMm?.ToString(System.Globalization.CultureInfo.InvariantCulture), pill.Score, pill.Coating);

    private static void AddImages(Pill pill, IEnumerable<string> files, PillLabel document, string row, Action<string, string> warn)
    {
        foreach (var file in files)
        {
            if (pill.Images.Any(i => i.FileName == file))
                continue;
            if (document.Images.TryGetValue(file, out var image))
            {
                pill.Images.Add(new PillImage { FileName = Clip(image.FileName, 300), ContentType = image.ContentType, Content = image.Content });
            }
            else
            {
                var reason = document.MissingImages.TryGetValue(file, out var why) ? why : "is not among the label's files";
                warn(row, $"pill image {file} of {pill.ProductName} ({(pill.Imprint.Length > 0 ? pill.Imprint : "no imprint")}) {reason}; the pill is stored without it");
            }
        }
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length].TrimEnd();
}
