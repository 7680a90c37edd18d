using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>
/// After saving, when there is more to say than the review itself: it waits for a moderator (a new account's first
/// review, the same text on another drug), or it reports a serious side effect (the FDA's MedWatch, shown first).
/// The writer's own page: anyone else gets 404.
/// </summary>
[Authorize]
internal sealed class WriteSavedModel(ReviewFormSource source) : PageModel
{
    public DrugReview Review { get; private set; } = null!;

    public string DrugName { get; private set; } = "";

    public string Slug { get; private set; } = "";

    /// <summary>Held because the same words are on another drug's review (the trust rules' reason, passed on by the write page).</summary>
    public bool HeldForDuplicate { get; private set; }

    public bool Serious => Review.SeriousSideEffect || Review.SideEffects.Any(s => s.Serious);

    /// <summary>Where a saved review sends its writer: straight to it, unless it is held or reports a serious side effect.</summary>
    public static string NextPath(string slug, ReviewWrite written, ReviewInput input) =>
        written.State == ContentState.Published && !input.SeriousSideEffect && !input.SideEffects.Any(s => s.Serious)
            ? $"{ReviewPaths.List(slug)}#review-{written.ReviewId}"
            : $"{ReviewPaths.Review(slug, written.ReviewId)}/saved" + (written.HeldReason == ContentModeration.HeldDuplicate ? "?because=duplicate" : "");

    public async Task<IActionResult> OnGetAsync(string slug, long id, string? because, CancellationToken cancellationToken)
    {
        HeldForDuplicate = because == "duplicate";
        var (drug, answer) = await source.ResolveAsync(slug, $"/reviews/{id}/saved", cancellationToken);
        if (drug is null)
            return answer!;
        if (await source.FindAsync(id, drug.Id, User.AccountId()!, orModerator: false, cancellationToken) is not { } review)
            return NotFound();
        Review = review;
        DrugName = drug.Name;
        Slug = drug.Slug;
        return Page();
    }
}
