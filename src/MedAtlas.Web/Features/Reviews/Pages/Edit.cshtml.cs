using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>
/// Editing one's own review: the author only (anyone else, a moderator too, gets 404). Saving replaces it; the
/// store keeps the earlier version in the history. A removed review cannot be edited: its author may appeal instead.
/// </summary>
[Authorize]
[EnableRateLimiting(ReviewsFeature.WriteLimit)]
[RequestFormLimits(ValueLengthLimit = ReviewsFeature.LargestFormValue)]
[RequestSizeLimit(ReviewsFeature.LargestFormBody)]
internal sealed class EditModel(ReviewFormSource source, ReviewStore store) : ReviewFormPageModel
{
    public DrugReview Review { get; private set; } = null!;

    public bool Removed => Review.State == ContentState.Removed;

    public async Task<IActionResult> OnGetAsync(string slug, long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, id, cancellationToken) is { } answer)
            return answer;
        Input = ReviewForm.From(Review, View.AllConditions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, id, cancellationToken) is { } answer)
            return answer;
        if (Gate is not null || Removed)
            return Invalid();

        var accountId = User.AccountId()!;
        var input = Input.ToInput(ModelState, nameof(Input), View.AllConditions, View.SideEffects);
        if (input is null)
            return Invalid();

        // Moving the review to a condition the person already reviewed would make two for one condition.
        var other = await source.ExistingAsync(accountId, View.DrugId, input.ConditionId, cancellationToken);
        if (other is { } otherId && otherId != Review.Id)
        {
            ExistingReviewId = otherId;
            return AlreadyReviewed(ReviewForm.AnotherReviewThere(Drug.Name, View.ConditionName(input.ConditionId)));
        }

        ReviewWrite? written;
        try
        {
            written = await store.UpdateAsync(accountId, Review.Id, input, cancellationToken);
        }
        catch (ReviewExistsException e)
        {
            ExistingReviewId = e.ExistingId;
            return AlreadyReviewed(ReviewForm.AnotherReviewThere(Drug.Name, View.ConditionName(input.ConditionId)));
        }
        catch (ReviewChangedException e)
        {
            // A moderator acted (or another tab saved) between reading and saving: nothing was changed.
            ModelState.AddModelError("", e.Message);
            return Invalid();
        }
        catch (ReviewRemovedException)
        {
            Review.State = ContentState.Removed;
            return Invalid();
        }

        if (written is null)
            return NotFound();
        return Redirect(WriteSavedModel.NextPath(Drug.Slug, written, input));
    }

    private async Task<IActionResult?> LoadAsync(string slug, long id, CancellationToken cancellationToken)
    {
        var (drug, answer) = await source.ResolveAsync(slug, $"/reviews/{id}/edit", cancellationToken);
        if (drug is null)
            return answer;
        View = await source.ViewAsync(drug, cancellationToken);
        var accountId = User.AccountId()!;
        if (await source.FindAsync(id, View.DrugId, accountId, orModerator: false, cancellationToken) is not { } review)
            return NotFound();
        Review = review;
        Gate = await source.GateAsync(accountId, cancellationToken);
        return null;
    }
}
