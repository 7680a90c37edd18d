using System.Diagnostics;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// Runs every registered job on its own loop: at its interval, or at once when woken. A single-node job
/// runs only while this node holds its lease in <c>job_states</c>; the lease is renewed during the run and
/// released at its end, so a node that dies blocks the job for one lease period at most.
/// </summary>
internal sealed class JobHost(
    IEnumerable<JobDefinition> jobs,
    IServiceScopeFactory scopes,
    JobTriggers triggers,
    JobSettings settings,
    TimeProvider time,
    ILogger<JobHost> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            logger.LogInformation("Background jobs are turned off (Jobs:Enabled=false)");
            return Task.CompletedTask;
        }

        return Task.WhenAll(jobs.DistinctBy(j => j.Name).Select(job => LoopAsync(job, stoppingToken)));
    }

    private async Task LoopAsync(JobDefinition job, CancellationToken stoppingToken)
    {
        // Leave the host's start-up path before touching the database.
        await Task.Yield();
        var failures = 0;
        var delay = TimeSpan.Zero;
        var prepared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await triggers.WaitAsync(job.Name, delay, time, stoppingToken);
                if (!prepared)
                {
                    delay = await FirstDelayAsync(job, stoppingToken);
                    prepared = true;
                    if (delay > TimeSpan.Zero)
                        continue;
                }

                var error = await RunOnceAsync(job, stoppingToken);
                failures = error is null ? 0 : failures + 1;
                delay = failures == 0 ? job.Interval : settings.RetryDelay(failures);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The job's own failures are caught in RunOnceAsync; this is the bookkeeping failing (the
                // database is down), which must not end the loop.
                failures++;
                delay = settings.RetryDelay(failures);
                logger.LogWarning("Job {Job}: could not reach its state ({Error}); next try in {Delay}", job.Name, Describe(e), delay);
            }
        }
    }

    /// <summary>A job that ran recently on any node waits out the rest of its interval, so a restart does not run every job at once.</summary>
    private async Task<TimeSpan> FirstDelayAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStateStore>();
        await store.EnsureAsync(job.Name, cancellationToken);
        var last = await store.LastStartedAsync(job.Name, cancellationToken);
        if (last is null)
            return TimeSpan.Zero;
        var due = DateTime.SpecifyKind(last.Value, DateTimeKind.Utc) + job.Interval - time.GetUtcNow().UtcDateTime;
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    /// <summary>Runs the job once (if the lease allows) and records the run. Returns the error text, or null on success or when skipped.</summary>
    private async Task<string?> RunOnceAsync(JobDefinition job, CancellationToken stoppingToken)
    {
        await using var stateScope = scopes.CreateAsyncScope();
        var store = stateScope.ServiceProvider.GetRequiredService<JobStateStore>();
        if (job.SingleNode && !await store.TryTakeLeaseAsync(job.Name, settings.Node, settings.Lease, stoppingToken))
            return null;

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewalStop = new CancellationTokenSource();
        var renewal = job.SingleNode ? RenewLeaseAsync(job, run, renewalStop.Token) : Task.CompletedTask;
        var started = time.GetUtcNow().UtcDateTime;
        var clock = Stopwatch.StartNew();
        string? error = null;
        var cancelled = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var instance = (IJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            await instance.RunAsync(run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception e)
        {
            error = Describe(e);
            logger.LogError("Job {Job} failed: {Error}{NewLine}{StackTrace}", job.Name, error, Environment.NewLine, e.StackTrace);
        }
        finally
        {
            await renewalStop.CancelAsync();
            await renewal;
        }

        // Neither shutdown nor a lost lease is the job's failure; the next run simply starts over.
        if (!cancelled)
        {
            var finished = started + clock.Elapsed;
            await store.RecordAsync(job.Name, settings.Node, started, finished, error, CancellationToken.None);
        }

        if (job.SingleNode)
            await store.ReleaseLeaseAsync(job.Name, settings.Node, CancellationToken.None);
        return error;
    }

    private async Task RenewLeaseAsync(JobDefinition job, CancellationTokenSource run, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(settings.Lease / 3, time, stop);
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<JobStateStore>();
                if (!await store.TryTakeLeaseAsync(job.Name, settings.Node, settings.Lease, stop))
                {
                    // Another node took the lease (ours expired, e.g. after a long pause): stop before both run.
                    logger.LogWarning("Job {Job} lost its lease; stopping this run", job.Name);
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Without a renewed lease another node may start the job once ours expires; stop this run.
            logger.LogWarning("Job {Job} could not renew its lease ({Error}); stopping this run", job.Name, Describe(e));
            await run.CancelAsync();
        }
    }

    /// <summary>The exception's type and message with any email address masked: it is stored and shown to Admins.</summary>
    internal static string Describe(Exception e) => AddressMask.Redact($"{e.GetType().Name}: {e.Message}");
}
