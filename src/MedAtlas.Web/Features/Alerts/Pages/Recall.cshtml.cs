using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>/alerts/D-1096-2015 (any case): one recall in full, what to do, and where FDA publishes it.</summary>
[PublicCache]
internal sealed class RecallModel(AlertCatalog alerts) : PageModel
{
    public RecallView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await alerts.RecallAsync(number, cancellationToken) is not { } view)
            return NotFound();
        if (!string.Equals(number, view.Recall.RecallNumber, StringComparison.Ordinal))
            return RedirectPermanent(AlertCatalog.RecallPath(view.Recall.RecallNumber));
        View = view;
        return Page();
    }
}
