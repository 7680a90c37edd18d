using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>"Download all my data": one JSON file with what every feature holds about the signed-in person.</summary>
[Authorize]
internal sealed class DataModel(PersonalData data) : PageModel
{
    /// <summary><c>?download=1</c> (or <c>true</c>) is the link form of the button; a string, because "1" does not bind to a bool.</summary>
    public async Task<IActionResult> OnGetAsync(string? download, CancellationToken cancellationToken) =>
        download is "1" or "true" ? await DownloadAsync(cancellationToken) : Page();

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => DownloadAsync(cancellationToken);

    private async Task<IActionResult> DownloadAsync(CancellationToken cancellationToken)
    {
        var bytes = await data.ExportAsync(User.AccountId()!, cancellationToken);
        return File(bytes, "application/json", data.FileName());
    }
}
