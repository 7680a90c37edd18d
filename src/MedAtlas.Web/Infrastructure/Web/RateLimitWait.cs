namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>How long a rate limiter told a request to wait, left in <c>HttpContext.Items</c> for the friendly 429 page to say.</summary>
internal static class RateLimitWait
{
    public const string Item = "medatlas:retry-after";
}
