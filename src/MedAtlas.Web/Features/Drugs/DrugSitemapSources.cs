using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>The drug list and every drug's page, for the sitemap.</summary>
internal sealed class DrugSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "drugs";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => 1 + await db.Set<Drug>().CountAsync(cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        SitemapPages.ReadAsync([new SitemapEntry("/drugs")], skip, take, async (s, t) =>
        {
            var drugs = await db.Set<Drug>().AsNoTracking().OrderBy(d => d.Id).Skip(s).Take(t)
                .Select(d => new { d.Slug, d.UpdatedAt }).ToListAsync(cancellationToken);
            return drugs.ConvertAll(d => new SitemapEntry("/drugs/" + d.Slug, DateOnly.FromDateTime(d.UpdatedAt.UtcDateTime)));
        });
}

/// <summary>Every drug class's page, for the sitemap.</summary>
internal sealed class DrugClassSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "drug-classes";

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<DrugClass>().CountAsync(cancellationToken);

    public async Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var slugs = await db.Set<DrugClass>().AsNoTracking().OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => c.Slug).ToListAsync(cancellationToken);
        return slugs.ConvertAll(slug => new SitemapEntry("/drugs/class/" + slug));
    }
}
