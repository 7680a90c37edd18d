using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedAtlas.Web.Features.Drugs;

internal sealed record DrugListItem(string Slug, string Name, DrugKind Kind, IReadOnlyList<string> BrandNames, IReadOnlyList<string> Classes);

internal sealed record DrugPage(int Total, int Page, int PageSize, IReadOnlyList<DrugListItem> Items);

/// <summary>A drug's id and its "Common side effects" and "Serious side effects" Markdown (either may be null).</summary>
internal sealed record DrugSideEffectText(int DrugId, string? SideEffects, string? SeriousSideEffects);

/// <summary>Where a /drugs/{slug} address leads: the drug, a 301 to the drug a brand names, or nowhere.</summary>
internal sealed record SlugResolution(DrugMonograph? Drug, string? RedirectToSlug, IReadOnlyList<NamedLink> BrandOwners)
{
    /// <summary>
    /// Where a page at <c>/drugs/{asked}…</c> sends the visitor instead of showing the drug: permanently to the canonical
    /// slug (a brand or an old slug), or to the search (a name several drugs share); null when the page shows
    /// <see cref="Drug"/>, or answers 404 when there is none. Every page under a drug's address decides this way.
    /// </summary>
    public DrugElsewhere? Elsewhere(string asked)
    {
        if (RedirectToSlug is { } canonical)
            return new DrugElsewhere(canonical, null);
        if (Drug is null)
            return BrandOwners.Count > 1 ? new DrugElsewhere(null, $"/search?q={Uri.EscapeDataString(asked.Replace('-', ' '))}") : null;
        return string.Equals(asked, Drug.Slug, StringComparison.Ordinal) ? null : new DrugElsewhere(Drug.Slug, null);
    }
}

/// <summary>See <see cref="SlugResolution.Elsewhere"/>: the canonical slug to redirect to (permanently), or the search path.</summary>
internal sealed record DrugElsewhere(string? CanonicalSlug, string? SearchPath);

/// <summary>The read side of the catalogue: what the pages and the API ask. Monographs are cached until the data changes.</summary>
internal sealed class DrugCatalog(MedAtlasDbContext db, DataStamps stamps, MonographCache cache, MarkdownRenderer markdown)
{
    public const int MaxPageSize = 100;

    private static readonly (string Id, string Title, Func<Drug, string?> Text)[] SectionOrder =
    [
        ("uses", "Uses", d => d.Uses),
        ("how-to-take", "How to take it", d => d.HowToTake),
        ("side-effects", "Common side effects", d => d.SideEffects),
        ("serious-side-effects", "Serious side effects: when to call a doctor", d => d.SeriousSideEffects),
        ("warnings", "Warnings and precautions", d => d.Warnings),
        ("pregnancy", "Pregnancy and breastfeeding", d => d.Pregnancy),
        ("overdose", "Overdose", d => d.Overdose),
        ("missed-dose", "If you miss a dose", d => d.MissedDose),
        ("storage", "Storage", d => d.Storage),
    ];

    public static IReadOnlyList<(string Id, string Title)> Sections => [.. SectionOrder.Select(s => (s.Id, s.Title))];

    public async Task<SlugResolution> ResolveAsync(string slug, CancellationToken cancellationToken)
    {
        var normalized = SearchText.Slug(slug);
        if (normalized.Length == 0)
            return new SlugResolution(null, null, []);

        var version = await stamps.CurrentAsync("drugs", cancellationToken);
        if (cache.TryGet(version, normalized, out var cached))
            return new SlugResolution(cached, null, []);

        var drug = await LoadAsync(normalized, cancellationToken);
        if (drug is not null)
        {
            var monograph = await BuildAsync(drug, cancellationToken);
            cache.Set(version, normalized, monograph);
            return new SlugResolution(monograph, null, []);
        }

        // A brand or other name in the address: /drugs/lipitor is atorvastatin's page.
        var owners = await db.Set<DrugName>().AsNoTracking()
            .Where(n => n.Slug == normalized && n.Type != DrugNameType.Generic)
            .Select(n => new NamedLink(n.Drug.Slug, n.Drug.Name))
            .Distinct()
            .Take(20)
            .ToListAsync(cancellationToken);
        return owners.Count == 1 ? new SlugResolution(null, owners[0].Slug, []) : new SlugResolution(null, null, owners);
    }

    private Task<Drug?> LoadAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Drug>().AsNoTracking().AsSplitQuery()
            .Include(d => d.Names)
            .Include(d => d.Ingredients)
            .Include(d => d.Classes)
            .Include(d => d.Conditions).ThenInclude(dc => dc.Condition)
            .FirstOrDefaultAsync(d => d.Slug == slug, cancellationToken);

    private async Task<DrugMonograph> BuildAsync(Drug drug, CancellationToken cancellationToken)
    {
        var ingredientNames = drug.Ingredients.OrderBy(i => i.Position).Select(i => i.Name).ToList();
        var ingredientPages = await db.Set<Drug>().AsNoTracking()
            .Where(d => ingredientNames.Contains(d.IngredientKey) && d.Id != drug.Id)
            .Select(d => new { d.IngredientKey, d.Slug })
            .ToListAsync(cancellationToken);
        var ingredients = ingredientNames
            .Select(n => new IngredientLink(n, ingredientPages.FirstOrDefault(p => p.IngredientKey == n)?.Slug ?? (drug.IngredientKey == n ? drug.Slug : null)))
            .ToList();

        // Combination products that contain this drug's single ingredient ("also in").
        var alsoIn = ingredientNames.Count == 1
            ? await db.Set<Drug>().AsNoTracking()
                .Where(d => d.Id != drug.Id && d.Ingredients.Count > 1 && d.Ingredients.Any(i => i.Name == ingredientNames[0]))
                .OrderBy(d => d.Origin).ThenBy(d => d.Name)
                .Select(d => new NamedLink(d.Slug, d.Name))
                .Take(12)
                .ToListAsync(cancellationToken)
            : [];

        var labelRows = await db.Set<DrugLabel>().AsNoTracking()
            .Where(l => l.DrugId == drug.Id)
            .Select(l => new { Summary = new LabelSummary(l.SetId, l.Title, l.Labeler, l.Version, l.EffectiveDate, l.IsRepackager), l.DocumentType })
            .ToListAsync(cancellationToken);
        var labels = labelRows.Select(l => l.Summary).ToList();
        // The maker's label, newest first, speaks for the drug; repackagers' copies are listed after it.
        var primary = labels.OrderBy(l => l.IsRepackager).ThenByDescending(l => l.EffectiveDate).FirstOrDefault();
        LabelView? label = null;
        if (primary is not null)
        {
            var sections = await db.Set<DrugLabelSection>().AsNoTracking()
                .Where(s => s.Label.SetId == primary.SetId)
                .OrderBy(s => s.Position)
                .Select(s => new { s.LoincCode, s.Title, s.Html })
                .ToListAsync(cancellationToken);
            var documentType = labelRows.First(l => l.Summary == primary).DocumentType;
            label = new LabelView(primary, documentType, [.. sections.Select((s, i) => new LabelSectionView($"label-{i + 1}", s.LoincCode, s.Title, s.Html))]);
        }

        var productCount = await db.Set<DrugProduct>().CountAsync(p => p.DrugId == drug.Id, cancellationToken);
        var products = await db.Set<DrugProduct>().AsNoTracking()
            .Where(p => p.DrugId == drug.Id)
            .OrderBy(p => p.MarketingStatus == MarketingStatus.Discontinued).ThenByDescending(p => p.IsReferenceDrug).ThenBy(p => p.ProductName).ThenBy(p => p.Strength)
            .Take(25)
            .Select(p => new ProductView(p.ProductName, p.Strength, p.DosageForm, p.Route, p.ApplicationNumber, p.MarketingStatus, p.Sponsor))
            .ToListAsync(cancellationToken);

        return new DrugMonograph(
            drug.Slug,
            drug.Name,
            drug.Kind,
            drug.Summary,
            [.. drug.Names.Where(n => n.Type == DrugNameType.Brand).Select(n => n.Name).Order(StringComparer.OrdinalIgnoreCase)],
            [.. drug.Names.Where(n => n.Type == DrugNameType.Other).Select(n => n.Name)],
            [.. drug.Classes.OrderBy(c => c.Name).Select(c => new NamedLink(c.Slug, c.Name))],
            ingredients,
            drug.Forms,
            drug.Strengths,
            drug.Routes,
            markdown.ToSafeHtml(drug.BoxedWarning) is { Length: > 0 } boxed ? boxed : null,
            [.. SectionOrder.Select(s => (s.Id, s.Title, Html: markdown.ToSafeHtml(s.Text(drug)))).Where(s => s.Html.Length > 0).Select(s => new MonographSection(s.Id, s.Title, s.Html))],
            [.. drug.Conditions.OrderBy(c => c.Use).ThenBy(c => c.Condition.Name).Select(c => new ConditionLink(c.Condition.Slug, c.Condition.Name, c.Use))],
            alsoIn,
            drug.Sources,
            drug.LastReviewed,
            drug.Origin == ContentOrigin.Starter,
            label,
            [.. labels.Where(l => l.SetId != primary?.SetId).OrderBy(l => l.IsRepackager).ThenBy(l => l.Labeler)],
            products,
            productCount)
        {
            Id = drug.Id,
        };
    }

    public async Task<DrugPage> BrowseAsync(DrugKind? kind, string? classSlug, char? letter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<Drug>().AsNoTracking();
        if (kind is { } k)
            query = query.Where(d => d.Kind == k);
        if (!string.IsNullOrEmpty(classSlug))
            query = query.Where(d => d.Classes.Any(c => c.Slug == classSlug));
        if (letter is { } l)
        {
            if (char.IsAsciiLetter(l))
            {
                var upper = char.ToUpperInvariant(l).ToString();
                var lower = char.ToLowerInvariant(l).ToString();
                query = query.Where(d => d.Name.StartsWith(upper) || d.Name.StartsWith(lower));
            }
            else
            {
                // "#": names that begin with a digit or a symbol ("5-HTP").
                query = query.Where(d => string.Compare(d.Name.Substring(0, 1), "A") < 0);
            }
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.Name).ThenBy(d => d.Slug)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new
            {
                d.Slug,
                d.Name,
                d.Kind,
                Brands = d.Names.Where(n => n.Type == DrugNameType.Brand).OrderBy(n => n.Name).Select(n => n.Name).Take(5).ToList(),
                Classes = d.Classes.OrderBy(c => c.Name).Select(c => c.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new DrugPage(total, page, pageSize, [.. items.Select(i => new DrugListItem(i.Slug, i.Name, i.Kind, i.Brands, i.Classes))]);
    }

    public Task<DrugClass?> GetClassAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<DrugClass>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);

    public Task<List<NamedLink>> ClassesAsync(CancellationToken cancellationToken) =>
        db.Set<DrugClass>().AsNoTracking().Where(c => c.Drugs.Any()).OrderBy(c => c.Name).Select(c => new NamedLink(c.Slug, c.Name)).ToListAsync(cancellationToken);

    /// <summary>The names of the drugs with these slugs (slugs no drug has are left out), for features that link to drug pages.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);
        return await db.Set<Drug>().AsNoTracking().Where(d => wanted.Contains(d.Slug))
            .ToDictionaryAsync(d => d.Slug, d => d.Name, StringComparer.Ordinal, cancellationToken);
    }

    // Reviews (issue 12, writing): the side-effect lists the review form offers, which the cached monograph has only as HTML.
    /// <summary>The drug's id and its side-effect sections as written (Markdown), for the review form's checkboxes; null for an unknown slug.</summary>
    public Task<DrugSideEffectText?> SideEffectTextAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Drug>().AsNoTracking().Where(d => d.Slug == slug)
            .Select(d => new DrugSideEffectText(d.Id, d.SideEffects, d.SeriousSideEffects))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A drug's id by its canonical slug, for features that keep rows about a drug (reviews); null when there is none.</summary>
    public Task<int?> IdAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Drug>().AsNoTracking().Where(d => d.Slug == slug).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Slug and name by drug id (ids no drug has are left out): how those features link their rows back to drug pages.</summary>
    public async Task<IReadOnlyDictionary<int, NamedLink>> LinksAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<int, NamedLink>();
        return await db.Set<Drug>().AsNoTracking().Where(d => wanted.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => new NamedLink(d.Slug, d.Name), cancellationToken);
    }

    /// <summary>Drug ids by canonical slug (slugs no drug has are left out): a condition page's drugs in one query.</summary>
    public async Task<IReadOnlyDictionary<string, int>> IdsAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return new Dictionary<string, int>(StringComparer.Ordinal);
        return await db.Set<Drug>().AsNoTracking().Where(d => wanted.Contains(d.Slug))
            .ToDictionaryAsync(d => d.Slug, d => d.Id, StringComparer.Ordinal, cancellationToken);
    }
}

/// <summary>
/// A bounded cache of built monographs keyed by data version: entries of an older version are never read
/// again and age out; the bound keeps a catalogue of 40,000 drugs from living in memory.
/// </summary>
internal sealed class MonographCache : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public bool TryGet(long version, string slug, out DrugMonograph? monograph) => cache.TryGetValue((version, slug), out monograph);

    public void Set(long version, string slug, DrugMonograph monograph) =>
        cache.Set((version, slug), monograph, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => cache.Dispose();
}
