using System.Globalization;
using System.Text;
using System.Xml;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Site;

/// <summary>
/// <c>/sitemap.xml</c> (sitemaps.org 0.9) from every <see cref="ISitemapSource"/>, and <c>/robots.txt</c> pointing to it.
/// Up to <see cref="SitemapSettings.UrlsPerFile"/> addresses in all, one <c>urlset</c>; beyond that the protocol's
/// limit of 50,000 per file applies and <c>/sitemap.xml</c> is a <c>sitemapindex</c> of <c>/sitemaps/{source}-{n}.xml</c>,
/// each source cut into files of its own. Addresses are absolute, on <c>MedAtlas:PublicUrl</c> when it is set
/// (<see cref="PublicLinks"/>), else on the request's address.
/// </summary>
internal static class SitemapEndpoints
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", SitemapAsync).ExcludeFromDescription().AllowAnonymous().WithPublicCache();
        app.MapGet("/sitemaps/{name}-{page:int}.xml", SitemapFileAsync).ExcludeFromDescription().AllowAnonymous().WithPublicCache();
        app.MapGet("/robots.txt", Robots).ExcludeFromDescription().AllowAnonymous().WithPublicCache();
        return app;
    }

    private static async Task<IResult> SitemapAsync(
        HttpContext context, IEnumerable<ISitemapSource> sources, SitemapSettings settings, PublicLinks links, CancellationToken cancellationToken)
    {
        var counted = new List<(ISitemapSource Source, int Count)>();
        foreach (var source in sources)
            counted.Add((source, await source.CountAsync(cancellationToken)));

        if (counted.Sum(c => (long)c.Count) <= settings.UrlsPerFile)
        {
            var entries = new List<SitemapEntry>();
            foreach (var (source, count) in counted)
                entries.AddRange(await source.ReadAsync(0, count, cancellationToken));
            return Xml(context, writer => WriteUrlSet(writer, entries, context.Request, links));
        }

        var files = counted
            .SelectMany(c => Enumerable.Range(1, (c.Count + settings.UrlsPerFile - 1) / settings.UrlsPerFile).Select(n => FilePath(c.Source.Name, n)))
            .ToList();
        return Xml(context, writer =>
        {
            writer.WriteStartElement("sitemapindex", Namespace);
            foreach (var file in files)
            {
                writer.WriteStartElement("sitemap", Namespace);
                writer.WriteElementString("loc", Namespace, links.To(context.Request, file));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    private static async Task<IResult> SitemapFileAsync(
        string name, int page, HttpContext context, IEnumerable<ISitemapSource> sources, SitemapSettings settings, PublicLinks links,
        CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Name == name);
        if (source is null || page < 1)
            return Results.NotFound();
        var count = await source.CountAsync(cancellationToken);
        var skip = (long)(page - 1) * settings.UrlsPerFile;
        if (skip >= count)
            return Results.NotFound();
        var entries = await source.ReadAsync((int)skip, settings.UrlsPerFile, cancellationToken);
        return Xml(context, writer => WriteUrlSet(writer, entries, context.Request, links));
    }

    private static IResult Robots(HttpContext context, PublicLinks links)
    {
        // Crawlers may read everything public; the personal and staff areas answer 404 to them anyway, so saying so saves both sides the requests.
        var text = $"""
            User-agent: *
            Disallow: /my
            Disallow: /account
            Disallow: /admin
            Disallow: /moderation
            Sitemap: {links.To(context.Request, "/sitemap.xml")}

            """;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    private static string FilePath(string name, int page) => $"/sitemaps/{name}-{page.ToString(CultureInfo.InvariantCulture)}.xml";

    private static void WriteUrlSet(XmlWriter writer, IEnumerable<SitemapEntry> entries, HttpRequest request, PublicLinks links)
    {
        writer.WriteStartElement("urlset", Namespace);
        foreach (var entry in entries)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, links.To(request, entry.Path));
            if (entry.LastModified is { } date)
                writer.WriteElementString("lastmod", Namespace, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static IResult Xml(HttpContext context, Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = false, OmitXmlDeclaration = true }))
            write(writer);
        // Public content only; a crawler asking twice an hour gets the same answer from a cache in between.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text, "application/xml; charset=utf-8", Encoding.UTF8);
    }
}

/// <summary><c>MedAtlas:Sitemap:UrlsPerFile</c>: addresses per sitemap file, at most the protocol's 50,000 (tests set a few).</summary>
internal sealed record SitemapSettings(int UrlsPerFile)
{
    public const int ProtocolLimit = 50_000;

    public static SitemapSettings From(IConfiguration configuration)
    {
        var value = configuration["MedAtlas:Sitemap:UrlsPerFile"];
        if (string.IsNullOrEmpty(value))
            return new SitemapSettings(ProtocolLimit);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var perFile) || perFile is < 1 or > ProtocolLimit)
            throw new MedAtlasConfigurationException($"MedAtlas:Sitemap:UrlsPerFile is '{value}'; it must be a whole number from 1 to {ProtocolLimit}.");
        return new SitemapSettings(perFile);
    }
}

/// <summary>The site's own pages: the home page and the about / editorial policy / privacy pages.</summary>
internal sealed class SiteSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "site";

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        1 + await db.Set<SitePage>().CountAsync(cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        SitemapPages.ReadAsync([new SitemapEntry("/")], skip, take, async (s, t) =>
        {
            var pages = await db.Set<SitePage>().OrderBy(p => p.Id).Skip(s).Take(t)
                .Select(p => new { p.Slug, p.LastReviewed }).ToListAsync(cancellationToken);
            // "/about" serves the page whose slug is "about" (the route's default).
            return pages.ConvertAll(p => new SitemapEntry(p.Slug == "about" ? "/about" : "/about/" + p.Slug, p.LastReviewed));
        });
}
