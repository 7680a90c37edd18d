using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// The one shape of the site's form rate limits: a fixed window per client address, on POST only (showing a form
/// is free). Rejections are answered by the limiter's shared <c>OnRejected</c> (429, Retry-After, the friendly page).
/// </summary>
internal static class PostRateLimits
{
    public static RateLimiterOptions AddPostLimitPerClient(this RateLimiterOptions options, string policy, int permits, TimeSpan window) =>
        options.AddPolicy(policy, context =>
            HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    /// <summary>
    /// The same, partitioned by the signed-in account (writing and reporting: one person, however many addresses),
    /// falling back to the client address for a visitor.
    /// </summary>
    public static RateLimiterOptions AddPostLimitPerAccount(this RateLimiterOptions options, string policy, int permits, TimeSpan window) =>
        options.AddPolicy(policy, context =>
            HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } account
                        ? "account:" + account
                        : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}
