namespace MedAtlas.Tests.Infrastructure.Observability;

/// <summary>
/// The tests that read an app's exported metrics run alone, after the parallel ones. An OpenTelemetry meter provider
/// listens to every meter of its name in the process, so in a test process (unlike a node, which has one app) it also
/// takes in the ASP.NET Core meters of the other test apps, merged with its own app's into one metric. When one of
/// those apps is disposed, its instruments end and the provider drops the merged metric for good: the scrape then
/// had no <c>http_server_*</c> at all (seen on the PostgreSQL suite, 2026-12-04). Run alone, no other app comes or goes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricListeners
{
    public const string Name = "Metric listeners";
}
