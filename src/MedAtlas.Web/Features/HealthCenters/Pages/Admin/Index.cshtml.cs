using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages.Admin;

/// <summary>/admin/content: what the signed-in staff member can act on (my drafts, waiting for my review, ready, scheduled, overdue) and a new article.</summary>
internal sealed class ContentIndexModel(EditorialQueries queries, ContentWorkflow workflow, Authors authors) : EditorialPage(authors)
{
    public EditorialDashboard Dashboard { get; private set; } = null!;

    public EditorialActor Actor { get; private set; } = null!;

    [BindProperty]
    public NewArticle Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await workflow.CreateArticleAsync(await ActorAsync(cancellationToken), Input.Center ?? "", Input.Slug ?? "", Input.Title ?? "", cancellationToken);
        if (result.Succeeded)
            return Redirect($"/admin/content/revisions/{result.RevisionId}?done=created");
        Refuse(result, "Input.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Actor = await ActorAsync(cancellationToken);
        Dashboard = await queries.DashboardAsync(Actor, cancellationToken);
    }

    public sealed class NewArticle
    {
        public string? Center { get; set; }

        public string? Slug { get; set; }

        public string? Title { get; set; }
    }
}
