using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// The <c>fda-feeds</c> job against RSS 2.0 feeds served by a stub server over real HTTP (tests/fixtures/fda-rss):
/// notices stored in FDA's words as plain text, matched by name, idempotent, and hostile or broken feeds refused.
/// </summary>
public sealed class FdaFeedTests
{
    private const string RecallsPath = "/about-fda/contact-fda/stay-informed/rss-feeds/recalls/rss.xml";
    private const string MedWatchPath = "/about-fda/contact-fda/stay-informed/rss-feeds/medwatch/rss.xml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => File.ReadAllText(SharedData.Fixture("fda-rss", name));

    private static async Task<MedAtlasApp> AppAsync(PollFeedStubServer stub)
    {
        var app = new MedAtlasApp()
            .WithSetting("Jobs:Enabled", "false")
            .WithSetting("Alerts:Feeds:fda-recalls-rss:Url", new Uri(stub.BaseUrl, RecallsPath.TrimStart('/')).ToString())
            .WithSetting("Alerts:Feeds:fda-medwatch-rss:Url", new Uri(stub.BaseUrl, MedWatchPath.TrimStart('/')).ToString())
            .WithSetting("Alerts:Feeds:TimeoutSeconds", "10")
            .WithSetting("Alerts:Feeds:FirstRetrySeconds", "0.05")
            .WithSetting("Alerts:Feeds:Attempts", "3")
            .WithSetting("Alerts:Feeds:RequestsPerMinute", "60000");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        return app;
    }

    private static async Task<string?> FetchAsync(MedAtlasApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<FdaFeeds>().RunAsync(Ct);
            return null;
        }
        catch (Exception e) when (e.GetType().Name == "SourceUnavailableException")
        {
            return e.Message;
        }
    }

    private static Task<List<SafetyNotice>> NoticesAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<SafetyNotice>().AsNoTracking().Include(n => n.Matches).OrderBy(n => n.Source).ThenBy(n => n.ItemKey).ToListAsync(Ct));

    private static Task<List<AlertSourceRun>> RunsAsync(MedAtlasApp app, string source) =>
        app.WithDbAsync(db => db.Set<AlertSourceRun>().AsNoTracking().Where(r => r.Source == source).OrderBy(r => r.Id).ToListAsync(Ct));

    [Fact]
    public async Task Items_are_stored_as_plain_text_matched_by_name_and_fetching_again_changes_nothing()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Feed(RecallsPath, Fixture("recalls.xml"));
        stub.Feed(MedWatchPath, Fixture("medwatch.xml"));
        await using var app = await AppAsync(stub);

        Assert.Null(await FetchAsync(app));

        var notices = await NoticesAsync(app);
        Assert.Equal(
            ["fda-medwatch-rss medwatch-2024-03-14-losartan-hctz", "fda-recalls-rss recall-2024-03-05-ginger-paste", "fda-recalls-rss recall-2024-03-06-valsartan"],
            notices.Select(n => $"{n.Source} {n.ItemKey}"));
        var valsartan = notices[2];
        Assert.Equal("Example Generics Issues Voluntary Nationwide Recall of Valsartan Tablets Due to Nitrosamine Impurity", valsartan.Title);
        Assert.Equal("https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts/example-generics-recalls-valsartan-tablets", valsartan.Link);
        Assert.Equal(
            "Example Generics LLC is recalling lot VX2401 of Valsartan Tablets, USP 160 mg & 320 mg. Patients should keep taking their medicine and talk to their doctor or pharmacist.",
            valsartan.Summary);
        // "EDT" is four hours behind UTC.
        Assert.Equal(new DateTime(2024, 3, 6, 20, 5, 34), valsartan.PublishedAt);
        var match = Assert.Single(valsartan.Matches);
        Assert.Equal(("valsartan", RecallMatchKind.Name, RecallMatch.Low), (match.DrugSlug, match.How, match.Confidence));
        // A food recall naming ginger and garlic is not about the supplements of those names.
        Assert.Empty(notices[1].Matches);
        // The combination, not losartan and hydrochlorothiazide each on their own.
        Assert.Equal(["losartan-hydrochlorothiazide"], notices[0].Matches.Select(m => m.DrugSlug));

        var recallsRun = Assert.Single(await RunsAsync(app, SafetyNotice.RecallsFeed));
        Assert.Equal((AlertRunOutcome.Partial, 2, 1), (recallsRun.Outcome, recallsRun.Added, recallsRun.Rejected));
        Assert.Contains("item 3: the link 'javascript:alert(document.cookie)' is not an absolute http(s) address", recallsRun.Error, StringComparison.Ordinal);
        Assert.Equal(AlertRunOutcome.Succeeded, Assert.Single(await RunsAsync(app, SafetyNotice.MedWatchFeed)).Outcome);

        Assert.Null(await FetchAsync(app));

        var again = await NoticesAsync(app);
        Assert.Equal(notices.Select(n => (n.Id, n.UpdatedAt)), again.Select(n => (n.Id, n.UpdatedAt)));
        var second = (await RunsAsync(app, SafetyNotice.RecallsFeed)).Last();
        Assert.Equal((0, 0, 2), (second.Added, second.Updated, second.Unchanged));
    }

    [Fact]
    public async Task A_changed_summary_updates_the_notice_and_an_editors_link_stays()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Feed(RecallsPath, Fixture("recalls.xml"));
        stub.Feed(MedWatchPath, Fixture("medwatch.xml"));
        await using var app = await AppAsync(stub);
        Assert.Null(await FetchAsync(app));
        // What an editor's "link by hand" on /admin/alerts/unmatched stores.
        await app.WithDbAsync(async db =>
        {
            var ginger = await db.Set<SafetyNotice>().SingleAsync(n => n.ItemKey == "recall-2024-03-05-ginger-paste", Ct);
            ginger.Matches.Add(new SafetyNoticeMatch { DrugSlug = "ibuprofen", How = RecallMatchKind.Manual, Confidence = RecallMatch.High });
            return await db.SaveChangesAsync(Ct);
        });

        stub.Feed(RecallsPath, Fixture("recalls-later.xml"));
        Assert.Null(await FetchAsync(app));

        var notices = await NoticesAsync(app);
        Assert.Contains("lots VX2401 and VX2402 of Valsartan Tablets", notices.Single(n => n.ItemKey == "recall-2024-03-06-valsartan").Summary, StringComparison.Ordinal);
        Assert.Equal([("ibuprofen", RecallMatchKind.Manual)], notices.Single(n => n.ItemKey == "recall-2024-03-05-ginger-paste").Matches.Select(m => (m.DrugSlug, m.How)));
        var run = (await RunsAsync(app, SafetyNotice.RecallsFeed)).Last();
        Assert.Equal((0, 1, 1), (run.Added, run.Updated, run.Unchanged));
    }

    [Fact]
    public async Task A_malformed_feed_fails_its_run_and_stores_nothing_while_the_other_feed_is_read()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Feed(RecallsPath, Fixture("malformed.xml"));
        stub.Feed(MedWatchPath, Fixture("medwatch.xml"));
        await using var app = await AppAsync(stub);

        var error = await FetchAsync(app);

        Assert.Contains("fda-recalls-rss: not a readable RSS feed", error, StringComparison.Ordinal);
        var notices = await NoticesAsync(app);
        Assert.Equal([SafetyNotice.MedWatchFeed], notices.Select(n => n.Source));
        var failed = Assert.Single(await RunsAsync(app, SafetyNotice.RecallsFeed));
        Assert.Equal((AlertRunOutcome.Failed, 0), (failed.Outcome, failed.Added));
    }

    [Fact]
    public async Task A_feed_with_a_DTD_is_refused_and_its_entity_never_read()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Feed(RecallsPath, Fixture("xxe.xml"));
        await using var app = await AppAsync(stub);

        var error = await FetchAsync(app);

        Assert.Contains("DTD", error, StringComparison.Ordinal);
        Assert.Empty(await NoticesAsync(app));
        Assert.Equal(AlertRunOutcome.Failed, Assert.Single(await RunsAsync(app, SafetyNotice.RecallsFeed)).Outcome);
    }

    [Fact]
    public async Task A_feed_server_error_is_retried()
    {
        await using var stub = await PollFeedStubServer.StartAsync();
        stub.Feed(MedWatchPath, Fixture("medwatch.xml"));
        stub.Fail(StubFault.ServerError());
        await using var app = await AppAsync(stub);

        // The recalls feed is not served (404): that is its own failure, and the MedWatch feed is still read.
        var error = await FetchAsync(app);

        Assert.Contains("fda-recalls-rss", error, StringComparison.Ordinal);
        var medwatch = Assert.Single(await RunsAsync(app, SafetyNotice.MedWatchFeed));
        Assert.Equal((AlertRunOutcome.Succeeded, 1, 1), (medwatch.Outcome, medwatch.Added, medwatch.Retries));
    }
}
