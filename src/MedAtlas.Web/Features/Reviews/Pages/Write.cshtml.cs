using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>
/// Writing a review of a drug (signed in, confirmed address, not suspended). One per account, drug and condition:
/// a second one is refused beside the condition with a link to edit the first. Saved, it goes to the reviews page;
/// held for a moderator, or with a serious side effect reported, to <see cref="WriteSavedModel"/> first.
/// </summary>
[Authorize]
[EnableRateLimiting(ReviewsFeature.WriteLimit)]
[RequestFormLimits(ValueLengthLimit = ReviewsFeature.LargestFormValue)]
[RequestSizeLimit(ReviewsFeature.LargestFormBody)]
internal sealed class WriteModel(ReviewFormSource source, ReviewStore store) : ReviewFormPageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, string? condition, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } answer)
            return answer;
        Input = new ReviewForm { Condition = condition, Role = nameof(ReviewerRole.Patient) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } answer)
            return answer;
        if (Gate is not null)
            return Invalid();
        var accountId = User.AccountId()!;
        var input = Input.ToInput(ModelState, nameof(Input), View.AllConditions, View.SideEffects);
        if (input is null)
            return Invalid();

        ExistingReviewId = await source.ExistingAsync(accountId, View.DrugId, input.ConditionId, cancellationToken);
        if (ExistingReviewId is not null)
            return AlreadyReviewed(ReviewForm.AlreadyReviewed(Drug.Name, View.ConditionName(input.ConditionId)));

        ReviewWrite written;
        try
        {
            written = await store.CreateAsync(accountId, View.DrugId, input, cancellationToken);
        }
        catch (ReviewExistsException e)
        {
            // Two tabs posting at once: the unique index decided.
            ExistingReviewId = e.ExistingId;
            return AlreadyReviewed(ReviewForm.AlreadyReviewed(Drug.Name, View.ConditionName(input.ConditionId)));
        }

        return Redirect(WriteSavedModel.NextPath(Drug.Slug, written, input));
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var (drug, answer) = await source.ResolveAsync(slug, "/reviews/write", cancellationToken);
        if (drug is null)
            return answer;
        View = await source.ViewAsync(drug, cancellationToken);
        Gate = await source.GateAsync(User.AccountId()!, cancellationToken);
        return null;
    }
}

/// <summary>A page with the review form (write, edit): what the shared fields partial reads, and the two ways a post is refused.</summary>
internal abstract class ReviewFormPageModel : PageModel
{
    [BindProperty]
    public ReviewForm Input { get; set; } = new();

    public ReviewFormView View { get; protected set; } = null!;

    /// <summary>Why this person may not write now; null when they may.</summary>
    public WriterGate? Gate { get; protected set; }

    /// <summary>Set when the person already reviewed the drug for the chosen condition: the "Edit your review" link.</summary>
    public long? ExistingReviewId { get; protected set; }

    public DrugMonograph Drug => View.Drug;

    /// <summary>The page again with its messages (or the reason this person may not write), as 400: nothing was saved.</summary>
    protected PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The one-review-per-condition refusal, beside the condition (the partial adds the link to <see cref="ExistingReviewId"/>).</summary>
    protected PageResult AlreadyReviewed(string message)
    {
        ModelState.AddModelError($"{nameof(Input)}.{nameof(ReviewForm.Condition)}", message);
        return Invalid();
    }
}
