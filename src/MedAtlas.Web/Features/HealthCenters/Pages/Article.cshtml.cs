using MedAtlas.Web.Infrastructure.Web;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

[PublicCache]
internal sealed class ArticleModel(HealthContent content, PublicLinks links) : HealthPage(links)
{
    public ArticleView Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string center, string article, CancellationToken cancellationToken)
    {
        var lookup = await content.ArticleAsync(center, article, cancellationToken);
        if (lookup.MovedTo is { } moved)
            return RedirectPermanent(moved);
        if (lookup.Article is null)
            return NotFound();
        Article = lookup.Article;
        return Page();
    }

    public string JsonLd => StructuredData.MedicalWebPage(
        Canonical(Article.Path), Article.Title, Article.Summary, Article.Review, Article.PublishedAt, Article.CenterName,
        Canonical(Article.CenterPath), Article.Conditions.Select(c => (c.Name, Canonical($"/conditions/{c.Slug}"))));
}
