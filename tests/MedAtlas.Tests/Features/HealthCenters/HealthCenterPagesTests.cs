using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.HealthCenters;

public sealed class HealthCenterPagesTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_health_page_lists_every_center_with_its_counts()
    {
        var html = await client.GetStringAsync("/health", Ct);
        var text = Html.Text(html);

        Assert.Contains("href=\"/health/diabetes\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/heart-health\"", html, StringComparison.Ordinal);
        Assert.Contains("2 articles, 1 slideshow", text, StringComparison.Ordinal);
        Assert.Contains("1 article", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Diabetes", StringComparison.Ordinal) < text.IndexOf("Heart Health", StringComparison.Ordinal), "centers follow their order");
    }

    [Fact]
    public async Task A_center_shows_featured_and_latest_articles_slideshows_tools_drugs_and_conditions()
    {
        var html = await client.GetStringAsync("/health/diabetes", Ct);
        var featured = html[html.IndexOf("id=\"featured-title\"", StringComparison.Ordinal)..html.IndexOf("id=\"latest-title\"", StringComparison.Ordinal)];

        Assert.Contains("href=\"/health/diabetes/insulin-pumps\"", featured, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/checking-blood-sugar\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/bolus\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/bmi\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/metformin\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/conditions/type-2-diabetes\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/feed.atom\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("blood-pressure-basics", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_shows_its_byline_reviewer_next_review_toc_body_and_sources()
    {
        var html = await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct);
        var text = Html.Text(html);

        Assert.Contains("<h1 id=\"article-title\">What Are Insulin Pumps?</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Written by the MedAtlas editorial team", text, StringComparison.Ordinal);
        Assert.Contains("Medically reviewed by the MedAtlas editorial team on November 25, 2026", text, StringComparison.Ordinal);
        Assert.Contains("Next review due November 25, 2027", text, StringComparison.Ordinal);
        Assert.DoesNotContain("being re-reviewed", text, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"toc article-toc\" aria-label=\"In this article\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#how-a-pump-works\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#basal-and-bolus\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"how-a-pump-works\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"basal-and-bolus\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#fn:1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fn:1\"", html, StringComparison.Ordinal);
        var sources = html[html.IndexOf("id=\"sources\"", StringComparison.Ordinal)..];
        Assert.Contains("https://www.niddk.nih.gov/health-information/diabetes/overview/insulin-medicines-treatments", sources, StringComparison.Ordinal);
        Assert.Contains("https://medlineplus.gov/diabetesmedicines.html", sources, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/insulin-lispro\"", html, StringComparison.Ordinal);
        Assert.Contains("Sample content written and reviewed by the MedAtlas editorial team", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adjacent_source_markers_stay_two_sources_numbered_in_order()
    {
        var html = await client.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct);
        var sources = html[html.IndexOf("id=\"sources\"", StringComparison.Ordinal)..];

        Assert.Contains("href=\"#fn:1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#fn:2\"", html, StringComparison.Ordinal);
        Assert.True(sources.IndexOf("bloodsugar.html", StringComparison.Ordinal) < sources.IndexOf("www.cdc.gov/diabetes", StringComparison.Ordinal));
        Assert.Contains("<li id=\"fn:2\">", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_articles_are_from_the_same_center_ranked_by_shared_conditions_and_never_the_article_itself()
    {
        var html = await client.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct);
        var related = html[html.IndexOf("id=\"related-title\"", StringComparison.Ordinal)..];

        Assert.Contains("Recommended related to Diabetes", Html.Text(related), StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/insulin-pumps\"", related, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/health/diabetes/checking-blood-sugar\"", related, StringComparison.Ordinal);
        Assert.DoesNotContain("blood-pressure-basics", related, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/no-such-center")]
    [InlineData("/health/diabetes/no-such-article")]
    [InlineData("/health/no-such-center/insulin-pumps")]
    [InlineData("/health/no-such-center/feed.atom")]
    [InlineData("/slideshows/no-such-slideshow")]
    [InlineData("/slideshows/low-blood-sugar/0")]
    [InlineData("/slideshows/low-blood-sugar/3")]
    [InlineData("/slideshows/low-blood-sugar/01")]
    [InlineData("/slideshows/low-blood-sugar/two")]
    [InlineData("/slideshows/low-blood-sugar/99999999999")]
    [InlineData("/slideshows/low-blood-sugar/1/extra")]
    public async Task Unknown_addresses_are_404(string path)
    {
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_article_asked_for_under_another_center_moves_permanently_to_its_own()
    {
        var response = await client.GetAsync("/health/heart-health/insulin-pumps", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/health/diabetes/insulin-pumps", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Health_Centers_is_in_the_main_navigation()
    {
        var html = await client.GetStringAsync("/health", Ct);
        var nav = html[html.IndexOf("class=\"main-nav\"", StringComparison.Ordinal)..html.IndexOf("</nav>", html.IndexOf("class=\"main-nav\"", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Contains("<a href=\"/health\" aria-current=\"page\">Health Centers</a>", nav, StringComparison.Ordinal);
    }
}
