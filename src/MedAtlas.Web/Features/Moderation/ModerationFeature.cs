namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// The moderation core every kind of user content shares (reviews now; community posts and answers later): reports,
/// the moderator's queue, hide/restore/remove, warnings and suspensions, appeals, the log and the trust rules.
/// A content type plugs in by registering an <see cref="IModeratedContent"/>.
/// </summary>
internal static class ModerationFeature
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ModerationSettings.From(builder.Configuration));
        builder.Services.AddScoped<ContentModeration>();
        return builder;
    }

    public static WebApplication MapModeration(this WebApplication app) => app;
}
