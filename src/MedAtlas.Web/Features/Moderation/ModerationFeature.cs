using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Accounts.Pages.Settings;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// The moderation core every kind of user content shares (reviews now; community posts and answers later): reports,
/// the moderator's queue, hide/restore/remove, warnings and suspensions, appeals, the log and the trust rules.
/// A content type plugs in by registering an <see cref="IModeratedContent"/>.
/// </summary>
internal static class ModerationFeature
{
    /// <summary>The rate limit on report POSTs, per account (<c>Moderation:RateLimits:report</c> per hour).</summary>
    public const string ReportLimit = "moderation-report";

    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ModerationSettings.From(builder.Configuration));
        builder.Services.AddScoped<ContentModeration>();

        // The core (issue 12 part 3): reporting, the queue and its actions, the author's page and appeal, personal data.
        var services = builder.Services;
        services.AddScoped<ModeratedContentTypes>();
        services.AddScoped<ContentReports>();
        services.AddScoped<ModerationQueues>();
        services.AddScoped<ModerationDecisions>();
        services.AddScoped<ModerationMails>();
        services.AddScoped<AuthorModeration>();
        services.AddScoped<IPersonalDataSource, ModerationPersonalData>();
        services.AddSingleton<IAccountSection, ModerationAccountSection>();
        var reports = builder.Configuration.GetValue<int?>("Moderation:RateLimits:report") ?? 20;
        if (reports < 1)
            throw new Infrastructure.Data.MedAtlasConfigurationException($"Moderation:RateLimits:report is {reports}; it must be at least 1.");
        services.AddRateLimiter(options => options.AddPostLimitPerAccount(ReportLimit, reports, TimeSpan.FromHours(1)));
        return builder;
    }

    public static WebApplication MapModeration(this WebApplication app) => app;
}

internal sealed class ModerationAccountSection : IAccountSection
{
    public int Order => 40;

    public string Title => "Your posts and reviews under moderation";

    public string Summary => "Anything you wrote that is waiting for a moderator, hidden or removed, with the reason, and your appeals.";

    public string Path => AuthorModeration.PagePath;
}
