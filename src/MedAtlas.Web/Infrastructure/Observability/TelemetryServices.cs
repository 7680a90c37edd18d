using MedAtlas.Web.Infrastructure.Data;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MedAtlas.Web.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HttpClient, EF Core) and metrics (ASP.NET Core's <c>http.server.*</c>,
/// HttpClient, the .NET runtime, Npgsql's pool, and <see cref="MedAtlasMetrics"/>), exported over OTLP when an
/// endpoint is configured and scraped at <c>/metrics</c> when that is enabled. With neither, nothing is registered:
/// no listener, no exporter, no endpoint.
/// </summary>
internal static class TelemetryServices
{
    public static WebApplicationBuilder AddMedAtlasTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (!settings.Exports)
            return builder;

        var postgres = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath).Provider == DatabaseProvider.Postgres;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing =>
            {
                if (settings.OtlpEndpoint is null && !settings.StandardOtlp)
                    return;
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path, settings))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                AddOtlp(tracing, settings, "v1/traces");
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(MedAtlasMetrics.MeterName)
                    .AddInstrumentation(services => new OutboxPendingGauge(services.GetRequiredService<IServiceScopeFactory>()));
                if (postgres)
                    metrics.AddNpgsqlInstrumentation();
                if (settings.MetricsEnabled)
                {
                    // Each scrape gets what is current: the exporter's own response cache is off.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (settings.OtlpEndpoint is not null || settings.StandardOtlp)
                    AddOtlp(metrics, settings, "v1/metrics");
            });
        return builder;
    }

    /// <summary>
    /// Answers 404 to a scrape from an address outside <c>MedAtlas:Telemetry:Metrics:AllowedNetworks</c>, as if there
    /// were no such page. Runs after the forwarded headers, so behind a trusted proxy the client's address counts,
    /// not the proxy's.
    /// </summary>
    public static IApplicationBuilder UseMetricsAccess(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (!settings.MetricsEnabled)
            return app;

        return app.Use((context, next) =>
        {
            if (!context.Request.Path.Equals(settings.MetricsPath, StringComparison.OrdinalIgnoreCase))
                return next(context);
            if (!settings.MayScrape(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    public static void MapMedAtlasMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (settings.MetricsEnabled)
            app.MapPrometheusScrapingEndpoint(settings.MetricsPath).DisableHttpMetrics().AllowAnonymous();
    }

    private static bool IsProbe(PathString path, TelemetrySettings settings) =>
        path.StartsWithSegments("/healthz") || path.Equals(settings.MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static void AddOtlp(TracerProviderBuilder tracing, TelemetrySettings settings, string signal)
    {
        if (settings.OtlpEndpoint is { } endpoint)
            tracing.AddOtlpExporter(o => Point(o, endpoint, signal));
        else
            tracing.AddOtlpExporter();
    }

    private static void AddOtlp(MeterProviderBuilder metrics, TelemetrySettings settings, string signal)
    {
        if (settings.OtlpEndpoint is { } endpoint)
            metrics.AddOtlpExporter(o => Point(o, endpoint, signal));
        else
            metrics.AddOtlpExporter();
    }

    // Set in code, the exporter uses the address as given: the signal's path is added here, as the
    // OTEL_EXPORTER_OTLP_ENDPOINT convention does.
    private static void Point(OtlpExporterOptions options, Uri endpoint, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(endpoint, signal);
    }
}
