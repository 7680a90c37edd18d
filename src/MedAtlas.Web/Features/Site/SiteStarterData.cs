using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Site;

/// <summary>
/// Loads <c>data/seed/site/*.md</c>. Each file starts with a small header of <c>key: value</c> lines
/// (title, summary, reviewed) ended by a line of three dashes, then the Markdown body.
/// </summary>
internal sealed class SiteStarterData(MarkdownRenderer markdown) : IStarterDataSet
{
    public string Name => "site-pages";

    public int Order => 0;

    public string Folder => "site";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        var existing = await db.Set<SitePage>().ToDictionaryAsync(p => p.Slug, cancellationToken);
        foreach (var file in folder.Files("*.md"))
        {
            var slug = Path.GetFileNameWithoutExtension(file);
            var (header, body) = SeedFile.Split(await File.ReadAllTextAsync(file, cancellationToken), file);
            if (!existing.TryGetValue(slug, out var page))
            {
                page = new SitePage { Slug = slug, Title = "", Summary = "", BodyHtml = "", Origin = ContentOrigin.Starter };
                db.Add(page);
            }
            else if (page.Origin != ContentOrigin.Starter)
            {
                // An editor changed this page on this site; the starter text must not undo that.
                continue;
            }

            page.Title = header.GetValueOrDefault("title") ?? throw new InvalidDataException($"{file}: no title.");
            page.Summary = header.GetValueOrDefault("summary") ?? "";
            page.LastReviewed = DateOnly.Parse(header.GetValueOrDefault("reviewed") ?? throw new InvalidDataException($"{file}: no reviewed date."), System.Globalization.CultureInfo.InvariantCulture);
            page.BodyHtml = markdown.ToSafeHtml(body);
        }
    }
}
