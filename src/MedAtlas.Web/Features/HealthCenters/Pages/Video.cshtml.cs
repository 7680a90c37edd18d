using MedAtlas.Web.Infrastructure.Web;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

/// <summary>A video (<c>/videos/{slug}</c>): the player with captions and poster, the description, the transcript and the sources.</summary>
[PublicCache]
internal sealed class VideoModel(HealthContent content, PublicLinks links) : HealthPage(links)
{
    public VideoView Video { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await content.VideoAsync(slug, cancellationToken) is not { } video)
            return NotFound();
        Video = video;
        return Page();
    }

    public string JsonLd => StructuredData.MedicalWebPage(
        Canonical(Video.Path), Video.Title, Video.Summary, Video.Review, Video.PublishedAt, Video.CenterName,
        Canonical($"/health/{Video.CenterSlug}"), Video.Conditions.Select(c => (c.Name, Canonical($"/conditions/{c.Slug}"))));
}
