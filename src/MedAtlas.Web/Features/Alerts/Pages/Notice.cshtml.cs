using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>/alerts/notices/{id}: an FDA recall announcement or MedWatch safety alert from FDA's feeds, in FDA's words.</summary>
[PublicCache]
internal sealed class NoticeModel(AlertCatalog alerts) : PageModel
{
    public NoticeView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await alerts.NoticeAsync(id, cancellationToken) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
