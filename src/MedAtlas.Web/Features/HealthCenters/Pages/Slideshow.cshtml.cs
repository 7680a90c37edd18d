using MedAtlas.Web.Infrastructure.Web;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

/// <summary>A slideshow's cover (<c>/slideshows/{slug}</c>) and each slide at its own address (<c>/slideshows/{slug}/{n}</c>).</summary>
[PublicCache]
internal sealed class SlideshowModel(HealthContent content, PublicLinks links) : HealthPage(links)
{
    public SlideshowView Show { get; private set; } = null!;

    /// <summary>The slide shown, or null on the cover.</summary>
    public SlideView? Slide { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? n, CancellationToken cancellationToken)
    {
        if (await content.SlideshowAsync(slug, cancellationToken) is not { } show || show.Slides.Count == 0)
            return NotFound();
        Show = show;
        if (n is null)
            return Page();

        // Only the plain numbers 1..N: "01", "+1" and "1.0" are not slide addresses.
        if (n.Length > 3 || !n.All(char.IsAsciiDigit) || n.StartsWith('0') || int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) > show.Slides.Count)
            return NotFound();
        Slide = show.Slides[int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) - 1];
        return Page();
    }

    public string JsonLd => StructuredData.MedicalWebPage(
        Canonical(Show.Path), Show.Title, Show.Summary, Show.Review, Show.PublishedAt, Show.CenterName,
        Canonical($"/health/{Show.CenterSlug}"), Show.Conditions.Select(c => (c.Name, Canonical($"/conditions/{c.Slug}"))));
}
