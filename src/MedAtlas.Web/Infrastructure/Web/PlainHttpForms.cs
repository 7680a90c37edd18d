using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// A form page asked for over plain HTTP outside Development (no TLS terminator, or a proxy that did not forward the
/// scheme) cannot work: its anti-forgery cookie is Secure-only, so the browser would never send it back. The
/// framework says so by throwing, which was a 500 (issue 19). This is a 400 with a page saying to use https://, and
/// one warning in the log naming the setting; it is thrown wherever a token would be made or checked.
/// </summary>
internal sealed class HttpsRequiredException() : BadHttpRequestException(
    "This form works only over HTTPS: the anti-forgery cookie is Secure-only outside Development.", StatusCodes.Status400BadRequest);

/// <summary>
/// Wraps the framework's anti-forgery service: over plain HTTP with Secure-only cookies it throws
/// <see cref="HttpsRequiredException"/> (a 400) instead of the framework's InvalidOperationException (a 500).
/// </summary>
internal sealed partial class PlainHttpForms(IAntiforgery inner, IOptions<AntiforgeryOptions> options, ILogger<PlainHttpForms> logger) : IAntiforgery
{
    public static void Register(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("Register PlainHttpForms after the anti-forgery services (AddRazorPages).");
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(provider => new PlainHttpForms(
            original.ImplementationInstance as IAntiforgery
                ?? original.ImplementationFactory?.Invoke(provider) as IAntiforgery
                ?? (IAntiforgery)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!),
            provider.GetRequiredService<IOptions<AntiforgeryOptions>>(),
            provider.GetRequiredService<ILogger<PlainHttpForms>>()));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => inner.GetAndStoreTokens(Checked(httpContext));

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(Checked(httpContext));

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(Checked(httpContext));

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(Checked(httpContext));

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(Checked(httpContext));

    private HttpContext Checked(HttpContext context)
    {
        if (!context.Request.IsHttps && options.Value.Cookie.SecurePolicy == CookieSecurePolicy.Always)
        {
            LogPlainHttp(logger, context.Request.Path.Value ?? "");
            throw new HttpsRequiredException();
        }

        return context;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A form at {Path} was asked for over plain HTTP; its anti-forgery cookie is Secure-only, so it answered 400. Serve the site over HTTPS (behind a proxy, forward X-Forwarded-Proto and list the proxy in MedAtlas:TrustedProxies), or set MedAtlas:AllowPlainHttp=true for a site deliberately served over HTTP (docs/deployment.md).")]
    private static partial void LogPlainHttp(ILogger logger, string path);
}
