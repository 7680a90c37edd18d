using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Home.Pages;

[PublicCache]
internal sealed class SearchModel(SiteSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<SiteSearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Problem = SiteSearch.Validate(Query);
        if (Problem is not null)
        {
            // Echoing a megabyte back into the page helps nobody.
            if (Query is { Length: > SiteSearch.MaxQueryLength })
                Query = Query[..SiteSearch.MaxQueryLength];
            // A visit to /search with no query is fine; a submitted empty or meaningless query is an input error.
            if (Request.Query.ContainsKey("q"))
                Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Hits = await search.SearchAsync(Query!, 50, cancellationToken);
    }
}
