namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// Responses that carry a person's data, or a form with an anti-forgery token, are never stored by a cache
/// (<c>Cache-Control: private, no-store</c>, decided by <see cref="CachingHeaders"/>) and never compressed. Not compressing is the BREACH defence chosen
/// here: an attacker who can reflect text into a compressed page next to a secret (an email, a token) could
/// learn the secret from the response sizes. Public catalogue pages hold no secret and stay compressed.
/// </summary>
internal static class PersonalResponses
{
    /// <summary>Paths whose pages hold forms or personal data even for a visitor who is not signed in.</summary>
    private static readonly string[] PersonalPrefixes =
        ["/account", "/admin", "/sign-in", "/sign-out", "/register", "/forgot-password", "/reset-password", "/confirm-email", "/check-email",
            "/alerts/subscribe", "/alerts/unsubscribe"];

    // A request with credentials other than the cookie (a personal access token) is signed in only later, at
    // authorization, so its header is what marks it here.
    public static bool IsPersonal(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ||
        context.Request.Headers.Authorization.Count > 0 ||
        PersonalPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Compression for everything that is not personal (see the class comment).</summary>
    public static IApplicationBuilder UseCompressionForPublicResponses(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsPersonal(context), branch => branch.UseResponseCompression());
}
