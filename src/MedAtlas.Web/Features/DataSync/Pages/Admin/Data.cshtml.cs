using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.DataSync.Pages.Admin;

/// <summary>
/// Each sync source's last run (per file: outcome, added / updated / unchanged / rejected, bytes), its schedule and
/// next run, and "Sync now", which asks the data-sync job (on whichever node holds its lease) rather than importing
/// on the request thread.
/// </summary>
[Authorize(Policy = StaffRoles.Admin)]
internal sealed class DataModel(SyncStatuses statuses, SyncRequests requests) : PageModel
{
    public IReadOnlyList<SyncSourceStatus> Sources { get; private set; } = [];

    public TimeSpan CheckEvery => statuses.Settings.CheckEvery;

    [FromQuery(Name = "requested")]
    public string? Requested { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sources = await statuses.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostSyncAsync(string? source, CancellationToken cancellationToken)
    {
        var known = (await statuses.ListAsync(cancellationToken)).FirstOrDefault(s => s.Source.Name == source && s.Source.Urls.Count > 0);
        if (known is null)
            return NotFound();
        await requests.RequestAsync(known.Source.Name, cancellationToken);
        return Redirect($"/admin/data?requested={Uri.EscapeDataString(known.Source.Name)}");
    }
}
