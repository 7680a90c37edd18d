using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>
/// One review's own page. A review that is not published (held, hidden, removed) is shown only to its author and to
/// moderators: anyone else gets 404, as if it did not exist.
/// </summary>
[PublicCache]
internal sealed class ReviewModel(ReviewQueries queries, IAuthorizationService authorization) : PageModel
{
    public DrugMonograph Drug { get; private set; } = null!;

    public ReviewView Review { get; private set; } = null!;

    public string? VoteNotice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id, string? vote, CancellationToken cancellationToken)
    {
        var drug = await queries.ResolveDrugAsync(slug, cancellationToken);
        if (drug.RedirectToSlug is { } canonical)
            return RedirectPermanent($"/drugs/{canonical}/reviews/{id}");
        if (drug.Drug is null)
            return NotFound();

        var review = await queries.FindAsync(drug.Id, id, cancellationToken);
        if (review is null)
            return NotFound();
        if (review.State != ContentState.Published)
        {
            var accountId = User.AccountId();
            var mayModerate = accountId is not null && (await authorization.AuthorizeAsync(User, StaffRoles.Moderator)).Succeeded;
            if (accountId is null || (accountId != review.AuthorId && !mayModerate))
                return NotFound();
        }

        Drug = drug.Drug;
        Review = review;
        VoteNotice = HelpfulVotes.Notice(vote);
        return Page();
    }
}
