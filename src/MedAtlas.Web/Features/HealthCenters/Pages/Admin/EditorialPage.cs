using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.HealthCenters.Pages.Admin;

/// <summary>
/// The base of the /admin/content pages: content staff only (anyone else gets 404, the app's rule for staff pages), never
/// publicly cached (the app's default), forms small. <see cref="ActorAsync"/> is who is acting, with the credentials an
/// Admin verified on their account (shown in the reviewer line).
/// </summary>
[Authorize(Policy = StaffRoles.ContentStaff)]
[RequestFormLimits(ValueLengthLimit = 400_000)]
[RequestSizeLimit(1024 * 1024)]
internal abstract class EditorialPage(Authors authors) : PageModel
{
    private EditorialActor? actor;

    /// <summary>Read once per request: an action and the page shown after it ask for it twice.</summary>
    protected async Task<EditorialActor> ActorAsync(CancellationToken cancellationToken)
    {
        if (actor is not null)
            return actor;
        var id = User.AccountId()!;
        var badge = (await authors.BadgesAsync([id], cancellationToken)).GetValueOrDefault(id);
        var roles = StaffRoles.Grantable.Where(User.IsInRole).ToHashSet(StringComparer.Ordinal);
        return actor = new EditorialActor(id, badge?.DisplayName ?? User.DisplayName(), badge?.ExpertCredentials, roles);
    }

    /// <summary>Shows a refusal next to its field, or above the form when it is about no one field.</summary>
    protected void Refuse(WorkflowResult result, string prefix = "")
    {
        ModelState.AddModelError(result.Field is { } field ? prefix + field : "", result.Error!);
    }
}

/// <summary>Words for states and actions on the editorial pages.</summary>
internal static class EditorialWords
{
    public static string State(RevisionState state) => state switch
    {
        RevisionState.Draft => "Draft",
        RevisionState.InReview => "In medical review",
        RevisionState.Approved => "Approved",
        RevisionState.Published => "Published",
        RevisionState.Unpublished => "Unpublished",
        RevisionState.Superseded => "Superseded",
        _ => state.ToString(),
    };

    public static string Action(string action) => action switch
    {
        "Drafted" => "started a draft",
        "Restored" => "restored an old revision as a new draft",
        "Edited" => "edited the draft",
        "Submitted" => "sent it for medical review",
        "Approved" => "approved it (medical review)",
        "SentBack" => "sent it back to the author",
        "Scheduled" => "scheduled it",
        "Published" => "published it",
        "NotPublished" => "did not publish it",
        "Unpublished" => "unpublished it",
        "Featured" => "featured the article",
        "Unfeatured" => "stopped featuring the article",
        _ => action,
    };

    /// <summary>The body field's label: what the Markdown holds for this kind of item.</summary>
    public static string BodyLabel(ContentKind kind) => kind switch
    {
        ContentKind.Slideshow => "Slides (Markdown)",
        ContentKind.Video => "Transcript (Markdown)",
        _ => "Text (Markdown)",
    };

    public static string BodyHint(ContentKind kind) => kind switch
    {
        ContentKind.Slideshow => "Each slide: a line ## Slide title, then image: (an address from the media library), then alt: (what the image shows), then its caption. [^1] for a source and [^1]: Organisation. \"Title.\" https://... at the end.",
        ContentKind.Video => "What is said in the video, in order; ### for each part. The video file and its captions stay as they are. [^1]: for sources at the end.",
        _ => "## for section headings (they make the table of contents), [^1] for a source and [^1]: Organisation. \"Title.\" https://... at the end.",
    };

    public static string Done(string? done) => done switch
    {
        "created" => "Draft started. Write it, then send it for medical review.",
        "saved" => "Draft saved.",
        "submitted" => "Sent for medical review. A Medical reviewer other than you must approve it before it can be published.",
        "approved" => "Approved. An Editor can now publish it.",
        "sentback" => "Sent back to the author with your comment.",
        "published" => "Published: readers see this revision now.",
        "scheduled" => "Scheduled: it goes live at the time set, if its review is still valid then.",
        "unpublished" => "Unpublished: readers no longer see it.",
        "featured" => "Featured: the article is shown first on its center and in the home page's Today strip.",
        "unfeatured" => "No longer featured: it is listed with the newest articles.",
        "drafted" => "New draft started. The published revision stays live until this one passes review.",
        _ => "",
    };
}
