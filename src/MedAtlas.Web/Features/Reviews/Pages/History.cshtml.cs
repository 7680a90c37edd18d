using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>A review's versions, newest first: for its author and for moderators; anyone else gets 404.</summary>
[Authorize]
internal sealed class HistoryModel(ReviewFormSource source) : PageModel
{
    public ReviewFormView View { get; private set; } = null!;

    public DrugReview Review { get; private set; } = null!;

    public IReadOnlyList<DrugReviewRevision> Revisions { get; private set; } = [];

    public bool IsAuthor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id, CancellationToken cancellationToken)
    {
        var (drug, answer) = await source.ResolveAsync(slug, $"/reviews/{id}/history", cancellationToken);
        if (drug is null)
            return answer!;
        View = await source.ViewAsync(drug, cancellationToken);
        var accountId = User.AccountId()!;
        if (await source.FindAsync(id, View.DrugId, accountId, User.IsInRole(StaffRoles.Moderator), cancellationToken) is not { } review)
            return NotFound();
        Review = review;
        IsAuthor = review.AccountId == accountId;
        Revisions = await source.RevisionsAsync(review.Id, cancellationToken);
        return Page();
    }
}
