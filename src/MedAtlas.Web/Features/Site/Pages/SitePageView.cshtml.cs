using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Site.Pages;

[PublicCache]
internal sealed class SitePageViewModel(MedAtlasDbContext db) : PageModel
{
    public SitePage Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        slug ??= "about";
        var page = await db.Set<SitePage>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (page is null)
            return NotFound();

        Article = page;
        return Page();
    }
}
