using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Features.Accounts;

namespace MedAtlas.Web.Features.Moderation.Pages;

/// <summary>
/// /moderation/cases/{id}: the whole text (as text), the reports with reasons and notes (reporters by display name),
/// the history from the log, and the actions that apply, each a POST form. The logic is <see cref="ModerationDecisions"/>'s.
/// </summary>
[Authorize(Policy = StaffRoles.Moderator)]
[RequestFormLimits(ValueLengthLimit = 4096)]
[RequestSizeLimit(16 * 1024)]
internal sealed class CaseModel(ModerationQueues queues, ModerationDecisions decisions) : PageModel
{
    public CaseView View { get; private set; } = null!;

    /// <summary>The action whose form failed, so its message is shown beside it.</summary>
    public string? FailedAction { get; private set; }

    /// <summary>A refusal of the whole action ("Someone else acted on this first").</summary>
    public string? Problem { get; private set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    /// <summary>What the failed form's reason held, to show it again.</summary>
    public string? Typed { get; private set; }

    public bool IsMine => View.Item?.AuthorId is { } author && author == User.AccountId() || View.Case.AuthorId == User.AccountId();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string? act, string? reason, int? days, long version, long reports, CancellationToken cancellationToken)
    {
        var result = await decisions.ActAsync(id, new Decision(act ?? "", reason, days, version, reports), User, cancellationToken);
        if (result is null)
            return NotFound();
        if (result.Done)
            return Redirect($"/moderation/cases/{id}?done={Uri.EscapeDataString(act!)}");
        FailedAction = act;
        Typed = reason;
        if (result.Field is { } field)
            ModelState.AddModelError(FieldId(act!, field), result.Problem!);
        else
            Problem = result.Problem;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public static string FieldId(string action, string field) => $"{action.Replace(' ', '-')}-{field.ToLowerInvariant()}";

    public static string DoneMessage(string? done) => done switch
    {
        ModerationActions.Approve => "Approved: it is published.",
        ModerationActions.Hide => "Hidden: only the author and moderators see it now.",
        ModerationActions.Restore => "Restored: it is published again.",
        ModerationActions.Remove => "Removed. The author sees your reason and may appeal once.",
        ModerationActions.Dismiss => "Reports dismissed: it stays published.",
        ModerationActions.DeclineAppeal => "Appeal declined: the decision stands. The author sees your reason.",
        ModerationActions.Warn => "The author is warned and told by mail.",
        ModerationActions.Suspend => "The author is suspended from writing and reporting and told by mail.",
        _ => "",
    };

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await queues.CaseAsync(id, cancellationToken) is not { } view)
            return false;
        View = view;
        return true;
    }
}
