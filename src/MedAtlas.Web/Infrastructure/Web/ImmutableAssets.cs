using System.Text.RegularExpressions;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// A fingerprinted asset URL (<c>/css/site.f5ga49jwil.css</c>) names one exact content, so browsers may keep
/// it for a year. MapStaticAssets says so only in published builds; <see cref="CachingHeaders"/> says it for every
/// build, so <c>dotnet run</c> behaves like production, and only on a 200: a missing file's 404 is never immutable.
/// </summary>
internal static partial class ImmutableAssets
{
    public static bool IsFingerprinted(PathString path) => Fingerprinted().IsMatch(path.Value ?? "");

    // The static web assets fingerprint: a dot, 10 lowercase letters or digits, then the extension.
    [GeneratedRegex(@"^/(css|js|img|lib)/.+\.[a-z0-9]{10}\.[a-z0-9]+$")]
    private static partial Regex Fingerprinted();
}
