using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>
/// Unsubscribing (RFC 8058), the public double opt-in list and its mail job. Settings (docs/configuration.md):
/// <c>Alerts:PublicMail:IntervalMinutes</c>, <c>Alerts:RateLimits:subscribe</c>, <c>Alerts:RateLimits:unsubscribe</c>.
/// </summary>
internal static class SubscriptionsSetup
{
    /// <summary>POSTs of the subscribe form per client address in <see cref="SubscribeWindow"/>.</summary>
    public const string SubscribeLimit = "alerts-subscribe";

    /// <summary>POSTs of unsubscribe and confirm links per client address in <see cref="LinkWindow"/>: generous, a mail client's one-click may share an address with many others.</summary>
    public const string LinkLimit = "alerts-unsubscribe";

    private static readonly TimeSpan SubscribeWindow = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan LinkWindow = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAlertSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AlertUnsubscribe>();
        services.AddScoped<PublicSubscriptions>();
        services.AddScoped<PublicAlertMails>();
        services.AddJob<PublicAlertMail>(AlertJobs.PublicMail, JobSettings.Minutes(configuration, "Alerts:PublicMail:IntervalMinutes", 15), singleNode: true);

        var subscribe = configuration.GetValue<int?>("Alerts:RateLimits:subscribe") ?? 20;
        var links = configuration.GetValue<int?>("Alerts:RateLimits:unsubscribe") ?? 60;
        services.AddRateLimiter(options => options
            .AddPostLimitPerClient(SubscribeLimit, subscribe, SubscribeWindow)
            .AddPostLimitPerClient(LinkLimit, links, LinkWindow));
        return services;
    }
}
