using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>The alerts list and every recall's page, for the sitemap (the subscription pages are forms, not content).</summary>
internal sealed class RecallSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "recalls";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => 1 + await db.Set<Recall>().CountAsync(cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        SitemapPages.ReadAsync([new SitemapEntry("/alerts")], skip, take, async (s, t) =>
        {
            var recalls = await db.Set<Recall>().AsNoTracking().OrderBy(r => r.Id).Skip(s).Take(t)
                .Select(r => new { r.RecallNumber, r.UpdatedAt }).ToListAsync(cancellationToken);
            return recalls.ConvertAll(r => new SitemapEntry(AlertCatalog.RecallPath(r.RecallNumber), DateOnly.FromDateTime(r.UpdatedAt)));
        });
}

/// <summary>Every FDA safety notice's page, for the sitemap.</summary>
internal sealed class NoticeSitemapSource(MedAtlasDbContext db) : ISitemapSource
{
    public string Name => "notices";

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<SafetyNotice>().CountAsync(cancellationToken);

    public async Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var notices = await db.Set<SafetyNotice>().AsNoTracking().OrderBy(n => n.Id).Skip(skip).Take(take)
            .Select(n => new { n.Id, n.UpdatedAt }).ToListAsync(cancellationToken);
        return notices.ConvertAll(n => new SitemapEntry(AlertCatalog.NoticePath(n.Id), DateOnly.FromDateTime(n.UpdatedAt)));
    }
}
