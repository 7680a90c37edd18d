using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Conditions;

/// <summary>The condition list and every condition's page, for the sitemap.</summary>
internal sealed class ConditionSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "conditions";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => 1 + await db.Set<Condition>().CountAsync(cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        SitemapPages.ReadAsync([new SitemapEntry("/conditions")], skip, take, async (s, t) =>
        {
            var conditions = await db.Set<Condition>().AsNoTracking().OrderBy(c => c.Id).Skip(s).Take(t)
                .Select(c => new { c.Slug, c.UpdatedAt }).ToListAsync(cancellationToken);
            return conditions.ConvertAll(c => new SitemapEntry("/conditions/" + c.Slug, DateOnly.FromDateTime(c.UpdatedAt.UtcDateTime)));
        });
}
