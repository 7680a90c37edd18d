using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>/alerts/subscribe and its confirmation link over HTTP: what the form refuses and says, and what confirming does.</summary>
public sealed class PublicSubscriptionFormTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    private Task<List<AlertSubscription>> SubscriptionsAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.WithDbAsync(db => db.Set<AlertSubscription>().Include(s => s.Drugs).Where(s => s.NormalizedEmail == normalized).ToListAsync(Ct));
    }

    private Task<List<OutboxMessage>> MailsAsync(string email) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.To == email).ToListAsync(Ct));

    [Fact]
    public async Task The_form_shows_each_problem_beside_its_field_and_saves_nothing()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewAddress("problems");

        using var nothingChosen = await visitor.SubscribeAsync(email, allClassI: false);
        using var badAddress = await visitor.SubscribeAsync("not-an-address", allClassI: true);
        using var unknownDrug = await visitor.SubscribeAsync(email, allClassI: false, "atorvastatin", "Zorblaxitol");

        Assert.Equal(HttpStatusCode.OK, nothingChosen.StatusCode);
        var html = await nothingChosen.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"choices-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Choose “All Class I recalls”, or name at least one drug to follow.", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.org.", await badAddress.PageTextAsync(), StringComparison.Ordinal);
        html = await unknownDrug.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Drugs_1_-error\"", html, StringComparison.Ordinal);
        Assert.Contains("“Zorblaxitol” is not a drug MedAtlas knows.", Html.Text(html), StringComparison.Ordinal);
        // What was typed stays in the fields.
        Assert.Contains("value=\"atorvastatin\"", html, StringComparison.Ordinal);
        Assert.Empty(await SubscriptionsAsync(email));
        Assert.Empty(await MailsAsync(email));
    }

    [Fact]
    public async Task A_good_choice_answers_check_your_email_and_queues_one_confirmation_with_the_subscription()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewAddress("good");

        using var response = await visitor.SubscribeAsync(email, allClassI: true, "Lipitor", "ibuprofen", "atorvastatin");

        Assert.Equal("/alerts/subscribe?sent=true", response.RedirectPathAndQuery());
        Assert.Contains("Check your email", Html.Text(await visitor.GetPageAsync("/alerts/subscribe?sent=true")), StringComparison.Ordinal);
        var subscription = Assert.Single(await SubscriptionsAsync(email));
        Assert.Null(subscription.ConfirmedAt);
        Assert.True(subscription.AllClassI);
        // Lipitor is atorvastatin: one drug followed, once.
        Assert.Equal(["atorvastatin", "ibuprofen"], subscription.Drugs.Select(d => d.DrugSlug).Order(StringComparer.Ordinal));
        var mail = Assert.Single(await MailsAsync(email));
        Assert.Equal($"alert-subscribe:{subscription.Id:N}", mail.Key);
        Assert.Null(mail.AccountId);
        Assert.Contains("every Class I drug recall", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_five_sign_ups_a_day_for_one_address_answer_the_same_page_and_mail_no_more()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewAddress("flooded");

        var answers = new List<string?>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await visitor.SubscribeAsync(email, allClassI: true);
            answers.Add(response.RedirectPathAndQuery());
        }

        Assert.All(answers, a => Assert.Equal("/alerts/subscribe?sent=true", a));
        Assert.Equal(PublicSubscriptions.PendingPerAddressPerDay, (await SubscriptionsAsync(email)).Count);
        Assert.Equal(PublicSubscriptions.PendingPerAddressPerDay, (await MailsAsync(email)).Count);
    }

    [Fact]
    public async Task Confirming_replaces_the_addresses_earlier_subscriptions_and_a_made_up_link_changes_nothing()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewAddress("replace");
        (await visitor.SubscribeAsync(email, allClassI: true)).Dispose();
        var first = await Mail.LinkAsync(app, email, "alert-subscribe");
        (await visitor.PostFormAsync(first, new Dictionary<string, string>())).Dispose();
        (await visitor.SubscribeAsync(email.ToUpperInvariant(), allClassI: false, "ibuprofen")).Dispose();
        var second = (await MailsAsync(email.ToUpperInvariant())).Single();
        var secondLink = new Uri(System.Text.RegularExpressions.Regex.Match(second.TextBody, @"https?://\S+").Value).PathAndQuery;

        using var bogus = await visitor.Http.GetAsync("/alerts/subscribe/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Ct);
        Assert.Equal(HttpStatusCode.NotFound, bogus.StatusCode);
        Assert.Contains("This confirmation link does not work", await bogus.PageTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await SubscriptionsAsync(email)).Count);

        using var confirmed = await visitor.PostFormAsync(secondLink, new Dictionary<string, string>());
        Assert.Contains("recalls of ibuprofen", await confirmed.PageTextAsync(), StringComparison.OrdinalIgnoreCase);
        var left = Assert.Single(await SubscriptionsAsync(email));
        Assert.False(left.AllClassI);
        Assert.NotNull(left.ConfirmedAt);

        // The first link named a subscription that is gone.
        using var old = await visitor.Http.GetAsync(first, Ct);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task The_form_offers_three_more_drug_fields_without_javascript()
    {
        using var visitor = new AccountVisitor(app);
        var fields = new Dictionary<string, string> { ["Email"] = NewAddress("more"), ["Drugs[0]"] = "ibuprofen", ["Drugs[1]"] = "", ["Drugs[2]"] = "", ["more"] = "true" };

        using var response = await visitor.PostFormAsync("/alerts/subscribe", fields);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Drugs_5_\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"Drugs_6_\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ibuprofen\"", html, StringComparison.Ordinal);
        Assert.Empty(await SubscriptionsAsync(fields["Email"]));
    }
}
