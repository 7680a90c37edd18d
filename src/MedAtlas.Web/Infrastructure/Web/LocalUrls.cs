namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>Where a "return to" parameter may send a person: only a path on this site.</summary>
internal static class LocalUrls
{
    /// <summary>
    /// "/drugs?x" yes; "//evil.example" and "/\evil" no (open redirect); control characters no, since
    /// <c>LocalRedirect</c> refuses them later and the request would fail instead of falling back.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2000 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
