using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>Slideshows, the starter media, the links from drug, condition and home pages, the feed and the page metadata.</summary>
public sealed class HealthSlideshowAndLinksTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_slideshow_cover_lists_its_slides_and_sources()
    {
        var html = await client.GetStringAsync("/slideshows/low-blood-sugar", Ct);
        var text = Html.Text(html);

        Assert.Contains("<h1 id=\"slideshow-title\">Low Blood Sugar: Signs and What to Do</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar/1\" rel=\"next\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar/2\"", html, StringComparison.Ordinal);
        Assert.Contains("What to do", text, StringComparison.Ordinal);
        Assert.Contains("https://medlineplus.gov/hypoglycemia.html", html[html.IndexOf("id=\"sources\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("Medically reviewed by the MedAtlas editorial team on November 25, 2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_slide_has_its_own_address_with_image_alt_count_and_neighbours_and_the_last_has_the_sources()
    {
        var first = await client.GetStringAsync("/slideshows/low-blood-sugar/1", Ct);
        var last = await client.GetStringAsync("/slideshows/low-blood-sugar/2", Ct);

        Assert.Contains("<img src=\"/health/media/low-blood-sugar-1.svg\" alt=\"A glucose meter beside a drop of blood.\"", first, StringComparison.Ordinal);
        Assert.Contains("slide 1 of 2", Html.Text(first), StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar/2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar\" rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sources\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar#fn:1\"", first, StringComparison.Ordinal);

        Assert.Contains("slide 2 of 2", Html.Text(last), StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar/1\" rel=\"prev\"", last, StringComparison.Ordinal);
        Assert.Contains("call 911 (or your local emergency number)", Html.Text(last), StringComparison.Ordinal);
        Assert.Contains("id=\"sources\"", last, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/slideshow", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starter_slide_images_are_served_as_sandboxed_svg()
    {
        var response = await client.GetAsync("/health/media/low-blood-sugar-1.svg", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/media/no-such-file.svg")]
    [InlineData("/health/media/Low-Blood-Sugar-1.svg")]
    [InlineData("/health/media/low-blood-sugar-1.png")]
    [InlineData("/health/media/..%2Fcenters.json")]
    [InlineData("/health/media/..%2F..%2Fhealth%2Fcenters.json")]
    [InlineData("/health/media/centers.json")]
    public async Task Anything_but_an_existing_plain_svg_name_is_404(string path)
    {
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Drug_and_condition_pages_list_their_articles_from_the_health_centers()
    {
        var drug = await client.GetStringAsync("/drugs/lisinopril", Ct);
        var condition = await client.GetStringAsync("/conditions/type-1-diabetes", Ct);
        var unrelated = await client.GetStringAsync("/drugs/atorvastatin", Ct);

        Assert.Contains("From our health centers", Html.Text(drug), StringComparison.Ordinal);
        Assert.Contains("href=\"/health/heart-health/blood-pressure-basics\"", drug, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/insulin-pumps\"", condition, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/checking-blood-sugar\"", condition, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar\"", condition, StringComparison.Ordinal);
        Assert.DoesNotContain("From our health centers", Html.Text(unrelated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_today_s_featured_and_newest_content_and_keeps_its_cards_and_tools()
    {
        var html = await client.GetStringAsync("/", Ct);
        var today = html[html.IndexOf("id=\"today-title\"", StringComparison.Ordinal)..html.IndexOf("id=\"areas-title\"", StringComparison.Ordinal)];

        Assert.Contains("href=\"/health/diabetes/insulin-pumps\"", today, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/heart-health/blood-pressure-basics\"", today, StringComparison.Ordinal);
        Assert.Contains("href=\"/slideshows/low-blood-sugar\"", today, StringComparison.Ordinal);
        Assert.Contains("What you can do here", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("id=\"tools-strip-title\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/bolus\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_center_s_atom_feed_parses_and_has_an_entry_per_published_item()
    {
        var response = await client.GetAsync("/health/diabetes/feed.atom", Ct);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(atom + "feed", feed.Root.Name);
        Assert.False(string.IsNullOrEmpty(feed.Root.Element(atom + "id")?.Value));
        Assert.True(DateTimeOffset.TryParse(feed.Root.Element(atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.StartsWith("http", e.Element(atom + "id")!.Value, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.False(string.IsNullOrEmpty(e.Element(atom + "title")?.Value));
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
        Assert.Contains(entries, e => e.Element(atom + "id")!.Value.EndsWith("/health/diabetes/insulin-pumps", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Element(atom + "id")!.Value.EndsWith("/slideshows/low-blood-sugar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_article_has_canonical_opengraph_and_medical_web_page_json_ld()
    {
        var html = await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct);
        var start = html.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal);
        var json = html[(start + "<script type=\"application/ld+json\">".Length)..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        using var ld = JsonDocument.Parse(json);
        var root = ld.RootElement;

        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/health/diabetes/insulin-pumps\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"What Are Insulin Pumps?\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:url\" content=\"http://localhost/health/diabetes/insulin-pumps\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"description\" content=\"A fixture article about insulin pumps, used by the tests.\">", html, StringComparison.Ordinal);
        Assert.Equal("MedicalWebPage", root.GetProperty("@type").GetString());
        Assert.Equal("2026-11-25", root.GetProperty("lastReviewed").GetString());
        Assert.Equal("Organization", root.GetProperty("reviewedBy").GetProperty("@type").GetString());
        Assert.Contains(root.GetProperty("about").EnumerateArray(), a => a.GetProperty("url").GetString()!.EndsWith("/conditions/type-1-diabetes", StringComparison.Ordinal));
    }
}
