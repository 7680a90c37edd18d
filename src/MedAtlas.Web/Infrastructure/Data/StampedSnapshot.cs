namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// One in-memory structure built from the database (a search index), rebuilt when any of the named data stamps
/// moves, so an import from another process shows up within the stamps' freshness. Readers take the current
/// value without waiting; one rebuild runs at a time, and others asking meanwhile wait for its result.
/// </summary>
internal sealed class StampedSnapshot<T>(
    DataStamps stamps, IReadOnlyList<string> stampNames, Func<CancellationToken, Task<T>> build, ILogger logger, string name) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim rebuild = new(1, 1);

    // A reference, swapped whole: a reader never sees one build's versions with another build's value.
    private volatile Built? current;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(cancellationToken);
        if (current is { } built && built.Versions == versions)
            return built.Value;

        await rebuild.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && again.Versions == versions)
                return again.Value;

            var started = TimeProvider.System.GetTimestamp();
            var value = await build(cancellationToken);
            current = new Built(versions, value);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            Observability.MedAtlasMetrics.RecordCacheRebuild(name, elapsed);
            logger.LogInformation("{Name} rebuilt in {Elapsed} ms", name, elapsed.TotalMilliseconds);
            return value;
        }
        finally
        {
            rebuild.Release();
        }
    }

    public void Dispose() => rebuild.Dispose();

    private async Task<string> VersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new long[stampNames.Count];
        for (var i = 0; i < versions.Length; i++)
            versions[i] = await stamps.CurrentAsync(stampNames[i], cancellationToken);
        return string.Join(',', versions);
    }

    private sealed record Built(string Versions, T Value);
}
