namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Absolute links for mail (confirm, reset, one-time sign-in). With <c>MedAtlas:PublicUrl</c> set they always
/// point there, so a forged Host header can never send a reset link to another site; without it (a first run,
/// a developer's machine) they follow the request.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration)
{
    private readonly Uri? configured = configuration["MedAtlas:PublicUrl"] is { Length: > 0 } url
        ? new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute)
        : null;

    public Uri? Configured => configured;

    public string To(HttpRequest? request, string pathAndQuery)
    {
        var root = configured ?? (request is not null
            ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/")
            : new Uri("http://localhost:5000/"));
        return new Uri(root, pathAndQuery.TrimStart('/')).ToString();
    }
}
