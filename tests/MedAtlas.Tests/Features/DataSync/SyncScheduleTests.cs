using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.DataSync;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.DataSync;

/// <summary>
/// The scheduled sync on two app instances sharing one database (PostgreSQL in test.sh's second suite): a due
/// source is downloaded and imported once, by one node, while both keep checking; "Sync now" on either wakes it again.
/// </summary>
public sealed class SyncScheduleTests
{
    private const string Icd10Path = "icd10cm/scheduled.csv";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<MedAtlasApp> NodeAsync(TestDatabase database, SyncStubServer server, string name)
    {
        var app = new MedAtlasApp(database.Share())
            .WithSetting("Jobs:NodeName", name)
            .WithSetting("MedAtlas:Sync:CheckMinutes", "0.01")
            .WithSetting("MedAtlas:Sync:Sources:drugsatfda:Url", "")
            .WithSetting("MedAtlas:Sync:Sources:dailymed:Url", "")
            .WithSetting("MedAtlas:Sync:Sources:openfda-enforcement:Url", "")
            .WithSetting("MedAtlas:Sync:Sources:icd10cm:Url", server.Url(Icd10Path))
            .WithSetting("MedAtlas:Sync:Sources:icd10cm:Schedule", "daily");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        return app;
    }

    [Fact]
    public async Task A_due_source_is_synced_by_one_of_two_nodes_once_and_Sync_now_runs_it_again()
    {
        await using var server = await SyncStubServer.StartAsync();
        server.Serve(Icd10Path, SyncCommandTests.Icd10Csv("U3", "scheduled"));
        await using var database = await TestDatabase.CreateAsync();
        await using var first = await NodeAsync(database, server, "node-a");
        await using var second = await NodeAsync(database, server, "node-b");

        var run = await Eventually.WaitAsync(
            () => first.WithDbAsync(db => db.Set<SyncRun>().AsNoTracking().FirstOrDefaultAsync(Ct)),
            r => r is not null, "the scheduled sync of icd10cm to be recorded");
        // Both nodes go on checking after the run (each takes the lease in turn and finds nothing due).
        var checkedBy = new HashSet<string>();
        await Eventually.WaitAsync(async () =>
        {
            var state = await first.WithDbAsync(db => db.Set<JobState>().AsNoTracking().SingleAsync(j => j.Name == SyncJob.JobName, Ct));
            if (state.LastNode is { } node && state.LastStartedAt > run!.FinishedAt)
                checkedBy.Add(node);
            return checkedBy.Count;
        }, n => n == 2, "both nodes to run the data-sync job after the sync");

        var runs = await first.WithDbAsync(db => db.Set<SyncRun>().AsNoTracking().ToListAsync(Ct));
        var sync = Assert.Single(runs);
        Assert.Equal((SyncOutcome.Imported, "schedule", 3000L), (sync.Outcome, sync.Trigger, sync.Added));
        Assert.True(sync.Node is "node-a" or "node-b", sync.Node);
        Assert.Single(server.RequestsFor(Icd10Path));
        using (var client = second.CreateClient())
            Assert.Contains("Sync test condition scheduled 5", await client.GetStringAsync("/api/v1/conditions/icd10/U3005", Ct), StringComparison.Ordinal);

        var admin = await second.CreateAccountAsync("sync-schedule-{n}@example.org", "Sid Schedule", roles: StaffRoles.Admin);
        using var adminClient = await second.SignInAsync(admin);
        var page = Html.Text(await adminClient.GetStringAsync("/admin/data", Ct));
        Assert.Contains("Imported, started", page, StringComparison.Ordinal);
        Assert.Contains("(schedule)", page, StringComparison.Ordinal);
        Assert.Contains("Schedule every 1 d", page, StringComparison.Ordinal);

        var asked = await adminClient.PostFormAsync("/admin/data", new() { ["source"] = "icd10cm" }, "/admin/data?handler=Sync");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var again = await Eventually.WaitAsync(
            () => first.WithDbAsync(db => db.Set<SyncRun>().AsNoTracking().Where(r => r.Trigger == "admin").ToListAsync(Ct)),
            r => r.Count > 0, "the Sync now run to be recorded");

        // The file has not changed: the job asked with If-None-Match and imported nothing.
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(again).Outcome);
        Assert.Equal(304, server.RequestsFor(Icd10Path)[^1].Status);
        Assert.Empty(await first.WithDbAsync(db => db.Set<SyncRequest>().ToListAsync(Ct)));
    }
}
