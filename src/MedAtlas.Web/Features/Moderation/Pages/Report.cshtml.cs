using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Moderation.Pages;

/// <summary>
/// /report/{type}/{id}: what is reported (its title and text, as text) and the form: a reason and an optional note.
/// A refusal (one's own writing, content already hidden, a suspension) is said instead of the form; a second report
/// by the same person is answered beside the form. Unknown type or id: 404.
/// </summary>
[Authorize]
[EnableRateLimiting(ModerationFeature.ReportLimit)]
[RequestSizeLimit(16 * 1024)]
internal sealed class ReportModel(ContentReports reports) : PageModel
{
    [BindProperty]
    public ReportReason? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public ReportCheck Check { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string type, long id, CancellationToken cancellationToken)
    {
        if (await reports.CheckAsync(type, id, User.AccountId()!, cancellationToken) is not { } check)
            return NotFound();
        Check = check;
        if (check.AlreadyReported && check.Refusal is null)
            ModelState.AddModelError("", ContentReports.AlreadyReportedMessage);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, long id, CancellationToken cancellationToken)
    {
        var accountId = User.AccountId()!;
        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(Reason), "Choose what is wrong with it.");
        }
        else if (Note?.Trim().Length > ContentReports.NoteMaxLength)
        {
            ModelState.AddModelError(nameof(Note), $"Keep the note to {ContentReports.NoteMaxLength} characters; it has {Note.Trim().Length}.");
        }
        else
        {
            var result = await reports.ReportAsync(type, id, accountId, reason, Note, cancellationToken);
            if (result is null)
                return NotFound();
            if (result.Recorded)
                return LocalRedirect(result.BackTo!);
            if (result.AlreadyReported)
                ModelState.AddModelError("", ContentReports.AlreadyReportedMessage);
        }

        if (await reports.CheckAsync(type, id, accountId, cancellationToken) is not { } check)
            return NotFound();
        Check = check;
        return Page();
    }
}
