using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// /alerts/unsubscribe/{token}: the link and the RFC 8058 one-click POST every alert mail carries. The POSTs come
/// from a bare client (no cookies, no anti-forgery token, redirects not followed), as a mail provider sends them.
/// </summary>
public sealed class AlertUnsubscribeTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient BareClient() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

    private string TokenFor(string list, string subject) =>
        app.Services.GetRequiredService<ListUnsubscribe>().Token(list, subject);

    private static FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

    private Task<bool?> EmailAlertsAsync(string accountId) =>
        app.WithDbAsync(db => db.Set<AlertSettings>().Where(s => s.AccountId == accountId).Select(s => (bool?)s.EmailAlerts).FirstOrDefaultAsync(Ct));

    private async Task<TestAccount> AccountWithAlertMailAsync()
    {
        var account = await app.CreateAccountAsync("unsub-{n}@example.org", "Una Subscriber");
        await app.WithDbAsync(async db =>
        {
            db.Add(new AlertSettings { AccountId = account.Id, EmailAlerts = true, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        return account;
    }

    /// <summary>A confirmed public subscription following a drug, told about one recall already.</summary>
    private async Task<Guid> PublicSubscriptionAsync()
    {
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            var recall = new Recall
            {
                RecallNumber = $"D-{Random.Shared.Next(1000, 9999)}-{id.ToString("N")[..6]}", EventId = "99001", Classification = "Class I", Status = "Ongoing",
                ProductDescription = "Testapril tablets", CodeInfo = "Lot 1", ReasonForRecall = "Test", RecallingFirm = "Example", City = "", State = "",
                Country = "", DistributionPattern = "", VoluntaryMandated = "", ProductQuantity = "", Source = Recall.OpenFdaEnforcement,
                FirstSeenAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Add(recall);
            var email = $"sub-{id:N}@example.org";
            db.Add(new AlertSubscription
            {
                Id = id, Email = email, NormalizedEmail = email.ToUpperInvariant(), AllClassI = true,
                ConfirmTokenHash = Web.Infrastructure.Security.SecretTokens.Hash(id.ToString()), CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow,
                Drugs = [new AlertSubscriptionDrug { DrugSlug = "atorvastatin" }],
            });
            await db.SaveChangesAsync(Ct);
            db.Add(new AlertDelivery { SubscriptionId = id, RecallId = recall.Id, QueuedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        return id;
    }

    private Task<(bool Subscription, int Drugs, int Deliveries)> PublicRowsAsync(Guid id) =>
        app.WithDbAsync(async db => (
            await db.Set<AlertSubscription>().AnyAsync(s => s.Id == id, Ct),
            await db.Set<AlertSubscriptionDrug>().CountAsync(d => d.SubscriptionId == id, Ct),
            await db.Set<AlertDelivery>().CountAsync(d => d.SubscriptionId == id, Ct)));

    [Fact]
    public async Task A_bare_one_click_POST_turns_the_accounts_alert_mail_off_and_a_second_POST_still_answers_200()
    {
        var account = await AccountWithAlertMailAsync();
        var path = AlertLists.UnsubscribePath(TokenFor(AlertLists.Account, account.Id));
        using var client = BareClient();

        using var first = await client.PostAsync(path, OneClick(), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Location);
        Assert.Contains("You are unsubscribed", Html.Text(await first.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.False(await EmailAlertsAsync(account.Id));

        using var again = await client.PostAsync(path, OneClick(), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You are unsubscribed", Html.Text(await again.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.False(await EmailAlertsAsync(account.Id));
    }

    [Fact]
    public async Task The_link_opened_only_asks_with_the_address_masked_and_changes_nothing()
    {
        var account = await AccountWithAlertMailAsync();
        var path = AlertLists.UnsubscribePath(TokenFor(AlertLists.Account, account.Id));
        using var client = BareClient();

        using var page = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Stop safety-alert emails to u***@example.org?", Html.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain(account.Email, html, StringComparison.OrdinalIgnoreCase);
        // The button posts back to the same address with the one-click field, so it works without JavaScript.
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form [^>]*method=\"post\"[^>]*>").Value;
        Assert.Contains("method=\"post\"", form, StringComparison.Ordinal);
        Assert.True(!form.Contains("action=", StringComparison.Ordinal) || form.Contains($"action=\"{path}\"", StringComparison.Ordinal), form);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.True(await EmailAlertsAsync(account.Id));
    }

    [Fact]
    public async Task An_account_that_never_chose_stays_without_alert_mail_after_a_multipart_POST()
    {
        var account = await app.CreateAccountAsync("unsub-new-{n}@example.org", "Nora Newcomer");
        using var client = BareClient();
        using var body = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };

        using var response = await client.PostAsync(AlertLists.UnsubscribePath(TokenFor(AlertLists.Account, account.Id)), body, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are unsubscribed", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.NotEqual(true, await EmailAlertsAsync(account.Id));
    }

    [Fact]
    public async Task A_public_subscription_is_deleted_with_its_drugs_and_deliveries_and_the_GET_before_kept_it()
    {
        var id = await PublicSubscriptionAsync();
        var path = AlertLists.UnsubscribePath(TokenFor(AlertLists.Public, id.ToString("N")));
        using var client = BareClient();

        using var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stop safety-alert emails to s***@example.org?", Html.Text(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal((true, 1, 1), await PublicRowsAsync(id));

        using var response = await client.PostAsync(path, OneClick(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your subscription and the address are deleted", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal((false, 0, 0), await PublicRowsAsync(id));
        using var again = await client.PostAsync(path, OneClick(), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_made_up_token_answers_the_friendly_404_and_changes_nothing()
    {
        var account = await AccountWithAlertMailAsync();
        var token = TokenFor(AlertLists.Account, account.Id);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        using var client = BareClient();

        foreach (var bad in new[] { tampered, token[..^4], "not-a-token" })
        {
            using var get = await client.GetAsync(AlertLists.UnsubscribePath(bad), Ct);
            using var post = await client.PostAsync(AlertLists.UnsubscribePath(bad), OneClick(), Ct);

            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Contains("This unsubscribe link does not work", Html.Text(await post.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        Assert.True(await EmailAlertsAsync(account.Id));
    }

    [Fact]
    public async Task A_token_for_one_list_cannot_unsubscribe_the_other()
    {
        var account = await AccountWithAlertMailAsync();
        var subscription = await PublicSubscriptionAsync();
        using var client = BareClient();

        // The account list's token naming the subscription, and the public list's naming the account.
        using var asAccount = await client.PostAsync(AlertLists.UnsubscribePath(TokenFor(AlertLists.Account, subscription.ToString("N"))), OneClick(), Ct);
        using var asPublic = await client.PostAsync(AlertLists.UnsubscribePath(TokenFor(AlertLists.Public, account.Id)), OneClick(), Ct);

        Assert.Equal(HttpStatusCode.NotFound, asAccount.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asPublic.StatusCode);
        Assert.Equal((true, 1, 1), await PublicRowsAsync(subscription));
        Assert.True(await EmailAlertsAsync(account.Id));
    }

    [Fact]
    public async Task One_client_address_posting_past_the_limit_gets_429_and_showing_the_page_stays_free()
    {
        await using var limited = new AccountsApp().WithSetting("Alerts:RateLimits:unsubscribe", "2");
        await limited.InitializeAsync();
        var account = await limited.CreateAccountAsync("unsub-limit-{n}@example.org", "Lim Ited");
        var path = AlertLists.UnsubscribePath(limited.Services.GetRequiredService<ListUnsubscribe>().Token(AlertLists.Account, account.Id));
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(path, OneClick(), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
