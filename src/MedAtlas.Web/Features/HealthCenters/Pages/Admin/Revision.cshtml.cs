using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages.Admin;

/// <summary>
/// /admin/content/revisions/{id}: one revision as it will read, its editor while it is a draft, the review and publishing
/// actions the workflow allows the signed-in staff member, the item's revisions (compare, restore) and its history.
/// </summary>
internal sealed class RevisionModel(EditorialQueries queries, ContentWorkflow workflow, Authors authors) : EditorialPage(authors)
{
    public RevisionView View { get; private set; } = null!;

    public EditorialActor Actor { get; private set; } = null!;

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    [BindProperty]
    public DraftForm Input { get; set; } = new();

    /// <summary>What a failed comment or reason held, to show it again.</summary>
    public string? Typed { get; private set; }

    public string? FailedAction { get; private set; }

    // The workflow's own rules (EditorialActor), with the state each action starts from.
    public bool CanEdit => View.Revision.State == RevisionState.Draft && Actor.CanEdit(View.Revision);

    public bool CanSubmit => View.Revision.State == RevisionState.Draft && Actor.CanSubmit(View.Revision);

    public bool CanReview => View.Revision.State == RevisionState.InReview && Actor.CanReview(View.Revision);

    public bool CanPublish => View.Revision.State == RevisionState.Approved && Actor.IsEditor;

    public bool CanUnpublish => View.Revision.State == RevisionState.Published && Actor.IsEditor;

    public bool CanDraft => Actor.CanWrite;

    /// <summary>An Editor features a published article (or stops featuring it) from any of its revisions.</summary>
    public bool CanFeature => Actor.IsEditor && View.Kind == ContentKind.Article && (View.PublishedRevisionId is not null || View.Featured);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input = new DraftForm { Title = View.Revision.Title, Summary = View.Revision.Summary, Body = View.Revision.BodyMarkdown };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "save", "saved", (w, a) => w.EditDraftAsync(a, id, Input.Title ?? "", Input.Summary ?? "", Input.Body ?? "", cancellationToken), cancellationToken, keepInput: true);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "submit", "submitted", (w, a) => w.SubmitAsync(a, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "approve", "approved", (w, a) => w.ApproveAsync(a, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int id, string? comment, CancellationToken cancellationToken)
    {
        Typed = comment;
        return ActAsync(id, "sendback", "sentback", (w, a) => w.SendBackAsync(a, id, comment ?? "", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, string? when, CancellationToken cancellationToken)
    {
        Typed = when;
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(when))
        {
            // <input type="datetime-local"> sends "2026-12-24T09:30"; the form says the time is UTC.
            if (!DateTime.TryParseExact(when.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                FailedAction = "publish";
                ModelState.AddModelError("publish-when", "Enter the date and time as 2026-12-24T09:30 (UTC), or leave it empty to publish now.");
                return ReloadAsync(id, cancellationToken);
            }

            at = new DateTimeOffset(parsed, TimeSpan.Zero);
            if (at <= DateTimeOffset.UtcNow)
            {
                FailedAction = "publish";
                ModelState.AddModelError("publish-when", "That time has passed. Leave it empty to publish now.");
                return ReloadAsync(id, cancellationToken);
            }
        }

        return ActAsync(id, "publish", at is null ? "published" : "scheduled", (w, a) => w.PublishAsync(a, id, at, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostUnpublishAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        Typed = reason;
        return ActAsync(id, "unpublish", "unpublished", (w, a) => w.UnpublishAsync(a, id, reason ?? "", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostFeatureAsync(int id, bool featured, CancellationToken cancellationToken) =>
        ActAsync(id, "feature", featured ? "featured" : "unfeatured", (w, a) => w.SetFeaturedAsync(a, id, featured, cancellationToken), cancellationToken);

    /// <summary>A new draft copied from this revision: editing what is published, or restoring an old revision.</summary>
    public async Task<IActionResult> OnPostDraftAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.ItemIdOfAsync(id, cancellationToken) is not { } itemId)
            return NotFound();
        var result = await workflow.DraftFromAsync(await ActorAsync(cancellationToken), itemId, id, cancellationToken);
        if (result.Succeeded)
            return Redirect($"/admin/content/revisions/{result.RevisionId}?done=drafted");
        FailedAction = "draft";
        Refuse(result, "draft-");
        return await ReloadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(
        int id, string action, string done, Func<ContentWorkflow, EditorialActor, Task<WorkflowResult>> act, CancellationToken cancellationToken, bool keepInput = false)
    {
        if (await queries.ItemIdOfAsync(id, cancellationToken) is null)
            return NotFound();
        var result = await act(workflow, await ActorAsync(cancellationToken));
        if (result.Succeeded)
            return Redirect($"/admin/content/revisions/{id}?done={done}");
        FailedAction = action;
        if (keepInput)
            Refuse(result, "Input.");
        else
            ModelState.AddModelError(action + "-" + "problem", result.Error!);
        return await ReloadAsync(id, cancellationToken, keepInput);
    }

    private async Task<IActionResult> ReloadAsync(int id, CancellationToken cancellationToken, bool keepInput = false)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        if (!keepInput)
            Input = new DraftForm { Title = View.Revision.Title, Summary = View.Revision.Summary, Body = View.Revision.BodyMarkdown };
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.RevisionAsync(id, cancellationToken) is not { } view)
            return false;
        View = view;
        Actor = await ActorAsync(cancellationToken);
        return true;
    }

    public sealed class DraftForm
    {
        public string? Title { get; set; }

        public string? Summary { get; set; }

        public string? Body { get; set; }
    }
}
