using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>What one review in a list needs besides the review: who is looking, and the message of their vote on it.</summary>
/// <param name="Moderation">For the author's own review that is not published: moderation's words for its state, the reason and the appeal.</param>
internal sealed record ReviewItem(
    ReviewView Review, string Slug, string? ViewerId, string ListQuery, string? VoteNotice, bool Permalink = false, AuthorView? Moderation = null)
{
    public bool IsMine => ViewerId is not null && ViewerId == Review.AuthorId;
}

/// <summary>The model of <c>_ReviewBars</c>: one rating's distribution.</summary>
internal sealed record RatingBars(string Id, string Title, RatingFigures Figures);

/// <summary>
/// A drug's reviews: the summary from the aggregates, the filters (a GET form that works without JS) and a page of
/// published reviews. A visitor's page holds no form with a token, so it stays as cacheable as the drug page; a
/// signed-in person's is never stored (PersonalResponses). "Was this review helpful?" posts here.
/// </summary>
[EnableRateLimiting(ReviewsFeature.HelpfulVoteLimit)]
[PublicCache("sort", "page")]
internal sealed class IndexModel(ReviewQueries queries, HelpfulVotes votes, AuthorModeration moderation, IAuthorizationService authorization) : PageModel
{
    public const int SideEffects = 10;

    public DrugMonograph Drug { get; private set; } = null!;

    public DrugReviewSummary Summary { get; private set; } = null!;

    public ReviewFilter Filter { get; private set; } = ReviewFilter.Default;

    public ReviewPage Reviews { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; private set; } = [];

    /// <summary>The signed-in person's own reviews of this drug that the public does not see, with their state.</summary>
    public IReadOnlyList<(ReviewView Review, AuthorView? Moderation)> OwnUnpublished { get; private set; } = [];

    /// <summary>For moderators: how many reviews of this drug wait out of view (hidden or held); null for everyone else.</summary>
    public int? AwaitingModeration { get; private set; }

    public string? VotedReview { get; private set; }

    public string? VoteNotice { get; private set; }

    public Pager Pager => new(Reviews.Page, Reviews.PageSize, Reviews.Total, p => $"/drugs/{Drug.Slug}/reviews{Filter.Query(p)}#reviews-list");

    public async Task<IActionResult> OnGetAsync(
        string slug, string? condition, string? age, string? sex, string? time, string? role, string? rating, string? sort, [FromQuery(Name = "page")] string? pageNumber, string? size,
        long? voted, string? vote, CancellationToken cancellationToken)
    {
        var drug = await queries.ResolveDrugAsync(slug, cancellationToken);
        if (drug.RedirectToSlug is { } canonical)
            return RedirectPermanent($"/drugs/{canonical}/reviews{Request.QueryString}");
        if (drug.SearchPath is { } search)
            return Redirect(search);
        if (drug.Drug is null)
            return NotFound();

        Drug = drug.Drug;
        (Filter, Errors) = ReviewFilter.Parse(condition, age, sex, time, role, rating, sort, pageNumber, size);
        Summary = await queries.SummaryAsync(drug.Id, SideEffects, cancellationToken);
        Reviews = await queries.PageAsync(drug.Id, Filter, Summary, cancellationToken);
        if (Reviews.UnknownCondition)
        {
            Errors["condition"] = "There is no such condition: showing reviews for every condition.";
            Filter = Filter with { Condition = null };
            Reviews = await queries.PageAsync(drug.Id, Filter, Summary, cancellationToken);
        }

        if (User.AccountId() is { } accountId)
        {
            var own = new List<(ReviewView, AuthorView?)>();
            foreach (var review in await queries.UnpublishedOfAuthorAsync(drug.Id, accountId, cancellationToken))
                own.Add((review, await moderation.ForAuthorAsync(ReviewStore.ContentType, review.Id, accountId, cancellationToken)));
            OwnUnpublished = own;
            if ((await authorization.AuthorizeAsync(User, StaffRoles.Moderator)).Succeeded)
                AwaitingModeration = await queries.AwaitingModerationAsync(drug.Id, cancellationToken);
        }

        if (voted is { } id && HelpfulVotes.Notice(vote) is { } notice)
        {
            VotedReview = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            VoteNotice = notice;
        }

        return Page();
    }

    /// <summary>"Was this review helpful? Yes": signed in, not one's own, once; back to the same list with the outcome beside the review.</summary>
    public async Task<IActionResult> OnPostHelpfulAsync(
        string slug, long review, bool permalink, string? condition, string? age, string? sex, string? time, string? role, string? rating, string? sort, [FromQuery(Name = "page")] string? pageNumber, string? size,
        CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } accountId)
            return Challenge();
        var drug = await queries.ResolveDrugAsync(slug, cancellationToken);
        if (drug.Drug is null)
            return NotFound();

        var outcome = await votes.VoteAsync(drug.Id, review, accountId, cancellationToken);
        if (outcome == HelpfulOutcome.NotFound)
            return NotFound();
        if (permalink)
            return LocalRedirect($"/drugs/{drug.Drug.Slug}/reviews/{review}?vote={HelpfulVotes.Code(outcome)}#review-{review}");
        var (filter, _) = ReviewFilter.Parse(condition, age, sex, time, role, rating, sort, pageNumber, size);
        var query = filter.Query(filter.Page);
        var back = $"/drugs/{drug.Drug.Slug}/reviews{query}{(query.Length == 0 ? "?" : "&")}voted={review}&vote={HelpfulVotes.Code(outcome)}#review-{review}";
        return LocalRedirect(back);
    }
}
