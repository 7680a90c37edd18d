using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Pills;

/// <summary>
/// The pill identifier and every pill's page, for the sitemap. With the full DailyMed set there are over 100,000 pills:
/// the sitemap then cuts this source into files of 50,000 (paged by id here, one query per file).
/// </summary>
internal sealed class PillSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "pills";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => 1 + await db.Set<Pill>().CountAsync(cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        SitemapPages.ReadAsync([new SitemapEntry("/pill-identifier")], skip, take, async (s, t) =>
        {
            var ids = await db.Set<Pill>().AsNoTracking().OrderBy(p => p.Id).Skip(s).Take(t).Select(p => p.Id).ToListAsync(cancellationToken);
            return ids.ConvertAll(id => new SitemapEntry("/pills/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
}
