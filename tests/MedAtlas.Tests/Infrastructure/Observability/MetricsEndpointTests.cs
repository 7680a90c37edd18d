using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Observability;

/// <summary>
/// <c>/metrics</c> switched on, open to 127.0.0.1 and 10.9.8.0/24. The in-memory server has no client address (a
/// local connection, as a Unix socket is); a request's <c>X-Test-Client-Address</c> gives it one, as if it had come
/// over the network from there.
/// </summary>
[Collection(MetricListeners.Name)]
public sealed class MetricsEndpointTests(MetricsEndpointTests.ScrapedApp app) : IClassFixture<MetricsEndpointTests.ScrapedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class ScrapedApp : MedAtlasApp
    {
        public ScrapedApp()
        {
            WithSetting("MedAtlas:Telemetry:Metrics:Enabled", "true");
            WithSetting("MedAtlas:Telemetry:Metrics:AllowedNetworks:0", "127.0.0.1");
            WithSetting("MedAtlas:Telemetry:Metrics:AllowedNetworks:1", "10.9.8.0/24");
            // Nothing listens on the discard port: a sync of this source fails at once.
            WithSetting("MedAtlas:Sync:Sources:drugsatfda:Url", "http://127.0.0.1:9/drugsatfda.zip");
            WithServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }
    }

    [Fact]
    public async Task A_scrape_from_an_allowed_address_shows_request_and_import_metrics_uncached()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/drugs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));
        Assert.True(exitCode == 0, output);

        // ASP.NET Core records a request's duration as the request ends, which can be just after the client has the
        // response, and the pending-mail gauge is read at collection time (a sample is missing when its query fails):
        // the scrape is repeated until both show, as Prometheus's next scrape would.
        var (response, body) = await Eventually.WaitAsync(
            async () =>
            {
                var scrape = await client.GetAsync("/metrics", Ct);
                return (scrape, await scrape.Content.ReadAsStringAsync(Ct));
            },
            s => s.Item2.Contains("http_route=\"drugs\"", StringComparison.Ordinal) && s.Item2.Contains("medatlas_outbox_pending", StringComparison.Ordinal),
            "the request to /drugs and the pending-mail gauge in the scrape");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentType?.MediaType is "text/plain" or "application/openmetrics-text", $"{response.Content.Headers.ContentType}");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("http_server_request_duration_seconds_bucket{", body, StringComparison.Ordinal);
        Assert.Matches("medatlas_import_records_total\\{[^}]*medatlas_import_outcome=\"added\"[^}]*medatlas_import_source=\"icd10cm\"[^}]*\\} [1-9]", body);
        Assert.Contains("medatlas_import_duration_seconds_count{", body, StringComparison.Ordinal);
        Assert.Contains("medatlas_outbox_pending", body, StringComparison.Ordinal);
        // The probes and the scrape itself are not counted as site traffic.
        Assert.DoesNotContain("http_route=\"metrics\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("http_route=\"healthz", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sync_run_is_counted_with_its_source_and_outcome()
    {
        // The download fails (nothing listens on the discard port), and the run is still counted.
        var (exitCode, output) = await app.RunCommandAsync("sync", "drugsatfda");
        Assert.True(exitCode == 1, output);

        using var client = app.CreateClient();
        var body = await client.GetStringAsync("/metrics", Ct);
        Assert.Matches("medatlas_sync_runs_total\\{[^}]*medatlas_sync_outcome=\"download_failed\"[^}]*medatlas_sync_source=\"drugsatfda\"[^}]*\\} [1-9]", body);
        Assert.Contains("medatlas_sync_duration_seconds_count{", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_from_outside_the_allowed_networks_gets_404_as_if_there_were_no_such_page()
    {
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(client, "10.9.8.7")).StatusCode);
        var refused = await ScrapeAsync(client, "10.9.9.1");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Page not found", Html.Text(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(client, "2001:db8::5")).StatusCode);
    }

    [Fact]
    public async Task A_scrape_forwarded_by_the_local_proxy_counts_the_client_address_not_the_proxys()
    {
        using var client = app.CreateClient();

        var forwarded = await ScrapeAsync(client, "127.0.0.1", forwardedFor: "203.0.113.9");
        var direct = await ScrapeAsync(client, "127.0.0.1");

        Assert.Equal(HttpStatusCode.NotFound, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string from, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(ClientAddressFromHeader.Header, from);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request, Ct);
    }
}
