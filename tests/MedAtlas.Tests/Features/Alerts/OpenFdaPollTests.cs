using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Poll;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// The <c>openfda-poll</c> job against a stub openFDA API over real HTTP (tests/fixtures/openfda-api): what it
/// stores, what it leaves alone, and what it does when the API misbehaves. Each test has its own app and stub,
/// because the poller's watermark and the stub's records are the state under test.
/// </summary>
public sealed class OpenFdaPollTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An app polling <paramref name="stub"/>, with retries fast enough for a test; the job host is off, so runs happen when the test says.</summary>
    private static async Task<MedAtlasApp> AppAsync(PollFeedStubServer stub, params (string Key, string Value)[] settings)
    {
        var app = new MedAtlasApp()
            .WithSetting("Jobs:Enabled", "false")
            .WithSetting("Alerts:OpenFda:BaseUrl", stub.BaseUrl.ToString())
            .WithSetting("Alerts:OpenFda:TimeoutSeconds", "10")
            .WithSetting("Alerts:OpenFda:FirstRetrySeconds", "0.05")
            .WithSetting("Alerts:OpenFda:Attempts", "3")
            .WithSetting("Alerts:OpenFda:MaxWaitSeconds", "2")
            .WithSetting("Alerts:OpenFda:RequestsPerMinute", "60000")
            .WithSetting("Alerts:OpenFda:FullCheckDays", "0");
        foreach (var (key, value) in settings)
            app.WithSetting(key, value);
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        return app;
    }

    /// <summary>One run of the job, as the job host makes it (a fresh scope); the error it reports, if any.</summary>
    private static async Task<string?> PollAsync(MedAtlasApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<OpenFdaPoller>().RunAsync(Ct);
            return null;
        }
        catch (Exception e) when (e.GetType().Name == "SourceUnavailableException")
        {
            return e.Message;
        }
    }

    private static Task<List<AlertSourceRun>> RunsAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<AlertSourceRun>().AsNoTracking().Where(r => r.Source == OpenFdaPoller.SourceName).OrderBy(r => r.Id).ToListAsync(Ct));

    private static Task<List<Recall>> RecallsAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<Recall>().AsNoTracking().Include(r => r.Matches).Include(r => r.StatusChanges).Include(r => r.Lots)
            .AsSplitQuery().OrderBy(r => r.RecallNumber).ToListAsync(Ct));

    private static Task<string?> WatermarkAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<AlertSource>().Where(s => s.Name == OpenFdaPoller.SourceName).Select(s => s.Watermark).SingleOrDefaultAsync(Ct));

    [Fact]
    public async Task New_records_are_stored_and_matched_and_polling_again_changes_nothing()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        await using var app = await AppAsync(stub);

        Assert.Null(await PollAsync(app));
        var recalls = await RecallsAsync(app);
        Assert.Equal(["D-0301-2024", "D-0302-2024", "D-0303-2024"], recalls.Select(r => r.RecallNumber));
        var valsartan = recalls[0];
        Assert.Equal(("valsartan", RecallMatchKind.Name, RecallMatch.Low), (valsartan.Matches.Single().DrugSlug, valsartan.Matches.Single().How, valsartan.Matches.Single().Confidence));
        Assert.Equal(["VX2401"], valsartan.Lots.Select(l => l.Lot));
        Assert.Equal("metformin", recalls[1].Matches.Single().DrugSlug);
        Assert.Empty(recalls[2].Matches);
        Assert.Equal("20240320", await WatermarkAsync(app));
        var first = await RunsAsync(app);
        Assert.Equal(
            ["incremental Succeeded +3 ~0 =0", "full re-check Succeeded +0 ~0 =2"],
            first.Select(r => $"{r.Mode} {r.Outcome} +{r.Added} ~{r.Updated} ={r.Unchanged}"));
        // A site with no recalls yet starts at the beginning of openFDA's data.
        Assert.StartsWith("/drug/enforcement.json?search=report_date:[20040101+TO+99991231]&sort=report_date:asc&limit=100&skip=0", Uri.UnescapeDataString(stub.Requests[0]), StringComparison.Ordinal);

        Assert.Null(await PollAsync(app));
        Assert.Contains(stub.Requests.Skip(2), r => Uri.UnescapeDataString(r).Contains("search=report_date:[20240320+TO+99991231]", StringComparison.Ordinal));

        var again = await RecallsAsync(app);
        Assert.Equal(3, again.Count);
        Assert.All(again, r => Assert.Empty(r.StatusChanges));
        Assert.Equal(recalls.Select(r => r.UpdatedAt), again.Select(r => r.UpdatedAt));
        var second = (await RunsAsync(app)).Skip(2).ToList();
        // Only the boundary day (the watermark's) is asked for again; reading it again stores nothing.
        Assert.Equal(
            ["incremental Succeeded +0 ~0 =1", "full re-check Succeeded +0 ~0 =2"],
            second.Select(r => $"{r.Mode} {r.Outcome} +{r.Added} ~{r.Updated} ={r.Unchanged}"));
    }

    [Fact]
    public async Task A_status_change_found_by_the_re_check_updates_the_recall_and_its_history()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        await using var app = await AppAsync(stub);
        Assert.Null(await PollAsync(app));

        // openFDA keeps the report_date when a recall ends, so only the re-check by recall number sees it.
        stub.Change("D-0301-2024", r =>
        {
            r["status"] = "Terminated";
            r["termination_date"] = "20240415";
        });
        Assert.Null(await PollAsync(app));

        var recall = (await RecallsAsync(app)).Single(r => r.RecallNumber == "D-0301-2024");
        Assert.Equal("Terminated", recall.Status);
        Assert.Equal(new DateOnly(2024, 4, 15), recall.TerminationDate);
        var change = Assert.Single(recall.StatusChanges);
        Assert.Equal(("Ongoing", "Terminated"), (change.From, change.To));
        var full = (await RunsAsync(app)).Last();
        Assert.Equal(("full re-check", AlertRunOutcome.Succeeded, 1, 1), (full.Mode, full.Outcome, full.Updated, full.Unchanged));
        Assert.Contains(stub.Requests, r => r.Contains("D-0301-2024", StringComparison.Ordinal) && r.Contains("recall_number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_fails_the_run_without_losing_anything_and_a_malformed_record_is_rejected_by_its_index()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        await using var app = await AppAsync(stub);
        Assert.Null(await PollAsync(app));
        stub.Publish("enforcement-rejected.json");
        stub.Fail(new StubFault(200, """{"meta": {"results": {"skip": 0, "limit": 100, "total": 3}}, "results": [{"recall_number": "D-0304-"""));

        var error = await PollAsync(app);

        Assert.NotNull(error);
        Assert.Contains("JSON that cannot be read", error, StringComparison.Ordinal);
        var failed = (await RunsAsync(app)).Last();
        Assert.Equal(("incremental", AlertRunOutcome.Failed, 0), (failed.Mode, failed.Outcome, failed.Added));
        Assert.Contains("nothing of that page was stored", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await RecallsAsync(app)).Count);
        Assert.Equal("20240320", await WatermarkAsync(app));

        Assert.Null(await PollAsync(app));

        var recalls = await RecallsAsync(app);
        Assert.Equal(["D-0301-2024", "D-0302-2024", "D-0303-2024", "D-0304-2024"], recalls.Select(r => r.RecallNumber));
        Assert.Equal("losartan", recalls[3].Matches.Single().DrugSlug);
        var partial = (await RunsAsync(app)).Single(r => r.Id > failed.Id && r.Mode == "incremental");
        Assert.Equal((AlertRunOutcome.Partial, 1, 1), (partial.Outcome, partial.Added, partial.Rejected));
        Assert.Contains("record 3 from 20240320: classification is a number, not text", partial.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_records_are_stored()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.Fail(StubFault.ServerError());
        await using var app = await AppAsync(stub);

        Assert.Null(await PollAsync(app));

        var run = (await RunsAsync(app)).First();
        Assert.Equal((AlertRunOutcome.Succeeded, 3, 1, 2), (run.Outcome, run.Added, run.Retries, run.Requests));
        Assert.Equal(3, (await RecallsAsync(app)).Count);
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_is_waited_out_and_retried()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.Fail(StubFault.TooManyRequests("1"));
        await using var app = await AppAsync(stub);

        Assert.Null(await PollAsync(app));

        var run = (await RunsAsync(app)).First();
        Assert.Equal((AlertRunOutcome.Succeeded, 3, 1), (run.Outcome, run.Added, run.Retries));
    }

    [Fact]
    public async Task A_retry_after_longer_than_a_run_waits_ends_the_run_and_the_next_run_reads_everything()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.Fail(StubFault.TooManyRequests(DateTimeOffset.UtcNow.AddHours(1).ToString("R")));
        await using var app = await AppAsync(stub);

        var error = await PollAsync(app);

        Assert.Contains("asked to wait", error, StringComparison.Ordinal);
        Assert.Empty(await RecallsAsync(app));
        Assert.Null(await PollAsync(app));
        Assert.Equal(3, (await RecallsAsync(app)).Count);
    }

    [Fact]
    public async Task A_timeout_is_retried_with_backoff()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.Fail(StubFault.Stalls());
        await using var app = await AppAsync(stub, ("Alerts:OpenFda:TimeoutSeconds", "0.3"));

        Assert.Null(await PollAsync(app));

        var run = (await RunsAsync(app)).First();
        Assert.Equal((AlertRunOutcome.Succeeded, 3, 1), (run.Outcome, run.Added, run.Retries));
    }

    [Fact]
    public async Task A_source_that_keeps_failing_fails_the_run_visibly_and_the_next_run_catches_up()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.Fail(StubFault.ServerError(), StubFault.ServerError(), StubFault.ServerError());
        await using var app = await AppAsync(stub);

        var error = await PollAsync(app);

        Assert.Contains("failed 3 times; last: HTTP 500", error, StringComparison.Ordinal);
        var failed = Assert.Single(await RunsAsync(app));
        Assert.Equal((AlertRunOutcome.Failed, 3, 2), (failed.Outcome, failed.Requests, failed.Retries));
        Assert.Empty(await RecallsAsync(app));
        Assert.Null(await WatermarkAsync(app));

        Assert.Null(await PollAsync(app));
        Assert.Equal(3, (await RecallsAsync(app)).Count);
    }

    [Fact]
    public async Task No_matches_is_an_answer_not_a_failure()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        await using var app = await AppAsync(stub);

        Assert.Null(await PollAsync(app));

        var run = (await RunsAsync(app)).First();
        Assert.Equal((AlertRunOutcome.Succeeded, 0, 1), (run.Outcome, run.Added, run.Requests));
        Assert.Contains(stub.Requests, r => r.Contains("20040101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_openFDAs_skip_cap_the_date_window_moves_on_instead()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        stub.MaxSkip = 1;
        await using var app = await AppAsync(stub, ("Alerts:OpenFda:PageSize", "1"), ("Alerts:OpenFda:MaxSkip", "1"));

        Assert.Null(await PollAsync(app));

        Assert.Equal(3, (await RecallsAsync(app)).Count);
        Assert.DoesNotContain(stub.Requests, r => r.Contains("skip=2", StringComparison.Ordinal));
        Assert.Contains(stub.Requests, r => r.Contains("20240313", StringComparison.Ordinal) && r.Contains("skip=0", StringComparison.Ordinal));
        var run = (await RunsAsync(app)).First();
        Assert.Equal((AlertRunOutcome.Succeeded, 3), (run.Outcome, run.Added));
    }

    [Fact]
    public async Task The_daily_request_budget_stops_a_run_and_the_watermark_keeps_what_was_stored()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Publish("enforcement-page.json");
        await using var app = await AppAsync(stub, ("Alerts:OpenFda:PageSize", "1"), ("Alerts:OpenFda:DailyRequests", "2"));

        var error = await PollAsync(app);

        Assert.Contains("request budget (2 a day) is used up", error, StringComparison.Ordinal);
        var run = Assert.Single(await RunsAsync(app));
        Assert.Equal((AlertRunOutcome.Partial, 2, 2), (run.Outcome, run.Added, run.Requests));
        Assert.Equal("20240313", await WatermarkAsync(app));
        Assert.NotNull(await PollAsync(app));
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_failed_poll_is_shown_to_Admins_on_the_jobs_page()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Fail(StubFault.ServerError(), StubFault.ServerError(), StubFault.ServerError());
        var app = new AccountsApp();
        app.WithSetting("Alerts:OpenFda:BaseUrl", stub.BaseUrl.ToString())
            .WithSetting("Alerts:OpenFda:FirstRetrySeconds", "0.05")
            .WithSetting("Alerts:OpenFda:Attempts", "3")
            .WithSetting("Alerts:OpenFda:RequestsPerMinute", "60000")
            // No second run during the test: the page shows the first one's failure.
            .WithSetting("Jobs:FirstRetrySeconds", "3600");
        await using var _ = app;
        await app.InitializeAsync();
        app.CreateClient().Dispose();

        var status = await Eventually.WaitAsync(
            async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                return (await scope.ServiceProvider.GetRequiredService<JobStatuses>().ListAsync(Ct)).Single(s => s.Name == OpenFdaPoller.JobName);
            },
            s => s.Runs >= 1,
            "the first poll to be recorded");
        var admin = await app.CreateAccountAsync("poll-admin-{n}@example.org", "Ada Admin", roles: StaffRoles.Admin);
        using var client = await app.SignInAsync(admin);
        var page = Html.Text(await client.GetStringAsync("/admin/jobs", Ct));

        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Contains(OpenFdaPoller.JobName, page, StringComparison.Ordinal);
        Assert.Contains("openFDA: drug/enforcement.json?search=report_date:[20040101+TO+99991231]", page, StringComparison.Ordinal);
        Assert.Contains("failed 3 times; last: HTTP 500", page, StringComparison.Ordinal);
        Assert.Equal(AlertRunOutcome.Failed, Assert.Single(await RunsAsync(app)).Outcome);
    }
}
