using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Jobs;

public sealed class JobHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_single_node_job_never_runs_on_two_hosts_at_once()
    {
        var probe = new JobProbe();
        await using var database = await TestDatabase.CreateAsync();
        await using var first = StartWith(database, probe, "exclusive", singleNode: true);
        first.CreateClient().Dispose();
        await using var second = StartWith(database, probe, "exclusive", singleNode: true);
        second.CreateClient().Dispose();

        // Counted from the record each run writes after it ends, which both hosts share.
        var status = await Eventually.WaitAsync(() => StatusAsync(first, "exclusive"), s => s.Runs >= 8, "eight recorded runs of the job");

        Assert.Equal(1, probe.MostAtOnce);
        Assert.True(status.SingleNode);
    }

    [Fact]
    public async Task A_failing_job_records_its_error_and_a_later_success_clears_it()
    {
        // The run after the two failures waits until the failed state has been seen: with retries 50 ms apart, a poll
        // could otherwise miss it.
        var probe = new JobProbe { FailuresToCome = 2, AfterFailures = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var database = await TestDatabase.CreateAsync();
        await using var app = StartWith(database, probe, "flaky", singleNode: false);
        app.CreateClient().Dispose();

        var failing = await Eventually.WaitAsync(() => StatusAsync(app, "flaky"), s => s.ConsecutiveFailures == 2, "two failures in a row");
        probe.AfterFailures.SetResult();
        var recovered = await Eventually.WaitAsync(() => StatusAsync(app, "flaky"), s => s.Runs >= 3 && s.ConsecutiveFailures == 0, "a successful run");

        Assert.Equal("InvalidOperationException: the feed is down (mail j***@example.org)", failing.LastError);
        Assert.NotNull(failing.LastNode);
        Assert.Null(recovered.LastError);
        Assert.NotNull(recovered.LastStartedAt);
        Assert.True(recovered.LastFinishedAt >= recovered.LastStartedAt);
    }

    [Fact]
    public void Retries_back_off_by_doubling_up_to_the_cap()
    {
        var settings = JobSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:FirstRetrySeconds"] = "5",
            ["Jobs:MaxRetrySeconds"] = "60",
        }).Build());

        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(f => settings.RetryDelay(f).TotalSeconds));
    }

    [Fact]
    public async Task Every_registered_job_is_listed_before_its_first_run()
    {
        await using var app = new MedAtlasApp().WithSetting("Jobs:Enabled", "false")
            .WithServices(s => s.AddJob<ProbeJob>("never-ran", TimeSpan.FromHours(24), singleNode: true).AddSingleton(new JobProbe()));
        await app.InitializeAsync();
        app.CreateClient().Dispose();

        var statuses = await StatusesAsync(app);

        Assert.Contains("outbox", statuses.Select(s => s.Name));
        var never = Assert.Single(statuses, s => s.Name == "never-ran");
        Assert.Equal(TimeSpan.FromHours(24), never.Interval);
        Assert.Null(never.LastStartedAt);
        Assert.Equal(0, never.Runs);
    }

    [Fact]
    public async Task A_woken_job_runs_again_without_waiting_for_its_interval()
    {
        var probe = new JobProbe();
        await using var app = new MedAtlasApp()
            .WithServices(s => s.AddJob<ProbeJob>("daily", TimeSpan.FromDays(1), singleNode: true).AddSingleton(probe));
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        // A job that never ran runs at start; the next run would be a day later unless woken.
        await Eventually.WaitAsync(() => Task.FromResult(probe.Runs), runs => runs == 1, "the first run");

        app.Services.GetRequiredService<JobTriggers>().Wake("daily");

        await Eventually.WaitAsync(() => Task.FromResult(probe.Runs), runs => runs == 2, "the woken run");
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_running_job_and_releases_its_lease()
    {
        var probe = new JobProbe { Block = true };
        await using var database = await TestDatabase.CreateAsync();
        var app = StartWith(database, probe, "long", singleNode: true);
        app.CreateClient().Dispose();
        await Eventually.WaitAsync(() => Task.FromResult(probe.Started), started => started == 1, "the job to start");
        var held = await StatusAsync(app, "long");

        await app.DisposeAsync();

        Assert.Equal(1, probe.Cancelled);
        Assert.NotNull(held.LeaseHolder);
        await using var after = new MedAtlasApp(database.Share()).WithSetting("Jobs:Enabled", "false")
            .WithServices(s => s.AddJob<ProbeJob>("long", TimeSpan.FromMilliseconds(20), singleNode: true).AddSingleton(probe));
        await after.InitializeAsync();
        after.CreateClient().Dispose();
        Assert.Null((await StatusAsync(after, "long")).LeaseHolder);
    }

    [Fact]
    public async Task A_lease_is_taken_only_when_free_expired_or_already_held()
    {
        await using var app = new MedAtlasApp().WithSetting("Jobs:Enabled", "false");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStateStore>();
        await store.EnsureAsync("lease", Ct);

        Assert.True(await store.TryTakeLeaseAsync("lease", "a", TimeSpan.FromMinutes(5), Ct));
        Assert.False(await store.TryTakeLeaseAsync("lease", "b", TimeSpan.FromMinutes(5), Ct));
        Assert.True(await store.TryTakeLeaseAsync("lease", "a", TimeSpan.FromMinutes(5), Ct));
        await store.ReleaseLeaseAsync("lease", "b", Ct);
        Assert.False(await store.TryTakeLeaseAsync("lease", "b", TimeSpan.FromMinutes(5), Ct));
        // A lease that has already run out, as one left by a node that died.
        Assert.True(await store.TryTakeLeaseAsync("lease", "a", TimeSpan.FromSeconds(-1), Ct));
        Assert.True(await store.TryTakeLeaseAsync("lease", "b", TimeSpan.FromMinutes(5), Ct));
        await store.ReleaseLeaseAsync("lease", "b", Ct);
        Assert.True(await store.TryTakeLeaseAsync("lease", "a", TimeSpan.FromMinutes(5), Ct));
    }

    private static MedAtlasApp StartWith(TestDatabase database, JobProbe probe, string name, bool singleNode)
    {
        var app = new MedAtlasApp(database.Share())
            .WithSetting("Jobs:FirstRetrySeconds", "0.05").WithSetting("Jobs:MaxRetrySeconds", "0.1")
            .WithServices(s => s.AddJob<ProbeJob>(name, TimeSpan.FromMilliseconds(20), singleNode).AddSingleton(probe));
        app.InitializeAsync().AsTask().GetAwaiter().GetResult();
        return app;
    }

    private static async Task<IReadOnlyList<JobStatus>> StatusesAsync(MedAtlasApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobStatuses>().ListAsync(Ct);
    }

    private static async Task<JobStatus> StatusAsync(MedAtlasApp app, string name) =>
        (await StatusesAsync(app)).Single(s => s.Name == name);
}

/// <summary>What the probe job saw, shared by the hosts of one test.</summary>
internal sealed class JobProbe
{
    private int running;
    private int mostAtOnce;
    private int runs;
    private int started;
    private int cancelled;

    public int FailuresToCome { get; set; }

    public bool Block { get; init; }

    /// <summary>When set, the first run after the failures waits for it, so a test can see the failed state before it clears.</summary>
    public TaskCompletionSource? AfterFailures { get; init; }

    public int Runs => Volatile.Read(ref runs);

    public int Started => Volatile.Read(ref started);

    public int Cancelled => Volatile.Read(ref cancelled);

    public int MostAtOnce => Volatile.Read(ref mostAtOnce);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref started);
        var now = Interlocked.Increment(ref running);
        int seen;
        while ((seen = Volatile.Read(ref mostAtOnce)) < now && Interlocked.CompareExchange(ref mostAtOnce, now, seen) != seen)
        {
        }

        try
        {
            if (Block)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            // Long enough for the other host to try to start the job while this run holds the lease.
            await Task.Delay(50, cancellationToken);
            if (FailuresToCome > 0)
            {
                FailuresToCome--;
                throw new InvalidOperationException("the feed is down (mail jane@example.org)");
            }

            if (AfterFailures is { } gate)
                await gate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref cancelled);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref runs);
        }
    }
}

internal sealed class ProbeJob(JobProbe probe) : IJob
{
    public Task RunAsync(CancellationToken cancellationToken) => probe.RunAsync(cancellationToken);
}
