using System.Net;
using System.Xml.Linq;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.HealthCenters;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Site;

/// <summary>/sitemap.xml and /robots.txt on the starter data: the sitemaps.org shape, public pages only, every address answering.</summary>
public sealed class SitemapTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly string[] PersonalAreas = ["/my", "/account", "/admin", "/moderation"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sitemap_lists_drugs_conditions_health_and_site_pages_and_no_personal_page()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/sitemap.xml", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        // Public and the same for everyone: a cache may keep it for a short while.
        Assert.StartsWith("public, max-age=", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var locs = UrlSet(XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)));
        var paths = locs.Select(l => new Uri(l).AbsolutePath).ToList();
        var drug = await app.WithDbAsync(db => db.Set<Drug>().Select(d => d.Slug).FirstAsync(Ct));
        var condition = await app.WithDbAsync(db => db.Set<Condition>().Select(c => c.Slug).FirstAsync(Ct));

        Assert.All(locs, l => Assert.StartsWith("http://localhost/", l, StringComparison.Ordinal));
        Assert.Contains("/", paths);
        Assert.Contains($"/drugs/{drug}", paths);
        Assert.Contains($"/conditions/{condition}", paths);
        Assert.Contains("/about", paths);
        Assert.Contains(paths, p => p.StartsWith("/about/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/drugs/class/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/pills/", StringComparison.Ordinal));
        Assert.Contains("/tools/bmi", paths);
        Assert.Contains("/alerts", paths);
        var article = await app.WithDbAsync(db => db.Set<ContentItem>()
            .Where(i => i.Kind == ContentKind.Article && i.PublishedRevisionId != null)
            .Select(i => "/health/" + i.Center.Slug + "/" + i.Slug).FirstAsync(Ct));
        var slideshow = await app.WithDbAsync(db => db.Set<ContentItem>()
            .Where(i => i.Kind == ContentKind.Slideshow && i.PublishedRevisionId != null)
            .Select(i => "/slideshows/" + i.Slug).FirstAsync(Ct));
        Assert.Contains("/health", paths);
        Assert.Contains(article, paths);
        Assert.Contains(article[..article.LastIndexOf('/')], paths);
        Assert.Contains(slideshow, paths);
        Assert.Contains(slideshow + "/1", paths);
        Assert.DoesNotContain(paths, p => p.EndsWith(".atom", StringComparison.Ordinal) || p.Contains("/feed", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => PersonalAreas.Any(area => p == area || p.StartsWith(area + "/", StringComparison.Ordinal)));
        Assert.Equal(paths.Count, paths.Distinct().Count());
    }

    [Fact]
    public async Task Every_address_in_the_sitemap_answers_200_to_a_visitor()
    {
        // Over HTTPS, as a site is served: the forms' anti-forgery cookie is Secure.
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var locs = UrlSet(XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Ct)));

        foreach (var loc in locs)
        {
            var response = await client.GetAsync(new Uri(loc).PathAndQuery, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{loc}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap()
    {
        using var client = app.CreateClient();
        var robots = await client.GetStringAsync("/robots.txt", Ct);

        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /my", robots, StringComparison.Ordinal);
    }

    /// <summary>The url elements' locations, after checking the urlset shape of the protocol.</summary>
    internal static List<string> UrlSet(XDocument document)
    {
        Assert.Equal(Ns + "urlset", document.Root!.Name);
        var locs = new List<string>();
        foreach (var url in document.Root.Elements())
        {
            Assert.Equal(Ns + "url", url.Name);
            Assert.All(url.Elements(), e => Assert.Contains(e.Name, new[] { Ns + "loc", Ns + "lastmod" }));
            var loc = Assert.Single(url.Elements(Ns + "loc")).Value;
            Assert.True(Uri.TryCreate(loc, UriKind.Absolute, out _) && loc.Length <= 2048, loc);
            if (url.Element(Ns + "lastmod") is { } lastmod)
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", lastmod.Value);
            locs.Add(loc);
        }

        Assert.InRange(locs.Count, 1, 50_000);
        return locs;
    }
}

/// <summary>With more addresses than fit one file (a few here, 50,000 in production) /sitemap.xml is a sitemap index.</summary>
public sealed class SitemapIndexTests(SitemapIndexTests.SmallFilesApp app) : IClassFixture<SitemapIndexTests.SmallFilesApp>
{
    private const int PerFile = 5;
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class SmallFilesApp : MedAtlasApp
    {
        public SmallFilesApp()
        {
            WithSetting("MedAtlas:Sitemap:UrlsPerFile", PerFile.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WithSetting("MedAtlas:PublicUrl", "https://health.example.org");
        }
    }

    [Fact]
    public async Task The_index_lists_files_of_at_most_the_limit_on_the_public_address()
    {
        using var client = app.CreateClient();
        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Ct));

        Assert.Equal(Ns + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements().Select(s =>
        {
            Assert.Equal(Ns + "sitemap", s.Name);
            return Assert.Single(s.Elements(Ns + "loc")).Value;
        }).ToList();
        Assert.Contains("https://health.example.org/sitemaps/drugs-2.xml", files);
        Assert.All(files, f => Assert.Matches(@"^https://health\.example\.org/sitemaps/[a-z-]+-\d+\.xml$", f));

        var all = new List<string>();
        foreach (var file in files)
        {
            var locs = SitemapTests.UrlSet(XDocument.Parse(await client.GetStringAsync(new Uri(file).PathAndQuery, Ct)));
            Assert.InRange(locs.Count, 1, PerFile);
            all.AddRange(locs);
        }

        var drug = await app.WithDbAsync(db => db.Set<Drug>().Select(d => d.Slug).FirstAsync(Ct));
        Assert.Contains($"https://health.example.org/drugs/{drug}", all);
        Assert.Contains("https://health.example.org/", all);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [InlineData("/sitemaps/drugs-0.xml")]
    [InlineData("/sitemaps/drugs-9999.xml")]
    [InlineData("/sitemaps/accounts-1.xml")]
    [InlineData("/sitemaps/drugs-x.xml")]
    public async Task A_file_that_is_not_in_the_index_is_404(string path)
    {
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, Ct)).StatusCode);
    }
}
