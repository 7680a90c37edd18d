using System.Net;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Infrastructure.Observability;

/// <summary>The probes, and what an install with no telemetry settings answers: no <c>/metrics</c>.</summary>
public sealed class HealthAndDefaultsTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_settings_there_is_no_metrics_page()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Readiness_names_a_missing_starter_data_set_while_liveness_stays_up_and_migrate_makes_it_ready()
    {
        using var client = app.CreateClient();
        await Eventually.WaitAsync(async () => (await client.GetAsync("/healthz/ready", Ct)).StatusCode, s => s == HttpStatusCode.OK, "the site to be ready");

        await app.WithDbAsync(db => db.StarterDataVersions.Where(v => v.Name == "site-pages").ExecuteDeleteAsync(Ct));
        var notReady = await client.GetAsync("/healthz/ready", Ct);
        var live = await client.GetAsync("/healthz/live", Ct);
        var database = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("starter data not loaded: site-pages", await notReady.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(notReady.Headers.CacheControl is { NoStore: true, Public: false }, notReady.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, database.StatusCode);

        var (exitCode, output) = await app.RunCommandAsync("migrate");
        Assert.True(exitCode == 0, output);
        var ready = await client.GetAsync("/healthz/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readiness_is_503_and_liveness_200_when_the_database_is_gone()
    {
        Assert.SkipWhen(TestDatabase.ProviderUnderTest != "postgres", "dropping the database out from under the app is a PostgreSQL test");
        await using var database = await TestDatabase.CreateAsync();
        await using var own = new MedAtlasApp(database.Share());
        await own.InitializeAsync();
        using var client = own.CreateClient();
        await Eventually.WaitAsync(async () => (await client.GetAsync("/healthz/ready", Ct)).StatusCode, s => s == HttpStatusCode.OK, "the site to be ready");

        await database.DisposeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Ct)).StatusCode);
    }
}
