using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// /alerts, a recall's and a notice's page, the drug page's section and the editors' pages, over HTTP, on the
/// hand-written enforcement file tests/fixtures/openfda-enforcement/alerts-pages.json (12 recalls) and 20 safety
/// notices as the RSS feeds store them, so the list has two pages mixing both kinds.
/// </summary>
public sealed partial class AlertPagesTests(AlertPagesTests.AlertsApp app) : IClassFixture<AlertPagesTests.AlertsApp>
{
    /// <summary>The app with the DailyMed fixture label (Testapril, NDC 99999-0101), the recalls file and the notices.</summary>
    public sealed class AlertsApp : AccountsApp
    {
        public const string RecallsFile = "alerts-pages.json";

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CreateClient().Dispose();
            var (exitCode, output) = await RunCommandAsync("import", "dailymed", SharedData.Fixture("dailymed", "rx-v1.xml"));
            Assert.True(exitCode == 0, output);
            (exitCode, output) = await RunCommandAsync("import", "openfda-enforcement", SharedData.Fixture("openfda-enforcement", RecallsFile));
            Assert.True(exitCode == 0, output);
            await WithDbAsync(async db =>
            {
                // What the feed reader stores (its own tests read real RSS): one a week from January 2024, alternating feeds.
                for (var i = 0; i < 20; i++)
                {
                    var medWatch = i % 2 == 0;
                    db.Add(new SafetyNotice
                    {
                        Source = medWatch ? SafetyNotice.MedWatchFeed : SafetyNotice.RecallsFeed,
                        ItemKey = $"https://www.fda.gov/example/notice-{i}",
                        Title = medWatch ? $"Example safety communication number {i}" : $"Example Company recalls product number {i}",
                        Link = $"https://www.fda.gov/example/notice-{i}",
                        PublishedAt = new DateTime(2024, 1, 3, 15, 0, 0, DateTimeKind.Utc).AddDays(7 * i),
                        Summary = $"FDA's summary of notice {i}.",
                        FirstSeenAt = DateTime.UtcNow,
                        UpdatedAt = DateTime.UtcNow,
                        Matches = i == 4 ? [new SafetyNoticeMatch { DrugSlug = "atorvastatin", How = RecallMatchKind.Name, Confidence = RecallMatch.Low }] : [],
                    });
                }

                return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<string> TextAsync(string path)
    {
        var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {Html.Text(html)[..Math.Min(300, Html.Text(html).Length)]}");
        return html;
    }

    /// <summary>The recall numbers and notice ids a list page links to, in order.</summary>
    private static List<string> Listed(string html) =>
        [.. RowLink().Matches(html).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task The_list_shows_recalls_and_notices_newest_first_on_two_pages_with_counts()
    {
        var first = await TextAsync("/alerts");
        var second = await TextAsync("/alerts?page=2");

        Assert.Contains("12 recalls and 20 safety notices match", Html.Text(first), StringComparison.Ordinal);
        var one = Listed(first);
        var two = Listed(second);
        Assert.Equal(25, one.Count);
        Assert.Equal(7, two.Count);
        Assert.Empty(one.Intersect(two));
        // The newest is the last notice (May 15, 2024); the oldest is the 2022 recall.
        Assert.Equal("notices/20", one[0]);
        Assert.Equal("D-0207-2022", two[^1]);
        Assert.Contains("D-0205-2024", one);
        Assert.Contains("Page 1 of 2", Html.Text(first), StringComparison.Ordinal);
        Assert.Contains("href=\"/alerts?page=2\"", first, StringComparison.Ordinal);
        // Each row: its class as text, status, firm, reason.
        Assert.Contains("Class I", Html.Text(first), StringComparison.Ordinal);
        Assert.Contains("Sample Compounding Pharmacy", Html.Text(first), StringComparison.Ordinal);
        Assert.Contains("Lack of Assurance of Sterility", Html.Text(first), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class=I", "D-0201-2024,D-0207-2022", "2 recalls and 0 safety notices")]
    [InlineData("class=unclassified", "D-0205-2024", "1 recall and 0 safety notices")]
    [InlineData("status=Terminated", "D-0203-2024,D-0209-2023,D-0207-2022", "3 recalls and 0 safety notices")]
    [InlineData("class=II&status=Completed", "D-0210-2024", "1 recall and 0 safety notices")]
    [InlineData("source=openfda&from=2024-02-01&to=2024-02-29", "D-0212-2024,D-0202-2024,D-0211-2024", "3 recalls and 0 safety notices")]
    [InlineData("source=fda-medwatch-rss&from=2024-01-01&to=2024-01-31", "notices/5,notices/3,notices/1", "0 recalls and 3 safety notices")]
    [InlineData("from=2024-01-01&to=2024-01-17", "notices/3,D-0206-2024,notices/2,D-0208-2024,notices/1", "2 recalls and 3 safety notices")]
    [InlineData("drug=atorvastatin", "D-0202-2024,notices/5,D-0207-2022", "2 recalls and 1 safety notice")]
    [InlineData("drug=Lipitor", "D-0202-2024,notices/5,D-0207-2022", "2 recalls and 1 safety notice")]
    [InlineData("drug=testapril", "D-0201-2024", "1 recall and 0 safety notices")]
    public async Task Each_filter_narrows_the_list(string query, string expected, string count)
    {
        var html = await TextAsync("/alerts?" + query);

        Assert.Equal(expected.Split(','), Listed(html));
        Assert.Contains(count + " match", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drug_filter_shows_how_each_record_was_matched_and_labels_a_name_match_weak()
    {
        var text = Html.Text(await TextAsync("/alerts?drug=atorvastatin"));
        var quinapril = Html.Text(await TextAsync("/alerts?class=I&from=2024-01-01"));

        Assert.Contains("FDA recalls and safety alerts about Atorvastatin", text, StringComparison.Ordinal);
        Assert.Contains("Atorvastatin (by name only, a weak match: check the lot on your bottle)", text, StringComparison.Ordinal);
        Assert.Contains("(by NDC from openFDA: a sure match)", quinapril, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2024-02-30", "from", "Enter a real date")]
    [InlineData("from=yesterday", "from", "Enter a real date")]
    [InlineData("to=2024-13-01", "to", "Enter a real date")]
    [InlineData("from=2024-03-01&to=2024-02-01", "to", "The end date is before the start date")]
    [InlineData("drug=notadrugatall", "drug", "No medicine in the catalogue is called “notadrugatall”")]
    [InlineData("class=IV", "class", "Choose a class from the list")]
    public async Task A_field_that_cannot_be_read_gets_its_message_beside_it_and_no_list(string query, string field, string message)
    {
        var response = await client.GetAsync("/alerts?" + query, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = html[html.IndexOf($"<p class=\"field-error\" id=\"{field}-error\">", StringComparison.Ordinal)..];
        Assert.StartsWith("Error: " + message, Html.Text(error[..error.IndexOf("</p>", StringComparison.Ordinal)]), StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{(field is "class" ? "filters-hint " : field is "drug" ? "drug-hint " : "")}{field}-error\"", html, StringComparison.Ordinal);
        Assert.Empty(Listed(html));
        Assert.DoesNotContain(" match", Html.Text(html).Split("There is a problem")[0][^20..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_drug_is_offered_what_it_may_be()
    {
        var text = Html.Text(await TextAsync("/alerts?drug=atorvastatn"));

        Assert.Contains("Did you mean Atorvastatin?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recall_page_says_what_why_which_lots_what_to_do_and_where_FDA_publishes_it()
    {
        var html = await TextAsync("/alerts/D-0202-2024");
        var text = Html.Text(html);

        Assert.Contains("Drug recall D-0202-2024", text, StringComparison.Ordinal);
        Assert.Contains("Atorvastatin Calcium Tablets, USP, 10 mg, 90-count bottles", text, StringComparison.Ordinal);
        Assert.Contains("Failed Dissolution Specifications", text, StringComparison.Ordinal);
        Assert.Contains("Class II is a product that might cause a temporary health problem", text, StringComparison.Ordinal);
        Assert.Contains("AT2001", text, StringComparison.Ordinal);
        Assert.Contains("AT2002", text, StringComparison.Ordinal);
        Assert.Contains("Lot: AT2001, AT2002; Exp. 01/2026", text, StringComparison.Ordinal);
        Assert.Contains("Do not stop taking a medicine without talking to your doctor or pharmacist", text, StringComparison.Ordinal);
        Assert.Contains("MedWatch", text, StringComparison.Ordinal);
        Assert.Contains("Example Generics LLC", text, StringComparison.Ordinal);
        Assert.Contains("Sampletown, PA, United States", text, StringComparison.Ordinal);
        Assert.Contains("matched by name only, a weak match: check the lot on your bottle", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/atorvastatin\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://api.fda.gov/drug/enforcement.json?search=recall_number:%22D-0202-2024%22\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recall_page_shows_NDCs_and_its_status_history_after_a_later_file_changes_it()
    {
        var ndc = Html.Text(await TextAsync("/alerts/D-0201-2024"));
        Assert.Contains("99999-0101-90", ndc, StringComparison.Ordinal);
        Assert.Contains("matched by NDC from openFDA: a sure match", ndc, StringComparison.Ordinal);

        var text = Html.Text(await TextAsync("/alerts/D-0203-2024"));
        Assert.Contains("Now: Terminated", text, StringComparison.Ordinal);
        Assert.Contains("Ended April 10, 2024", text, StringComparison.Ordinal);
        Assert.Contains("No change of status seen since", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recall_number_in_another_case_leads_to_the_recall_and_an_unknown_one_is_a_404_page()
    {
        var lower = await client.GetAsync("/alerts/d-0202-2024", Ct);
        var unknown = await client.GetAsync("/alerts/D-9999-2024", Ct);
        var notice = await client.GetAsync("/alerts/notices/999999", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal("/alerts/D-0202-2024", lower.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<h1", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notice.StatusCode);
    }

    [Fact]
    public async Task A_notice_page_has_FDA_s_summary_and_its_link()
    {
        var id = await app.WithDbAsync(db => db.Set<SafetyNotice>().Where(n => n.ItemKey.EndsWith("/notice-4")).Select(n => n.Id).SingleAsync(Ct));

        var html = await TextAsync($"/alerts/notices/{id}");

        Assert.Contains("Example safety communication number 4", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("FDA's summary of notice 4.", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("<a class=\"button-link\" href=\"https://www.fda.gov/example/notice-4\" rel=\"noopener noreferrer\">Read FDA's notice</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/atorvastatin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drug_page_lists_its_recalls_and_notices_with_a_link_to_all()
    {
        var html = await TextAsync("/drugs/atorvastatin");
        var section = html[html.IndexOf("id=\"alerts\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        var text = Html.Text(section);
        var none = await TextAsync("/drugs/albuterol");

        Assert.Contains("Recalls and safety communications", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/alerts/D-0202-2024\"", section, StringComparison.Ordinal);
        Assert.Contains("href=\"/alerts/D-0207-2022\"", section, StringComparison.Ordinal);
        Assert.Contains("Class I", text, StringComparison.Ordinal);
        Assert.Contains("Terminated", text, StringComparison.Ordinal);
        Assert.Contains("Feb 15, 2024", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/alerts?drug=atorvastatin\"", section, StringComparison.Ordinal);
        Assert.Contains("talking to your doctor or pharmacist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"alerts\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_pages_send_a_visitor_to_sign_in_refuse_a_plain_user_and_open_for_an_editor()
    {
        var plain = await app.CreateAccountAsync("alerts-plain-{n}@example.org", "Pat Plain");
        var editor = await app.CreateAccountAsync("alerts-editor-{n}@example.org", "Eddie Editor", roles: StaffRoles.Editor);
        using var visitor = app.NewClient();
        using var asPlain = await app.SignInAsync(plain);
        using var asEditor = await app.SignInAsync(editor);

        foreach (var path in new[] { "/admin/alerts", "/admin/alerts/unmatched" })
        {
            var anonymous = await visitor.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/sign-in", anonymous.RedirectPath());
            Assert.Equal(HttpStatusCode.NotFound, (await asPlain.GetAsync(path, Ct)).StatusCode);
            var allowed = await asEditor.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Contains("no-store", allowed.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_overview_shows_sources_runs_and_how_recalls_were_matched()
    {
        var admin = await app.CreateAccountAsync("alerts-admin-{n}@example.org", "Ada Admin", roles: StaffRoles.Admin);
        using var asAdmin = await app.SignInAsync(admin);
        await app.WithDbAsync(async db =>
        {
            if (!await db.Set<AlertSource>().AnyAsync(s => s.Name == "openfda-api", Ct))
                db.Add(new AlertSource { Name = "openfda-api", Watermark = "20240320", LastFullCheckAt = new DateTime(2024, 3, 24, 2, 0, 0, DateTimeKind.Utc) });
            db.Add(new AlertSourceRun
            {
                Source = "openfda-api", StartedAt = new DateTime(2024, 3, 25, 2, 0, 0, DateTimeKind.Utc), FinishedAt = new DateTime(2024, 3, 25, 2, 0, 5, DateTimeKind.Utc),
                Outcome = AlertRunOutcome.Partial, Mode = "incremental", Requests = 4, Retries = 2, Added = 3, Updated = 1, Unchanged = 7, Rejected = 1,
                Error = "page 3 answered 500 twice",
            });
            return await db.SaveChangesAsync(Ct);
        });

        var text = Html.Text(await asAdmin.GetStringAsync("/admin/alerts", Ct));

        Assert.Contains("openfda-api", text, StringComparison.Ordinal);
        Assert.Contains("20240320", text, StringComparison.Ordinal);
        Assert.Contains("page 3 answered 500 twice", text, StringComparison.Ordinal);
        Assert.Contains("Partial", text, StringComparison.Ordinal);
        Assert.Matches(@"By NDC \d+", text);
        Assert.Matches(@"By name only \d+", text);
        Assert.Matches(@"Not matched \d+", text);
    }

    [Fact]
    public async Task An_editor_links_an_unmatched_recall_by_hand_it_leaves_the_list_shows_on_the_drug_page_and_survives_a_reimport()
    {
        var editor = await app.CreateAccountAsync("alerts-linker-{n}@example.org", "Lin Linker", roles: StaffRoles.Editor);
        using var asEditor = await app.SignInAsync(editor);
        var recallId = await app.WithDbAsync(db => db.Set<Recall>().Where(r => r.RecallNumber == "D-0206-2024").Select(r => r.Id).SingleAsync(Ct));
        var before = await asEditor.GetStringAsync("/admin/alerts/unmatched", Ct);
        Assert.Contains("D-0206-2024", Html.Text(before), StringComparison.Ordinal);

        var wrong = await asEditor.PostFormAsync("/admin/alerts/unmatched",
            new() { ["kind"] = "Recall", ["id"] = recallId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["drug"] = "Zorbazine" }, "/admin/alerts/unmatched?handler=Link");
        var wrongHtml = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("No medicine in the catalogue is called “Zorbazine”", Html.Text(wrongHtml), StringComparison.Ordinal);
        Assert.Contains($"id=\"drug-Recall-{recallId}-error\"", wrongHtml, StringComparison.Ordinal);

        var linked = await asEditor.PostFormAsync("/admin/alerts/unmatched",
            new() { ["kind"] = "Recall", ["id"] = recallId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["drug"] = "Zyrtec" }, "/admin/alerts/unmatched?handler=Link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        var after = Html.Text(await asEditor.GetStringAsync(linked.RedirectPathAndQuery(), Ct));
        Assert.Contains("D-0206-2024 is now linked to Cetirizine", after, StringComparison.Ordinal);
        Assert.DoesNotContain("D-0206-2024", after.Split("Linked by hand")[0].Replace("D-0206-2024 is now linked", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var drugPage = await TextAsync("/drugs/cetirizine");
        Assert.Contains("href=\"/alerts/D-0206-2024\"", drugPage, StringComparison.Ordinal);
        Assert.Contains("linked by an editor", Html.Text(drugPage), StringComparison.Ordinal);
        var log = Html.Text(await (await app.SignInAsync(await app.CreateAccountAsync("alerts-auditor-{n}@example.org", "Aud Admin", roles: StaffRoles.Admin))).GetStringAsync("/admin/people", Ct));
        Assert.Contains("alert linked to drug", log, StringComparison.Ordinal);
        Assert.Contains("recall D-0206-2024", log, StringComparison.Ordinal);

        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", SharedData.Fixture("openfda-enforcement", AlertsApp.RecallsFile));
        Assert.True(exitCode == 0, output);
        Assert.Contains("href=\"/alerts/D-0206-2024\"", await TextAsync("/drugs/cetirizine"), StringComparison.Ordinal);
        var match = await app.WithDbAsync(db => db.Set<RecallMatch>().SingleAsync(m => m.RecallId == recallId, Ct));
        Assert.Equal(("cetirizine", RecallMatchKind.Manual, RecallMatch.High), (match.DrugSlug, match.How, match.Confidence));

        // The editor can take the link back: the recall is unmatched again.
        var removed = await asEditor.PostFormAsync("/admin/alerts/unmatched",
            new() { ["kind"] = "Recall", ["id"] = recallId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["slug"] = "cetirizine" }, "/admin/alerts/unmatched?handler=Unlink");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("href=\"/alerts/D-0206-2024\"", await TextAsync("/drugs/cetirizine"), StringComparison.Ordinal);
        Assert.Contains("D-0206-2024", Html.Text(await asEditor.GetStringAsync("/admin/alerts/unmatched", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linking_without_the_form_token_or_as_a_plain_user_changes_nothing()
    {
        var plain = await app.CreateAccountAsync("alerts-plain2-{n}@example.org", "Pam Plain");
        using var asPlain = await app.SignInAsync(plain);
        var recallId = await app.WithDbAsync(db => db.Set<Recall>().Where(r => r.RecallNumber == "D-0205-2024").Select(r => r.Id).SingleAsync(Ct));
        var fields = new Dictionary<string, string> { ["kind"] = "Recall", ["id"] = recallId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["drug"] = "ibuprofen" };

        var plainPost = await asPlain.PostWithTokenAsync("/admin/alerts/unmatched?handler=Link", await asPlain.GetFormTokenAsync("/account"), fields);
        var editor = await app.CreateAccountAsync("alerts-editor2-{n}@example.org", "Ed Tokenless", roles: StaffRoles.Editor);
        using var asEditor = await app.SignInAsync(editor);
        var noToken = await asEditor.PostAsync("/admin/alerts/unmatched?handler=Link", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.NotFound, plainPost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<RecallMatch>().AnyAsync(m => m.RecallId == recallId, Ct)));
    }

    [GeneratedRegex("<h3><a href=\"/alerts/([^\"]+)\">")]
    private static partial Regex RowLink();
}
