using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>What became of a "Was this review helpful?" vote.</summary>
internal enum HelpfulOutcome
{
    Counted,
    OwnReview,
    AlreadyVoted,
    NotPublished,
    NotFound,
}

/// <summary>
/// The rules around "Was this review helpful?": one vote per account per review (the store's unique key), never on
/// one's own review, only on a published one. The store adds the vote and the review's count in one transaction.
/// </summary>
internal sealed class HelpfulVotes(MedAtlasDbContext db, ReviewStore store)
{
    private static readonly (HelpfulOutcome Outcome, string Code, string Notice)[] Notices =
    [
        (HelpfulOutcome.Counted, "thanks", "Thank you: you said this review was helpful."),
        (HelpfulOutcome.OwnReview, "own", "This is your own review: only other people can say it was helpful."),
        (HelpfulOutcome.AlreadyVoted, "already", "You already said this review was helpful."),
        (HelpfulOutcome.NotPublished, "unavailable", "This review is not shown at the moment, so it cannot take votes."),
    ];

    public async Task<HelpfulOutcome> VoteAsync(int drugId, long reviewId, string accountId, CancellationToken cancellationToken)
    {
        var review = await db.Set<DrugReview>().AsNoTracking()
            .Where(r => r.Id == reviewId && r.DrugId == drugId)
            .Select(r => new { r.AccountId, r.State })
            .FirstOrDefaultAsync(cancellationToken);
        if (review is null)
            return HelpfulOutcome.NotFound;
        if (review.AccountId == accountId)
            return HelpfulOutcome.OwnReview;
        if (review.State != ContentState.Published)
            return HelpfulOutcome.NotPublished;
        return await store.AddHelpfulVoteAsync(reviewId, accountId, cancellationToken) ? HelpfulOutcome.Counted : HelpfulOutcome.AlreadyVoted;
    }

    /// <summary>The outcome's code in the address the vote redirects to.</summary>
    public static string Code(HelpfulOutcome outcome) => Notices.First(n => n.Outcome == outcome).Code;

    /// <summary>The sentence for an outcome code from the address, or null for anything else.</summary>
    public static string? Notice(string? code) => Notices.FirstOrDefault(n => n.Code == code).Notice;
}
