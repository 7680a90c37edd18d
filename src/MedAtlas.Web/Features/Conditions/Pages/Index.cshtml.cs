using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Conditions.Pages;

[PublicCache("page")]
internal sealed class IndexModel(ConditionCatalog catalog) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ConditionListItem> Items { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, PageSize, 0, p => $"/conditions?page={p}");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var (total, items) = await catalog.ListAsync(PageNumber, PageSize, cancellationToken);
        Items = items;
        Pager = new Pager(PageNumber, PageSize, total, p => $"/conditions?page={p}");
    }
}
