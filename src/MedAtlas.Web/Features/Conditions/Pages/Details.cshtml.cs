using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Conditions.Pages;

internal sealed class DetailsModel(ConditionCatalog catalog) : PageModel
{
    public ConditionView Condition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await catalog.GetAsync(slug, cancellationToken);
        if (found is null)
            return NotFound();
        if (!string.Equals(slug, found.Slug, StringComparison.Ordinal))
            return RedirectPermanent($"/conditions/{found.Slug}");

        Condition = found;
        return Page();
    }
}
