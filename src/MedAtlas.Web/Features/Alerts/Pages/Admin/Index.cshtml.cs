using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Alerts.Pages.Admin;

/// <summary>/admin/alerts: where each source stands, its recent runs, and how recalls were matched to the catalogue.</summary>
[Authorize(Policy = StaffRoles.EditorOrAdmin)]
internal sealed class IndexModel(AlertCatalog alerts) : PageModel
{
    public const int RunCount = 50;

    public IReadOnlyList<AlertSource> Sources { get; private set; } = [];

    public IReadOnlyList<AlertRunView> Runs { get; private set; } = [];

    public MatchCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sources = await alerts.SourcesAsync(cancellationToken);
        Runs = await alerts.RecentRunsAsync(RunCount, cancellationToken);
        Counts = await alerts.MatchCountsAsync(cancellationToken);
    }
}
