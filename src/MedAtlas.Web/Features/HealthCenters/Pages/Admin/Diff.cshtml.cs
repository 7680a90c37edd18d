using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages.Admin;

/// <summary>/admin/content/revisions/{id}/diff/{against}: two revisions of one item side by side (title, summary, text), line by line.</summary>
internal sealed class DiffModel(EditorialQueries queries, Authors authors) : EditorialPage(authors)
{
    public ContentRevision Old { get; private set; } = null!;

    public ContentRevision New { get; private set; } = null!;

    public IReadOnlyList<DiffRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int against, CancellationToken cancellationToken)
    {
        if (await queries.PairAsync(id, against, cancellationToken) is not { } pair)
            return NotFound();
        (Old, New) = pair;
        Rows = SideBySideDiff.Lines(Document(Old), Document(New));
        return Page();
    }

    private static string Document(ContentRevision r) => $"# {r.Title}\n\n{r.Summary}\n\n{r.BodyMarkdown}";
}
