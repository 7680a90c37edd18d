using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// <c>Jobs:Enabled</c>, <c>Jobs:NodeName</c>, <c>Jobs:LeaseSeconds</c>, <c>Jobs:FirstRetrySeconds</c>,
/// <c>Jobs:MaxRetrySeconds</c> (docs/configuration.md).
/// </summary>
internal sealed record JobSettings(bool Enabled, string Node, TimeSpan Lease, TimeSpan FirstRetry, TimeSpan MaxRetry)
{
    public static JobSettings From(IConfiguration configuration)
    {
        // Two processes on one machine (or two test hosts in one process) must not share a name, or each
        // would think the other's lease and claims were its own.
        var node = configuration["Jobs:NodeName"] is { Length: > 0 } name
            ? name
            : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        if (node.Length > 100)
            node = node[^100..];

        return new JobSettings(
            configuration.GetValue<bool?>("Jobs:Enabled") ?? true,
            node,
            Seconds(configuration, "Jobs:LeaseSeconds", 60),
            Seconds(configuration, "Jobs:FirstRetrySeconds", 5),
            Seconds(configuration, "Jobs:MaxRetrySeconds", 600));
    }

    /// <summary>How long after the <paramref name="failures"/>-th failure in a row the job runs again: doubling from the first retry, capped.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        // Independent of the job's interval: a daily job that fails is worth retrying in minutes, and a
        // two-second job that fails should not hammer a database that is down.
        var delay = FirstRetry * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return delay > MaxRetry ? MaxRetry : delay;
    }

    /// <summary>A positive number of minutes under <paramref name="key"/> (a job's interval), else <paramref name="fallback"/>.</summary>
    internal static TimeSpan Minutes(IConfiguration configuration, string key, double fallback)
    {
        var minutes = configuration.GetValue<double?>(key) ?? fallback;
        if (minutes <= 0)
            throw new MedAtlasConfigurationException($"{key} is {minutes}; it must be a positive number of minutes.");
        return TimeSpan.FromMinutes(minutes);
    }

    internal static TimeSpan Seconds(IConfiguration configuration, string key, double fallback)
    {
        var seconds = configuration.GetValue<double?>(key) ?? fallback;
        if (seconds <= 0)
            throw new MedAtlasConfigurationException($"{key} is {seconds}; it must be a positive number of seconds.");
        return TimeSpan.FromSeconds(seconds);
    }
}
