using System.Text.RegularExpressions;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// A fingerprinted asset URL (<c>/css/site.f5ga49jwil.css</c>) names one exact content, so browsers may keep
/// it for a year. MapStaticAssets says so only in published builds; this says it for every build, so
/// <c>dotnet run</c> behaves like production.
/// </summary>
internal static partial class ImmutableAssets
{
    public static IApplicationBuilder UseImmutableFingerprintedAssets(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (Fingerprinted().IsMatch(context.Request.Path.Value ?? ""))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

    // The static web assets fingerprint: a dot, 10 lowercase letters or digits, then the extension.
    [GeneratedRegex(@"^/(css|js|img|lib)/.+\.[a-z0-9]{10}\.[a-z0-9]+$")]
    private static partial Regex Fingerprinted();
}
