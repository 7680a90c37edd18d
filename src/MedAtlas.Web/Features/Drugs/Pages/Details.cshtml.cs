using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Drugs.Pages;

[PublicCache]
internal sealed class DetailsModel(DrugCatalog catalog, IEnumerable<IDrugAlerts> alerts, IEnumerable<IDrugReviews> reviews) : PageModel
{
    /// <summary>How many recalls and notices the page lists before "see all".</summary>
    public const int AlertLines = 5;

    public DrugMonograph? Drug { get; private set; }

    public DrugAlertList Alerts { get; private set; } = DrugAlertList.None;

    // Patient reviews (issue 12): null when no feature provides them.
    public DrugReviewGlance? Reviews { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await catalog.ResolveAsync(slug, cancellationToken);
        if (found.Elsewhere(slug) is { } elsewhere)
            return elsewhere.CanonicalSlug is { } canonical ? RedirectPermanent($"/drugs/{canonical}") : Redirect(elsewhere.SearchPath!);
        if (found.Drug is null)
            return NotFound();

        Drug = found.Drug;
        if (alerts.FirstOrDefault() is { } source)
            Alerts = await source.ForDrugAsync(Drug.Slug, AlertLines, cancellationToken);
        if (reviews.FirstOrDefault() is { } patientReviews)
            Reviews = await patientReviews.ForDrugAsync(Drug.Id, Drug.Slug, cancellationToken);
        return Page();
    }

    public static string StatusText(MarketingStatus? status) => status switch
    {
        MarketingStatus.Prescription => "Prescription",
        MarketingStatus.OverTheCounter => "Over the counter",
        MarketingStatus.Discontinued => "Discontinued",
        MarketingStatus.TentativeApproval => "Tentative approval",
        _ => "",
    };
}
