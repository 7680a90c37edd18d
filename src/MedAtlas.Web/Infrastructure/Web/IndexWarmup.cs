namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>Something that builds an in-memory index on first use, and can be asked to build it ahead of time.</summary>
internal interface IWarmable
{
    Task WarmAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Builds every index once the site has started, so the first visitor after a start or an import does not wait
/// for it (the interaction index over DDInter takes seconds to build; a request then takes milliseconds).
/// </summary>
internal sealed class IndexWarmup(IEnumerable<IWarmable> indexes, ILogger<IndexWarmup> logger) : BackgroundService
{
    private volatile bool finished;

    /// <summary>Every index was built once (or failed to, and the first request builds it): <c>/healthz/ready</c> waits for this.</summary>
    public bool Finished => finished;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var index in indexes)
        {
            try
            {
                await index.WarmAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed warm-up only means the first request builds the index itself.
                logger.LogWarning(e, "Warming {Index} failed", index.GetType().Name);
            }
        }

        finished = true;
    }
}
