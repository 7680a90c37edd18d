using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Features.MyMedicine;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// The app for the notification tests: mail to the suite's SMTP sink, and a notification window that puts the 2026
/// records of tests/fixtures/openfda-enforcement/notify.json inside it and its 2012 record outside, whatever the day.
/// </summary>
public sealed class NotifyApp : AccountsApp
{
    public NotifyApp()
    {
        WithSmtpSink();
        var days = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - new DateOnly(2025, 12, 1).DayNumber;
        WithSetting("Alerts:NotifyWithinDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A person whose saved medicine matches a recall is told once, in the inbox and (when they chose it) by mail: through
/// the real import command, the notifier job, the /my/alerts page, the header and the SMTP sink.
/// </summary>
public sealed partial class AlertNotificationTests(NotifyApp app) : IClassFixture<NotifyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => SharedData.Fixture("openfda-enforcement", name);

    private async Task ImportAsync(string file)
    {
        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", Fixture(file));
        Assert.True(exitCode == 0, output);
    }

    /// <summary>Runs the notifier as the job host does, in a fresh scope; with several at once, as several nodes would.</summary>
    private async Task NotifyAsync(int runsAtOnce = 1) =>
        await Task.WhenAll(Enumerable.Range(0, runsAtOnce).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertNotifier>().RunAsync(Ct);
        }));

    private static async Task TurnOnAlertMailAsync(HttpClient client)
    {
        var saved = await client.PostFormAsync("/account", new() { ["Lists"] = "alerts" }, "/account?handler=Lists");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>The inbox's items as a person reads them, one string each.</summary>
    private static async Task<List<string>> InboxAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/my/alerts", Ct);
        return [.. ItemPattern().Matches(html).Select(m => Html.Text(m.Value))];
    }

    /// <summary>The header link's accessible name ("Alerts, 2 unread").</summary>
    private static async Task<string> HeaderAlertsAsync(HttpClient client, string path = "/")
    {
        var link = HeaderPattern().Match(await client.GetStringAsync(path, Ct));
        Assert.True(link.Success, "The header has no alerts link.");
        return System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    private Task<List<OutboxMessage>> AlertMailAsync(string email) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.To == email && m.Kind == AlertMail.Kind).ToListAsync(Ct));

    [Fact]
    public async Task A_saved_lot_in_a_recall_is_told_once_in_the_inbox_and_by_mail_whatever_happens_next()
    {
        var owner = await app.CreateAccountAsync("notify-lot-{n}@example.org", "Nora Notify");
        using var client = await app.SignInAsync(owner);
        await TurnOnAlertMailAsync(client);
        var dad = await app.CreateProfileAsync(owner, "Dad", Relationship.Parent, 1950);
        await app.AddMedicineAsync(owner, dad, "atorvastatin", MyMedicineFixtures.Medicine("atorvastatin") with { Strength = "20 mg", LotNumber = "atv2026a" });

        await ImportAsync("notify.json");
        await NotifyAsync();

        var item = Assert.Single(await InboxAsync(client));
        Assert.Contains("Unread: Class II recall D-9001-2026: Atorvastatin Calcium Tablets", item, StringComparison.Ordinal);
        Assert.Contains("Your lot is recalled.", item, StringComparison.Ordinal);
        Assert.Contains("Atorvastatin 20 mg on Dad's list", item, StringComparison.Ordinal);
        Assert.Equal("Alerts, 1 unread", await HeaderAlertsAsync(client));

        var mail = await MailSink.Shared.WaitForMailToAsync(owner.Email);
        Assert.Equal("Recall: your lot of Atorvastatin 20 mg (Dad) is recalled", mail.Subject);
        var text = mail.TextBody;
        Assert.Contains("The lot number saved on Atorvastatin 20 mg in Dad's list (ATV2026A) is one of the lots this recall names", text, StringComparison.Ordinal);
        Assert.Contains("FDA's reason for the recall: “Failed Dissolution Specifications", text, StringComparison.Ordinal);
        Assert.Contains("Do not stop taking a medicine without talking to your doctor or pharmacist", text, StringComparison.Ordinal);
        Assert.Contains("the pharmacy can tell you how to return it", text, StringComparison.Ordinal);
        Assert.Contains("/alerts/D-9001-2026", text, StringComparison.Ordinal);
        Assert.Contains("/my/alerts", text, StringComparison.Ordinal);
        var header = mail.Headers["List-Unsubscribe"] ?? "";
        Assert.Matches("^<https?://[^>]+/alerts/unsubscribe/[^>]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        // The footer shows the same link the header carries.
        Assert.Contains("To stop these emails, unsubscribe: " + header.Trim('<', '>'), text, StringComparison.Ordinal);

        // Again: a rerun, the same file imported again, the recall now terminated, two runs at once.
        await NotifyAsync();
        await ImportAsync("notify.json");
        await NotifyAsync();
        await ImportAsync("notify-later.json");
        await NotifyAsync(runsAtOnce: 2);

        Assert.Single(await InboxAsync(client));
        Assert.Single(await AlertMailAsync(owner.Email));
        Assert.Single(MailSink.Shared.MessagesTo(owner.Email));

        var id = await app.WithDbAsync(db => db.Set<AlertNotification>().Where(n => n.AccountId == owner.Id).Select(n => n.Id).SingleAsync(Ct));
        var read = await client.PostFormAsync("/my/alerts", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/my/alerts?handler=Read");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Equal("Alerts, none unread", await HeaderAlertsAsync(client, "/drugs"));
        Assert.DoesNotContain("Unread:", Assert.Single(await InboxAsync(client)), StringComparison.Ordinal);

        // The delivered mail's one-click header, as a mail provider uses it: a bare POST, no cookie, no redirect.
        using var provider = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var unsubscribe = new Uri(header.Trim('<', '>'));
        using var oneClick = await provider.PostAsync(unsubscribe.PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<AlertSettings>().AnyAsync(x => x.AccountId == owner.Id && x.EmailAlerts, Ct)));
    }

    [Fact]
    public async Task An_NDC_match_and_a_name_match_are_labelled_so_and_mail_off_means_inbox_only()
    {
        var owner = await app.CreateAccountAsync("notify-ndc-{n}@example.org", "Omar Inbox");
        var me = await app.CreateProfileAsync(owner, "Me", Relationship.Self, 1970);
        await app.AddMedicineAsync(owner, me, "Testapril", MyMedicineFixtures.Medicine("Testapril") with { Strength = "10 mg", Ndc = "99999-0101-90" });
        await app.AddMedicineAsync(owner, me, "lisinopril");
        using var client = await app.SignInAsync(owner);

        await ImportAsync("notify.json");
        await NotifyAsync();

        var items = await InboxAsync(client);
        Assert.Equal(2, items.Count);
        var ndc = Assert.Single(items, i => i.Contains("D-9002-2026", StringComparison.Ordinal));
        Assert.Contains("A recall covers this product: check the lot on your package.", ndc, StringComparison.Ordinal);
        Assert.Contains("Testapril 10 mg on Me's list", ndc, StringComparison.Ordinal);
        var name = Assert.Single(items, i => i.Contains("D-9003-2026", StringComparison.Ordinal));
        Assert.Contains("Weak match, by name only: this may affect your medicine; check the lot on your bottle.", name, StringComparison.Ordinal);
        Assert.Equal("Alerts, 2 unread", await HeaderAlertsAsync(client));

        // Mail is off until the person turns it on; the page says so and links to the switch.
        Assert.Empty(await AlertMailAsync(owner.Email));
        Assert.Contains("To get an email as well, turn on safety alerts on your account page", Html.Text(await client.GetStringAsync("/my/alerts", Ct)), StringComparison.Ordinal);

        var all = await client.PostFormAsync("/my/alerts", [], "/my/alerts?handler=ReadAll");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal("Alerts, none unread", await HeaderAlertsAsync(client));
    }

    [Fact]
    public async Task An_FDA_safety_notice_naming_a_medicine_is_told_once_as_a_weak_match_with_its_link()
    {
        var owner = await app.CreateAccountAsync("notify-notice-{n}@example.org", "Nadia Notice");
        var me = await app.CreateProfileAsync(owner, "Me", Relationship.Self, 1965);
        // Warfarin: no other test here takes it, so this notice (visible to every account in the shared app) tells nobody else.
        await app.AddMedicineAsync(owner, me, "warfarin");
        using var client = await app.SignInAsync(owner);
        var key = $"https://www.fda.gov/safety/medwatch/warfarin-{Guid.NewGuid():N}";
        var noticeId = await app.WithDbAsync(async db =>
        {
            // As the fda-feeds job stores a MedWatch item it matched by name (FdaFeedTests prove that part).
            var notice = new SafetyNotice
            {
                Source = SafetyNotice.MedWatchFeed, ItemKey = key, Title = "Warfarin tablets: FDA safety communication",
                Link = key, PublishedAt = DateTime.UtcNow.AddDays(-2), Summary = "FDA is alerting patients about a labeling error on warfarin tablets.",
                FirstSeenAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Matches = [new SafetyNoticeMatch { DrugSlug = "warfarin", How = RecallMatchKind.Name, Confidence = RecallMatch.Low }],
            };
            db.Add(notice);
            await db.SaveChangesAsync(Ct);
            return notice.Id;
        });

        await NotifyAsync();
        await NotifyAsync(runsAtOnce: 2);

        var item = Assert.Single(await InboxAsync(client), i => i.Contains("Warfarin tablets", StringComparison.Ordinal));
        Assert.Contains("Weak match, by name only: this may affect your medicine.", item, StringComparison.Ordinal);
        Assert.Contains("Do not stop taking a medicine without talking to your doctor or pharmacist", item, StringComparison.Ordinal);
        Assert.Contains($"/alerts/notices/{noticeId}", await client.GetStringAsync("/my/alerts", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manage_caregiver_is_told_and_a_view_only_one_is_not()
    {
        var owner = await app.CreateAccountAsync("notify-owner-{n}@example.org", "Olga Owner");
        var manager = await app.CreateAccountAsync("notify-manager-{n}@example.org", "Max Manager");
        var viewer = await app.CreateAccountAsync("notify-viewer-{n}@example.org", "Vic Viewer");
        var mum = await app.CreateProfileAsync(owner, "Mum", Relationship.Parent, 1948);
        await app.AddMedicineAsync(owner, mum, "lisinopril", MyMedicineFixtures.Medicine("lisinopril") with { Strength = "10 mg" });
        await app.WithDbAsync(async db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = mum, AccountId = manager.Id, Access = CaregiverAccess.Manage, GrantedAt = DateTime.UtcNow });
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = mum, AccountId = viewer.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        await ImportAsync("notify.json");
        await NotifyAsync();

        using var asOwner = await app.SignInAsync(owner);
        using var asManager = await app.SignInAsync(manager);
        using var asViewer = await app.SignInAsync(viewer);
        Assert.Contains("Lisinopril 10 mg on Mum's list", Assert.Single(await InboxAsync(asOwner)), StringComparison.Ordinal);
        Assert.Contains("Lisinopril 10 mg on Mum's list", Assert.Single(await InboxAsync(asManager)), StringComparison.Ordinal);
        Assert.Empty(await InboxAsync(asViewer));
        Assert.Equal("Alerts, none unread", await HeaderAlertsAsync(asViewer));

        // Another person's notification id is a 404, and marks nothing.
        var ownersItem = await app.WithDbAsync(db => db.Set<AlertNotification>().Where(n => n.AccountId == owner.Id).Select(n => n.Id).SingleAsync(Ct));
        var token = await asViewer.GetFormTokenAsync("/my/profiles/new");
        var refused = await asViewer.PostWithTokenAsync("/my/alerts?handler=Read", token, new() { ["id"] = ownersItem.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("Alerts, 1 unread", await HeaderAlertsAsync(asOwner));
    }

    [Fact]
    public async Task A_lot_in_an_old_open_recall_is_told_but_an_old_name_match_and_a_lot_of_another_drug_are_not()
    {
        var owner = await app.CreateAccountAsync("notify-old-{n}@example.org", "Otto Old");
        var me = await app.CreateProfileAsync(owner, "Me", Relationship.Self, 1960);
        var grandma = await app.CreateProfileAsync(owner, "Grandma", Relationship.Grandparent, 1935);
        // Metformin by name only: its recall is from 2012, outside the window. On Grandma's list, with the recalled lot.
        await app.AddMedicineAsync(owner, me, "metformin");
        await app.AddMedicineAsync(owner, grandma, "metformin", MyMedicineFixtures.Medicine("metformin") with { LotNumber = "MTF1205" });
        // A lot string that another firm's recall of another product also names: not this medicine's recall.
        await app.AddMedicineAsync(owner, me, "Examplezole", MyMedicineFixtures.Medicine("Examplezole") with { LotNumber = "ATV2026A" });
        using var client = await app.SignInAsync(owner);

        await ImportAsync("notify.json");
        await NotifyAsync();

        var item = Assert.Single(await InboxAsync(client));
        Assert.Contains("D-9005-2012", item, StringComparison.Ordinal);
        Assert.Contains("Your lot is recalled.", item, StringComparison.Ordinal);
        Assert.Contains("Metformin on Grandma's list.", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_medicine_added_after_the_recall_is_told_on_the_next_run()
    {
        var owner = await app.CreateAccountAsync("notify-later-{n}@example.org", "Lena Later");
        var me = await app.CreateProfileAsync(owner, "Me", Relationship.Self, 1980);
        using var client = await app.SignInAsync(owner);
        await ImportAsync("notify.json");
        await NotifyAsync();
        Assert.Empty(await InboxAsync(client));

        await app.AddMedicineAsync(owner, me, "Testapril", MyMedicineFixtures.Medicine("Testapril") with { Ndc = "99999-0101-90" });
        await NotifyAsync();

        Assert.Contains("D-9002-2026", Assert.Single(await InboxAsync(client)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_download_has_the_inbox_and_the_mail_choice_and_deleting_the_account_removes_them()
    {
        var owner = await app.CreateAccountAsync("notify-data-{n}@example.org", "Dana Data");
        var me = await app.CreateProfileAsync(owner, "Quillon", Relationship.Self, 1975);
        await app.AddMedicineAsync(owner, me, "lisinopril");
        using var client = await app.SignInAsync(owner);
        await TurnOnAlertMailAsync(client);
        Assert.Contains("checked", Regex.Match(await client.GetStringAsync("/account", Ct), "<input[^>]*id=\"list-alerts\"[^>]*>").Value, StringComparison.Ordinal);
        await ImportAsync("notify.json");
        await NotifyAsync();

        var export = await client.GetStringAsync("/account/data?download=1", Ct);
        Assert.Contains("\"alerts\"", export, StringComparison.Ordinal);
        Assert.Contains("\"emailAlerts\": true", export.Replace("\":true", "\": true", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Quillon", export, StringComparison.Ordinal);

        var deleted = await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal((0, 0), await app.WithDbAsync(async db => (
            await db.Set<AlertNotification>().CountAsync(n => n.AccountId == owner.Id, Ct),
            await db.Set<AlertSettings>().CountAsync(s => s.AccountId == owner.Id, Ct))));
    }

    [GeneratedRegex("<li id=\"alert-\\d+\".*?</li>", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    [GeneratedRegex("<a class=\"alerts-link\"[^>]*aria-label=\"([^\"]*)\"", RegexOptions.Singleline)]
    private static partial Regex HeaderPattern();
}
