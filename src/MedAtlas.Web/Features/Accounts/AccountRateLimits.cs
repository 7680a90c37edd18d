using System.Globalization;
using System.Threading.RateLimiting;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Limits on the account forms that an attacker would hammer: sign-in, sign-up, password reset and
/// "send the confirmation again", per client address and per form, on POST only (showing the form is free).
/// Over the limit: 429 with Retry-After and the friendly error page. Per-account lockout (five wrong passwords)
/// is Identity's and works on top of this.
/// </summary>
internal static class AccountRateLimits
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string Reset = "reset";
    public const string ConfirmResend = "confirm-resend";

    /// <summary>Defaults per window; each is a setting <c>Accounts:RateLimits:&lt;name&gt;</c> (docs/configuration.md).</summary>
    private static readonly (string Name, int Permits, TimeSpan Window)[] Defaults =
    [
        (SignIn, 10, TimeSpan.FromMinutes(5)),
        (Register, 5, TimeSpan.FromMinutes(15)),
        (Reset, 5, TimeSpan.FromMinutes(15)),
        (ConfirmResend, 5, TimeSpan.FromMinutes(15)),
    ];

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            foreach (var (name, permits, window) in Defaults)
            {
                var configured = configuration.GetValue<int?>($"Accounts:RateLimits:{name}") ?? permits;
                options.AddPostLimitPerClient(name, configured, window);
            }

            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                // No body: the status-code pages show the friendly 429 page with the wait in words.
                context.HttpContext.Items[Infrastructure.Web.RateLimitWait.Item] = retryAfter;
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

}
