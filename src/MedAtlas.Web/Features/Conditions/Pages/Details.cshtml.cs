using MedAtlas.Web.Features.Drugs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Conditions.Pages;

[PublicCache("sort")]
internal sealed class DetailsModel(ConditionCatalog catalog, IEnumerable<IConditionDrugRatings> ratings) : PageModel
{
    public const string BySatisfaction = "satisfaction";

    public ConditionView Condition { get; private set; } = null!;

    /// <summary>Whether patients' ratings can sort the drugs (the reviews feature is there).</summary>
    public bool CanSortByRatings { get; private set; }

    /// <summary>
    /// With <c>?sort=satisfaction</c>: the drugs by average satisfaction for this condition (rated ones first, then
    /// those with fewer than 5 reviews by count, then the unreviewed), each with its rating; null otherwise.
    /// </summary>
    public IReadOnlyList<(ConditionDrug Drug, ConditionDrugRating? Rating)>? RatedDrugs { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? sort, CancellationToken cancellationToken)
    {
        var found = await catalog.GetAsync(slug, cancellationToken);
        if (found is null)
            return NotFound();
        if (!string.Equals(slug, found.Slug, StringComparison.Ordinal))
            return RedirectPermanent($"/conditions/{found.Slug}{Request.QueryString}");

        Condition = found;
        var source = ratings.FirstOrDefault();
        CanSortByRatings = source is not null && found.Drugs.Count > 1;
        if (source is not null && string.Equals(sort, BySatisfaction, StringComparison.OrdinalIgnoreCase))
        {
            var bySlug = await source.ForConditionAsync(found.Slug, [.. found.Drugs.Select(d => d.Slug)], cancellationToken);
            RatedDrugs = [.. found.Drugs
                .Select(d => (Drug: d, Rating: bySlug.GetValueOrDefault(d.Slug)))
                .OrderBy(d => d.Rating?.Satisfaction is null)
                .ThenByDescending(d => d.Rating?.Satisfaction)
                .ThenByDescending(d => d.Rating?.Count ?? 0)
                .ThenBy(d => d.Drug.Name, StringComparer.OrdinalIgnoreCase)];
        }

        return Page();
    }
}
