namespace MedAtlas.Web.Features.Alerts.Sources;

/// <summary>The one named <see cref="HttpClient"/> the fetching jobs use (openFDA, the RSS feeds).</summary>
internal static class AlertSourcesHttp
{
    public const string ClientName = "alert-sources";

    public static IServiceCollection AddAlertSourcesHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client =>
            {
                // Each request has its own timeout (SourceClient); this one would also cut the retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("MedAtlas-alerts/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
            })
            // The default logging writes every URL, and openFDA's carries the API key.
            .RemoveAllLoggers();
        services.AddSingleton<SourceRuns>();
        return services;
    }
}
