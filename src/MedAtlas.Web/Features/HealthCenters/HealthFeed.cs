using MedAtlas.Web.Infrastructure.Web;
using System.Globalization;
using System.Xml;
using MedAtlas.Web.Features.Accounts;

namespace MedAtlas.Web.Features.HealthCenters;

/// <summary><c>/health/{center}/feed.atom</c>: a center's published articles and slideshows as an Atom 1.0 feed (RFC 4287).</summary>
internal static class HealthFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointConventionBuilder MapHealthFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/health/{center}/feed.atom", async (string center, HealthContent content, PublicLinks links, HttpContext context, CancellationToken cancellationToken) =>
        {
            var feed = await content.FeedAsync(center, cancellationToken);
            if (feed is null)
                return Results.NotFound();

            using var buffer = new MemoryStream();
            await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
            {
                await xml.WriteStartDocumentAsync();
                xml.WriteStartElement("feed", Atom);
                xml.WriteElementString("title", Atom, $"{feed.Name} | MedAtlas Health Centers");
                xml.WriteElementString("subtitle", Atom, feed.Summary);
                xml.WriteElementString("id", Atom, links.To(context.Request, $"/health/{feed.Slug}"));
                xml.WriteElementString("updated", Atom, Date(feed.Updated));
                Link(xml, "self", links.To(context.Request, $"/health/{feed.Slug}/feed.atom"), "application/atom+xml");
                Link(xml, "alternate", links.To(context.Request, $"/health/{feed.Slug}"), "text/html");
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, "The MedAtlas editorial team");
                xml.WriteEndElement();
                foreach (var entry in feed.Entries)
                {
                    var url = links.To(context.Request, entry.Card.Path);
                    xml.WriteStartElement("entry", Atom);
                    xml.WriteElementString("title", Atom, entry.Card.Title);
                    xml.WriteElementString("id", Atom, url);
                    xml.WriteElementString("updated", Atom, Date(entry.Updated));
                    xml.WriteElementString("published", Atom, Date(entry.Card.PublishedAt));
                    Link(xml, "alternate", url, "text/html");
                    xml.WriteElementString("summary", Atom, entry.Card.Summary);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                await xml.WriteEndDocumentAsync();
            }

            return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
        })
        .WithName("HealthCenterFeed")
        .ExcludeFromDescription()
        .AllowAnonymous()
        .WithPublicCache();

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
