namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>One public page for <c>/sitemap.xml</c>: a local path (<c>/drugs/metformin</c>) and when it last changed, if known.</summary>
internal sealed record SitemapEntry(string Path, DateOnly? LastModified = null);

/// <summary>
/// Each feature with public pages lists them for the sitemap (as <see cref="ISiteSearchSource"/> does for search). Only pages
/// anyone may read: nothing personal, nothing behind sign-in. Registered scoped (it may read the DbContext).
/// A source is read in pages, so that 100,000 pills become several sitemap files of at most 50,000 addresses each.
/// </summary>
internal interface ISitemapSource
{
    /// <summary>Stable, lower-case letters and hyphens: the file names of a sitemap index (<c>/sitemaps/pills-2.xml</c>).</summary>
    string Name { get; }

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Entries <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/>, in an order that stays put between requests.</summary>
    Task<IReadOnlyList<SitemapEntry>> ReadAsync(int skip, int take, CancellationToken cancellationToken);
}

/// <summary>For the common shape of a source: a few fixed pages (the section's own page) before one entry per row.</summary>
internal static class SitemapPages
{
    public static async Task<IReadOnlyList<SitemapEntry>> ReadAsync(
        IReadOnlyList<SitemapEntry> fixedPages, int skip, int take, Func<int, int, Task<List<SitemapEntry>>> rows)
    {
        var result = fixedPages.Skip(skip).Take(take).ToList();
        var rowSkip = Math.Max(0, skip - fixedPages.Count);
        var rowTake = take - result.Count;
        if (rowTake > 0)
            result.AddRange(await rows(rowSkip, rowTake));
        return result;
    }
}
