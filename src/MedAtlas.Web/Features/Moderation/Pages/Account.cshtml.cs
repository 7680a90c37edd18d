using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Moderation.Pages;

/// <summary>
/// /account/moderation: the person's writing that is held, hidden or removed, each with its state, the reason, the
/// date and a link, and the appeal form where one is possible; their warnings and suspensions. Another account's
/// case id in a POST answers 404.
/// </summary>
[Authorize]
[RequestFormLimits(ValueLengthLimit = 8192)]
[RequestSizeLimit(32 * 1024)]
internal sealed class AccountModel(AuthorModeration moderation, TimeProvider time) : PageModel
{
    public IReadOnlyList<AuthorCase> Cases { get; private set; } = [];

    public IReadOnlyList<AuthorSanction> Sanctions { get; private set; } = [];

    public DateTime Now { get; } = time.GetUtcNow().UtcDateTime;

    [FromQuery(Name = "appealed")]
    public long? Appealed { get; set; }

    /// <summary>The case whose appeal failed, its message and what was typed.</summary>
    public long? FailedCase { get; private set; }

    public string? Typed { get; private set; }

    public static string FieldId(long caseId) => $"appeal-{caseId}";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAppealAsync(long id, string? text, CancellationToken cancellationToken)
    {
        var result = await moderation.AppealAsync(User.AccountId()!, id, text, cancellationToken);
        if (result is null)
            return NotFound();
        if (result.Done)
            return Redirect($"{AuthorModeration.PagePath}?appealed={id}#case-{id}");
        FailedCase = id;
        Typed = text;
        ModelState.AddModelError(FieldId(id), result.Problem!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = User.AccountId()!;
        Cases = await moderation.CasesAsync(me, cancellationToken);
        Sanctions = await moderation.SanctionsAsync(me, cancellationToken);
    }
}
