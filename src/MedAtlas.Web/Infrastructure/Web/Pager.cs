namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>Page links for a long list: previous, next and "page N of M".</summary>
internal sealed record Pager(int Page, int PageSize, int Total, Func<int, string> Link)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < Pages;
}
