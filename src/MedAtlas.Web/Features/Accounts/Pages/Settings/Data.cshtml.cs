using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>"Download all my data": one JSON file with what every feature holds about the signed-in person.</summary>
[Authorize]
internal sealed class DataModel(PersonalData data) : PageModel
{
    public async Task<IActionResult> OnGetAsync(bool download, CancellationToken cancellationToken) =>
        download ? await DownloadAsync(cancellationToken) : Page();

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => DownloadAsync(cancellationToken);

    private async Task<IActionResult> DownloadAsync(CancellationToken cancellationToken)
    {
        var bytes = await data.ExportAsync(User.AccountId()!, cancellationToken);
        return File(bytes, "application/json", data.FileName());
    }
}
