using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Net.Http.Headers;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// Marks a page (on its page model, or <c>@attribute [PublicCache]</c> in the .cshtml) or an endpoint
/// (<see cref="CachingHeaders.WithPublicCache{TBuilder}"/>) whose answer is the same for every visitor, so that
/// browsers and shared caches may keep it for <c>MedAtlas:Caching:PublicSeconds</c>. Only the query parameters named
/// here keep it public: any other one (a search term, a list of medicines, a pill's imprint) makes the answer
/// <c>private, no-store</c>, because the address itself then says something about the person asking.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PublicCacheAttribute(params string[] query) : Attribute
{
    /// <summary>The query parameters that only choose among public content (a page number, a letter, a sort order).</summary>
    public IReadOnlyList<string> Query { get; } = query;

    public bool Allows(IQueryCollection query) =>
        query.Keys.All(k => Query.Contains(k, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// <c>MedAtlas:Caching:PublicSeconds</c>: how long a public page or catalogue answer may be kept by browsers and shared
/// caches. <c>MedAtlas:Caching:ServerSeconds</c>: how long this node keeps a rendered public page in memory
/// (<see cref="PublicPageCache"/>); at most 3, so a change shows on every node within 5 s (issue 11).
/// </summary>
internal sealed record CachingSettings(int PublicSeconds, int ServerSeconds = CachingSettings.DefaultServerSeconds)
{
    public const int Default = 300;
    public const int DefaultServerSeconds = 2;
    public const int MaxServerSeconds = 3;

    public static CachingSettings From(IConfiguration configuration) => new(
        Seconds(configuration, "MedAtlas:Caching:PublicSeconds", Default, 86_400, "public pages not kept"),
        Seconds(configuration, "MedAtlas:Caching:ServerSeconds", DefaultServerSeconds, MaxServerSeconds, "no server-side page cache"));

    private static int Seconds(IConfiguration configuration, string key, int fallback, int max, string zeroMeans)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds > max)
            throw new MedAtlasConfigurationException($"{key} is '{value}'; it must be a whole number of seconds from 0 ({zeroMeans}) to {max}.");
        return seconds;
    }
}

/// <summary>
/// One place decides every response's <c>Cache-Control</c>, when the response starts, so no page or endpoint can
/// forget (issue 19). The default is <c>private, no-store</c>. A response is public only when all of these hold:
/// the request is a GET or HEAD from nobody signed in and with no credentials; the endpoint is marked
/// <see cref="PublicCacheAttribute"/> and its query has only the parameters the mark names; the status is 200; and the
/// response sets no cookie and carries no anti-forgery token (the anti-forgery system marks those <c>no-store</c>,
/// which is kept). Build-fingerprinted static assets are the one exception to "signed in means private": the same
/// bytes for everyone, kept a year as <c>immutable</c>, but only when they were found (a 200), never on a 404.
/// </summary>
internal static class CachingHeaders
{
    public const string Private = "private, no-store";
    public const string Immutable = "public, max-age=31536000, immutable";

    public static TBuilder WithPublicCache<TBuilder>(this TBuilder builder, params string[] query) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicCacheAttribute(query));

    /// <summary>Call after authentication, so whether the request is signed in is known.</summary>
    public static IApplicationBuilder UseCachingHeaders(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<CachingSettings>();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, settings);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, CachingSettings settings)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var setsCookie = headers.SetCookie.Count > 0;
        var endpoint = context.GetEndpoint();

        if (read && !setsCookie && response.StatusCode == StatusCodes.Status200OK && ImmutableAssets.IsFingerprinted(request.Path))
        {
            headers.CacheControl = Immutable;
            return;
        }

        // Static files that are not fingerprinted keep what MapStaticAssets says (no-cache with an ETag, so a 304).
        if (read && !setsCookie && response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified
            && endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
        {
            if (headers.CacheControl.Count == 0)
                headers.CacheControl = "no-cache";
            return;
        }

        if (read && !setsCookie && response.StatusCode == StatusCodes.Status200OK && settings.PublicSeconds > 0
            && !PersonalResponses.IsPersonal(context)
            && !SaysNoStore(headers)
            && endpoint?.Metadata.GetMetadata<PublicCacheAttribute>() is { } mark && mark.Allows(request.Query))
        {
            // An endpoint's own public lifetime (a pill photo's year) stands; otherwise the site's short one.
            if (headers.CacheControl.Count == 0)
                headers.CacheControl = $"public, max-age={settings.PublicSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            // Pages differ by the text-size cookie (and by sign-in, which is private anyway): see docs/configuration.md.
            if (!request.Path.StartsWithSegments("/api"))
                headers.Append(HeaderNames.Vary, "Cookie");
            return;
        }

        headers.CacheControl = Private;
        headers.Pragma = "no-cache";
        headers.Remove(HeaderNames.Expires);
    }

    private static bool SaysNoStore(IHeaderDictionary headers) =>
        headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true);
}
