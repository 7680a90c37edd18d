namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// A unit of background work. The job host resolves the class from a fresh DI scope for every run, so it
/// may take a DbContext and other scoped services in its constructor.
/// </summary>
internal interface IJob
{
    /// <summary>One run. Throwing records the failure and retries later with backoff; the token ends the run on shutdown or a lost lease.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A registered job: its name (the key of its <c>job_states</c> row), its class, how often it runs, and whether only one node may run it at a time.</summary>
internal sealed record JobDefinition(string Name, Type JobType, TimeSpan Interval, bool SingleNode);
