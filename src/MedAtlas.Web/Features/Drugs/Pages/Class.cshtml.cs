using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Drugs.Pages;

[PublicCache("page")]
internal sealed class ClassModel(DrugCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public DrugClass DrugClass { get; private set; } = null!;

    public DrugPage Results { get; private set; } = new(0, 1, 100, []);

    public Pager Pager => new(Results.Page, Results.PageSize, Results.Total, p => $"/drugs/class/{DrugClass.Slug}?page={p}");

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await catalog.GetClassAsync(slug.ToLowerInvariant(), cancellationToken);
        if (found is null)
            return NotFound();

        DrugClass = found;
        Results = await catalog.BrowseAsync(null, found.Slug, null, Math.Max(1, PageNumber), 100, cancellationToken);
        return Page();
    }
}
