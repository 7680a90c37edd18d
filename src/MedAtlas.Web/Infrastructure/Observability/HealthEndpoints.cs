using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedAtlas.Web.Infrastructure.Observability;

/// <summary>
/// The probes. <c>/healthz/live</c>: the process answers (no dependency is asked, so a database outage never gets
/// the process restarted). <c>/healthz/ready</c>: send it traffic: the database answers, its schema has every
/// migration this version knows, every starter data set is loaded and the in-memory indexes are built.
/// <c>/healthz</c> is what it always was: the database answers.
/// </summary>
internal static class HealthEndpoints
{
    public const string DatabaseTag = "database";
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddMedAtlasReadiness(this IHealthChecksBuilder checks) =>
        checks.AddCheck<ReadinessCheck>("schema-and-starter-data", tags: [ReadyTag]);

    public static void MapMedAtlasHealth(this WebApplication app)
    {
        Map(app, "/healthz", c => c.Tags.Contains(DatabaseTag), detailed: false);
        Map(app, "/healthz/live", _ => false, detailed: false);
        Map(app, "/healthz/ready", c => c.Tags.Contains(DatabaseTag) || c.Tags.Contains(ReadyTag), detailed: true);
    }

    private static void Map(WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate, bool detailed)
    {
        var options = new HealthCheckOptions
        {
            Predicate = predicate,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
        if (detailed)
            options.ResponseWriter = WriteDetailsAsync;
        app.MapHealthChecks(path, options).DisableHttpMetrics();
    }

    /// <summary>The status, then one line per check that is not healthy, so an operator reading the probe sees why.</summary>
    private static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
            text.Append('\n').Append(name).Append(": ").Append(entry.Description ?? entry.Exception?.GetType().Name ?? entry.Status.ToString());
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text.ToString());
    }
}

/// <summary>The schema is current, every starter data set is loaded and the index warm-up has finished.</summary>
internal sealed class ReadinessCheck(MedAtlasDbContext db, IEnumerable<IStarterDataSet> sets, IndexWarmup warmup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied (run the migrate command): {string.Join(", ", pending)}");

            var loaded = await db.StarterDataVersions.AsNoTracking().Select(v => v.Name).ToListAsync(cancellationToken);
            var missing = sets.Select(s => s.Name).Except(loaded, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
                return HealthCheckResult.Unhealthy($"starter data not loaded: {string.Join(", ", missing)}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer");
        }

        return warmup.Finished
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the search indexes are still being built");
    }
}
