using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Drugs.Pages;

[PublicCache]
internal sealed class CompareModel(DrugCatalog catalog, DrugSearchIndex search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "a")]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true, Name = "b")]
    public string? B { get; set; }

    public DrugMonograph? Left { get; private set; }

    public DrugMonograph? Right { get; private set; }

    public string? ProblemA { get; private set; }

    public string? ProblemB { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (A is null && B is null)
            return;

        (Left, ProblemA) = await FindAsync(A, cancellationToken);
        (Right, ProblemB) = await FindAsync(B, cancellationToken);
        if (ProblemA is null && ProblemB is null && Left!.Slug == Right!.Slug)
            ProblemB = "Pick a different medicine to compare with the first.";
        if (ProblemA is not null || ProblemB is not null)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>Accepts a slug, a generic or brand name, or a name with a typo, as a person types it.</summary>
    private async Task<(DrugMonograph?, string?)> FindAsync(string? input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input))
            return (null, "Enter a medicine.");
        if (input.Length > 200)
            return (null, "That name is too long.");

        var resolved = await catalog.ResolveAsync(input, cancellationToken);
        var slug = resolved.Drug?.Slug ?? resolved.RedirectToSlug;
        if (slug is null)
        {
            var best = (await search.SearchAsync(input, 5, cancellationToken)).FirstOrDefault(m => m.Target.Type == SearchTargetType.Drug);
            slug = best?.Target.Slug;
        }

        if (slug is null)
            return (null, $"We could not find “{input}”. Check the spelling.");

        var drug = resolved.Drug ?? (await catalog.ResolveAsync(slug, cancellationToken)).Drug;
        return (drug, null);
    }
}
