namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>Headers every response carries. Nothing loads from another origin, and no script runs inline.</summary>
internal static class SecurityHeaders
{
    // 'self' only: every asset is served by the app (PRODUCT.md: no third-party requests).
    // img-src allows data: for the small SVG/PNG data URIs the pill pictures may use.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; upgrade-insecure-requests";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // An endpoint that serves a document of its own (a starter SVG) sets a stricter policy for it, kept here.
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = context.Request.IsHttps
                        ? ContentSecurityPolicy
                        : ContentSecurityPolicy.Replace("; upgrade-insecure-requests", "", StringComparison.Ordinal);
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
