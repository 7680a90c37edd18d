using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Tools;

/// <summary>The tools page and each tool (the visitor's versions; a profile's planner and saved settings are personal).</summary>
internal sealed class ToolSitemapSource : ISitemapSource
{
    private static readonly IReadOnlyList<SitemapEntry> Pages = [new("/tools"), .. ToolLinks.All.Select(t => new SitemapEntry(t.Path))];

    public string Name => "tools";

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Pages.Count);

    public Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SitemapEntry>>([.. Pages.Skip(skip).Take(take)]);
}
