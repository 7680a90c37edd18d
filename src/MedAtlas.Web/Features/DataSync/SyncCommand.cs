using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// <c>sync [source...]</c>: downloads and imports the named sources (none named: every source that has an
/// address). It holds the <c>data-sync</c> job's lease while it runs, so it never imports beside the
/// scheduled sync of a site on the same database.
/// </summary>
internal static class SyncCommand
{
    public const string Usage = "sync [source...]          download the official public files and import them (no source: every one that has an address)";

    public static async Task<int> RunAsync(IServiceProvider services, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sync = services.GetRequiredService<SyncService>();
        var known = sync.Sources;
        var chosen = new List<SyncSource>();
        foreach (var name in arguments)
        {
            if (known.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } source)
            {
                await output.WriteLineAsync($"Unknown sync source '{name}'. Sources: {string.Join(", ", known.Select(s => s.Name))}.");
                return 2;
            }

            if (source.Urls.Count == 0)
            {
                await output.WriteLineAsync($"Sync source {source.Name} has no address: set MedAtlas:Sync:Sources:{source.Name}:Url (docs/import-guide.md, \"sync\").");
                return 2;
            }

            chosen.Add(source);
        }

        if (arguments.Length == 0)
        {
            foreach (var off in known.Where(s => s.Urls.Count == 0))
                await output.WriteLineAsync($"Skipping {off.Name}: no address is set (MedAtlas:Sync:Sources:{off.Name}:Url).");
            chosen.AddRange(known.Where(s => s.Urls.Count > 0));
        }

        await Infrastructure.Commands.AppCommands.PrepareDatabaseAsync(services, cancellationToken);
        var jobs = services.GetRequiredService<JobSettings>();
        await using var lease = await SyncLease.TakeAsync(services, jobs, cancellationToken);
        if (lease is null)
        {
            await output.WriteLineAsync("A sync is running on another node (the data-sync job holds its lease); try again when it has finished.");
            return 1;
        }

        var failed = false;
        foreach (var source in chosen)
        {
            var runs = await sync.RunAsync(source, "command", output, lease.Token);
            failed |= runs.Any(r => r.Outcome is not (SyncOutcome.Imported or SyncOutcome.Unchanged));
        }

        return failed ? 1 : 0;
    }

    /// <summary>The data-sync job's lease, renewed while the command runs and released at its end.</summary>
    private sealed class SyncLease : IAsyncDisposable
    {
        private readonly IServiceProvider services;
        private readonly JobSettings jobs;
        private readonly CancellationTokenSource run;
        private readonly CancellationTokenSource stop = new();
        private readonly Task renewal;

        private SyncLease(IServiceProvider services, JobSettings jobs, CancellationToken cancellationToken)
        {
            this.services = services;
            this.jobs = jobs;
            run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            renewal = RenewAsync();
        }

        public CancellationToken Token => run.Token;

        public static async Task<SyncLease?> TakeAsync(IServiceProvider services, JobSettings jobs, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<JobStateStore>();
            await store.EnsureAsync(SyncJob.JobName, cancellationToken);
            return await store.TryTakeLeaseAsync(SyncJob.JobName, jobs.Node, jobs.Lease, cancellationToken)
                ? new SyncLease(services, jobs, cancellationToken)
                : null;
        }

        private async Task RenewAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(jobs.Lease / 3, stop.Token);
                    await using var scope = services.CreateAsyncScope();
                    if (!await scope.ServiceProvider.GetRequiredService<JobStateStore>().TryTakeLeaseAsync(SyncJob.JobName, jobs.Node, jobs.Lease, stop.Token))
                    {
                        // Another node took it (ours lapsed): stop rather than import beside it.
                        await run.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewal;
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<JobStateStore>().ReleaseLeaseAsync(SyncJob.JobName, jobs.Node, CancellationToken.None);
            run.Dispose();
            stop.Dispose();
        }
    }
}
