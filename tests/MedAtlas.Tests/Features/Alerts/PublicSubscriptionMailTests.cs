using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// The public recall list from end to end, as a subscriber lives it: the form, the confirmation mail in the real
/// SMTP sink, the confirm button, recalls imported with <c>import openfda-enforcement</c> (tests/fixtures), the mail
/// job, the mail with its List-Unsubscribe headers, and the one-click POST to the header's address. Each test has
/// its own app: recalls are global, so one test's import would mail another test's subscribers.
/// </summary>
public sealed class PublicSubscriptionMailTests : IAsyncLifetime
{
    // The fixtures' report dates are from 2024; "recent" here reaches back ten years, so only the 2005 one is history.
    private readonly MedAtlasApp app = new MedAtlasApp().WithSmtpSink().WithSetting("Alerts:PublicMail:ReportedWithinDays", "3650");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task ImportAsync(string fixture)
    {
        var (exitCode, output) = await app.RunCommandAsync("import", "openfda-enforcement", SharedData.Fixture("openfda-enforcement", fixture));
        Assert.True(exitCode == 0, output);
    }

    /// <summary>Subscribes through the form and confirms through the link in the delivered mail; answers the address.</summary>
    private async Task<string> SubscribeAndConfirmAsync(string name, bool allClassI, params string[] drugs)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        using var visitor = new AccountVisitor(app);
        using var subscribed = await visitor.SubscribeAsync(email, allClassI, drugs);
        Assert.Equal("/alerts/subscribe?sent=true", subscribed.RedirectPathAndQuery());

        var confirmation = await MailSink.Shared.WaitForMailToAsync(email);
        Assert.Equal("Confirm your MedAtlas recall alerts", confirmation.Subject);
        Assert.Null(confirmation.Headers["List-Unsubscribe"]);
        var link = MailSink.FirstLink(confirmation).PathAndQuery;
        Assert.StartsWith("/alerts/subscribe/confirm/", link, StringComparison.Ordinal);

        // Opening the link (as a mail scanner would) confirms nothing; the button does.
        var page = await visitor.GetPageAsync(link);
        Assert.Contains("Confirm my recall alerts", Html.Text(page), StringComparison.Ordinal);
        Assert.False(await ConfirmedAsync(email));
        using var confirmed = await visitor.PostFormAsync(link, new Dictionary<string, string>());
        Assert.Contains("Your recall alerts are on", await confirmed.PageTextAsync(), StringComparison.Ordinal);
        Assert.True(await ConfirmedAsync(email));
        return email;
    }

    private Task<bool> ConfirmedAsync(string email) =>
        app.WithDbAsync(db => db.Set<AlertSubscription>().AnyAsync(s => s.Email == email && s.ConfirmedAt != null, Ct));

    private static List<MimeMessage> AlertMailsTo(string email) =>
        MailSink.Shared.MessagesTo(email).Where(m => m.Subject != "Confirm your MedAtlas recall alerts").ToList();

    [Fact]
    public async Task A_confirmed_subscriber_gets_one_mail_about_new_recalls_only_and_the_one_click_POST_from_its_header_stops_the_mail()
    {
        await ImportAsync("subscriptions-before.json");
        var classI = await SubscribeAndConfirmAsync("class-one", allClassI: true);
        var follower = await SubscribeAndConfirmAsync("follower", allClassI: false, "Lipitor");
        using var pending = new AccountVisitor(app);
        var unconfirmed = $"unconfirmed-{Guid.NewGuid():N}@example.org";
        (await pending.SubscribeAsync(unconfirmed, allClassI: true, "atorvastatin")).Dispose();

        await ImportAsync("subscriptions-new.json");
        await app.RunPublicMailAsync();
        await app.OutboxSentAsync();

        // Every Class I recall first seen since confirming and still open, and nothing older, terminated or from 2005.
        var mail = Assert.Single(AlertMailsTo(classI));
        var text = mail.TextBody ?? "";
        Assert.Contains("Class I recall D-0301-2024 (the most serious class): a dangerous or defective product that could cause serious health problems or death.", text, StringComparison.Ordinal);
        Assert.Contains("Product (FDA's words): Exampladine Oral Solution, 10 mg/mL, 100 mL bottle, Rx only", text, StringComparison.Ordinal);
        Assert.Contains("Reason (FDA's words): Microbial Contamination of Non-Sterile Products: Burkholderia cepacia found in the product", text, StringComparison.Ordinal);
        Assert.Contains("/alerts/D-0301-2024", text, StringComparison.Ordinal);
        Assert.Contains("talking to your doctor or pharmacist", text, StringComparison.Ordinal);
        foreach (var notMailed in new[] { "D-0300-2024", "D-0302-2024", "D-0303-2024", "D-0304-2005" })
            Assert.DoesNotContain(notMailed, text, StringComparison.Ordinal);

        // The follower of Lipitor (atorvastatin) hears of its Class II recall, labelled as a name-only match, and of no Class I.
        var followed = Assert.Single(AlertMailsTo(follower));
        Assert.Contains("Class II recall D-0302-2024", followed.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("matched to it by name only", followed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("D-0301-2024", followed.TextBody, StringComparison.Ordinal);
        Assert.Empty(AlertMailsTo(unconfirmed));

        // The same run again, and the same file imported again: still one mail each.
        await app.RunPublicMailAsync();
        await ImportAsync("subscriptions-new.json");
        await app.RunPublicMailAsync();
        await app.OutboxSentAsync();
        Assert.Single(AlertMailsTo(classI));
        Assert.Single(AlertMailsTo(follower));

        // One click in the mail program: a bare POST to the header's address.
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var header = mail.Headers["List-Unsubscribe"] ?? "";
        Assert.Matches("^<https?://[^>]+>$", header);
        var unsubscribe = new Uri(header.Trim('<', '>'));
        Assert.Contains(unsubscribe.ToString(), text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{unsubscribe}\"", mail.HtmlBody ?? "", StringComparison.Ordinal);
        using (var client = app.BareClient())
        {
            using var response = await client.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }

        Assert.False(await app.WithDbAsync(db => db.Set<AlertSubscription>().AnyAsync(s => s.Email == classI, Ct)));

        await ImportAsync("subscriptions-later.json");
        await app.RunPublicMailAsync();
        await app.OutboxSentAsync();
        Assert.Single(AlertMailsTo(classI));
        var second = AlertMailsTo(follower);
        Assert.Equal(2, second.Count);
        Assert.Contains(second, m => (m.TextBody ?? "").Contains("D-0306-2024", StringComparison.Ordinal) && !(m.TextBody ?? "").Contains("D-0305-2024", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unconfirmed_subscriptions_older_than_seven_days_are_deleted_by_the_job_and_their_link_stops_working()
    {
        var email = $"stale-{Guid.NewGuid():N}@example.org";
        using var visitor = new AccountVisitor(app);
        (await visitor.SubscribeAsync(email, allClassI: true)).Dispose();
        var link = MailSink.FirstLink(await MailSink.Shared.WaitForMailToAsync(email)).PathAndQuery;
        await app.WithDbAsync(db => db.Set<AlertSubscription>().Where(s => s.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTime.UtcNow.AddDays(-8)), Ct));

        using var expired = await visitor.Http.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("This confirmation link does not work", await expired.PageTextAsync(), StringComparison.Ordinal);

        await app.RunPublicMailAsync();

        Assert.False(await app.WithDbAsync(db => db.Set<AlertSubscription>().AnyAsync(s => s.Email == email, Ct)));
        Assert.Empty(await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.To == email && m.Kind == "alert-public").ToListAsync(Ct)));
    }
}
