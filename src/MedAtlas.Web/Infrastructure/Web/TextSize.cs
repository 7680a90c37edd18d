namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// The "A A A" control: three text sizes, remembered in a cookie for a year. Without JavaScript the control
/// is a GET form to <c>/preferences/text-size</c>, which sets the cookie and returns to the page; with
/// JavaScript, site.js applies the size at once and writes the same cookie. A GET is right here: the
/// preference is a display setting like a language switch, nothing a forged request could harm, and it
/// keeps pages free of anti-forgery tokens (and so cacheable).
/// </summary>
internal static class TextSize
{
    public const string CookieName = "medatlas-text-size";

    public static readonly IReadOnlyList<(string Value, string Label)> Sizes =
    [
        ("normal", "Normal text size"),
        ("large", "Large text size"),
        ("largest", "Largest text size"),
    ];

    public static string Current(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && IsKnown(value) ? value! : "normal";

    public static bool IsKnown(string? value) => Sizes.Any(s => s.Value == value);

    public static IEndpointRouteBuilder MapTextSize(this IEndpointRouteBuilder app)
    {
        app.MapGet("/preferences/text-size", (HttpContext context, string? size, string? returnUrl) =>
        {
            if (IsKnown(size))
            {
                context.Response.Cookies.Append(CookieName, size!, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                    // site.js writes the same cookie so the change is instant.
                    HttpOnly = false,
                    Path = "/",
                });
            }

            return Results.LocalRedirect(LocalUrls.IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
