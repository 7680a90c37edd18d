using MedAtlas.Web.Infrastructure.Web;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

[PublicCache]
internal sealed class CenterModel(HealthContent content, PublicLinks links) : HealthPage(links)
{
    public CenterView Center { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string center, CancellationToken cancellationToken)
    {
        if (await content.CenterAsync(center, cancellationToken) is not { } view)
            return NotFound();
        Center = view;
        return Page();
    }
}
