using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.HealthTopics.Pages;

[PublicCache]
internal sealed class TopicModel(HealthTopicCatalog catalog) : PageModel
{
    public HealthTopicView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalog.GetAsync(slug, cancellationToken) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
