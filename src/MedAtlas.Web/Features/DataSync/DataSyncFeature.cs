using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// Keeps the public data current: <c>sync [source...]</c> and the scheduled <c>data-sync</c> job download the
/// official files (conditional, resumable, capped, checked) and run the importers other features register,
/// picked by their <c>Source</c> name; <c>/admin/data</c> shows each source's last run and "Sync now".
/// Depends only on Infrastructure.
/// </summary>
internal static class DataSyncFeature
{
    public static WebApplicationBuilder AddDataSync(this WebApplicationBuilder builder)
    {
        var settings = SyncSettings.From(builder.Configuration, DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath));
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient(Downloader.ClientName, client =>
            {
                // Only until the headers arrive (ResponseHeadersRead); a large body then takes as long as it takes.
                client.Timeout = settings.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("MedAtlas-sync/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Bytes as served: a Range continues the stored file, which a decompressed body would not.
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
            });
        builder.Services.AddSingleton<Downloader>();
        builder.Services.AddSingleton<FileChecks>();
        builder.Services.AddSingleton<SyncService>();
        builder.Services.AddScoped<SyncRequests>();
        builder.Services.AddScoped<SyncStatuses>();
        builder.Services.AddJob<SyncJob>(SyncJob.JobName, settings.CheckEvery, singleNode: true);
        return builder;
    }

    public static WebApplication MapDataSync(this WebApplication app) => app;
}
