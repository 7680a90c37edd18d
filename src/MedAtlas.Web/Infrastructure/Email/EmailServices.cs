using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Infrastructure.Email;

internal static class EmailServices
{
    /// <summary>The outbox, its sender and retention jobs, the transport the settings choose, and the failed-mail service for Admins.</summary>
    public static WebApplicationBuilder AddMedAtlasEmail(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        var settings = EmailSettings.Read(builder.Configuration, database);
        builder.Services.AddSingleton(settings);
        if (settings.SmtpHost is not null)
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        else
            builder.Services.AddSingleton<IMailTransport, PickupFolderTransport>();

        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<ListUnsubscribe>();
        builder.Services.AddScoped<OutboxStore>();
        builder.Services.AddScoped<FailedMails>();
        // Not single-node: every node sends, because each row is claimed by one of them.
        builder.Services.AddJob<OutboxSender>(OutboxSender.JobName, settings.PollInterval, singleNode: false);
        builder.Services.AddJob<OutboxRetention>(OutboxRetention.JobName, TimeSpan.FromHours(1), singleNode: true);
        return builder;
    }
}
