using System.Threading.Channels;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// Lets code ask for a job to run now rather than at its next tick (the outbox wakes its sender when a mail
/// is queued). Wakes while the job is running are remembered once, so the job runs again straight after.
/// </summary>
internal sealed class JobTriggers
{
    private readonly Dictionary<string, Channel<bool>> signals;

    public JobTriggers(IEnumerable<JobDefinition> jobs) =>
        signals = jobs.DistinctBy(j => j.Name).ToDictionary(
            j => j.Name,
            _ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }));

    /// <summary>Runs the named job on this node as soon as it is free. An unknown name is ignored, so a feature may wake a job that is turned off.</summary>
    public void Wake(string name)
    {
        if (signals.TryGetValue(name, out var signal))
            signal.Writer.TryWrite(true);
    }

    /// <summary>Returns after <paramref name="delay"/> or at the first wake, whichever comes first.</summary>
    internal async Task WaitAsync(string name, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        var reader = signals[name].Reader;
        if (reader.TryRead(out _) || delay <= TimeSpan.Zero)
            return;
        using var timeout = new CancellationTokenSource(delay, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await reader.WaitToReadAsync(either.Token);
            reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay passed: time for the scheduled run.
        }
    }
}
