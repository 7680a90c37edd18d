using System.Text.RegularExpressions;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Alerts;

/// <summary>The public recall list in Chromium: subscribing with the drug suggestions, the messages beside fields, confirming, and the unsubscribe page without JavaScript; axe on each page.</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class SubscriptionBrowserTests(BrowserSite site)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ConfirmationPathAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var mail = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.To == email && m.Kind == "alert-subscribe", Ct);
        return new Uri(Link().Match(mail.TextBody).Value).PathAndQuery;
    }

    [Fact]
    public async Task Subscribe_with_a_suggested_drug_see_the_messages_beside_fields_and_confirm()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/alerts/subscribe");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "FDA recall alerts by email" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/alerts/subscribe");

        await page.GetByLabel("Drug 1").FillAsync("atorv");
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await Expect(page.GetByLabel("Drug 1")).ToHaveValueAsync(new Regex("atorvastatin", RegexOptions.IgnoreCase));
        await page.GetByLabel("Drug 2").FillAsync("Zorblaxitol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(page.Locator("#Email-error")).ToContainTextAsync("Enter your email address.");
        await Expect(page.Locator("#Drugs_1_-error")).ToContainTextAsync("“Zorblaxitol” is not a drug MedAtlas knows.");
        await Expect(page.GetByLabel("Drug 2")).ToHaveAttributeAsync("aria-invalid", "true");
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/alerts/subscribe with problems");

        var email = $"browser-{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Drug 2").FillAsync("");
        await page.GetByLabel("All Class I recalls (the most serious)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        await page.GotoAsync(await ConfirmationPathAsync(email));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your recall alerts" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/alerts/subscribe/confirm/{token}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my recall alerts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recall alerts are on" })).ToBeVisibleAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("every Class I drug recall");
    }

    [Fact]
    public async Task The_unsubscribe_page_asks_first_and_its_button_works_without_javascript()
    {
        var id = Guid.NewGuid();
        var email = $"leaving-{id:N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            db.Add(new AlertSubscription
            {
                Id = id, Email = email, NormalizedEmail = email.ToUpperInvariant(), AllClassI = true,
                ConfirmTokenHash = Web.Infrastructure.Security.SecretTokens.Hash(id.ToString()), CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        var path = AlertLists.UnsubscribePath(site.Services.GetRequiredService<ListUnsubscribe>().Token(AlertLists.Public, id.ToString("N")));
        // axe runs in the page, so it needs JavaScript: it checks the pages in a context with it, the button is pressed in one without.
        await using var withScript = await site.NewContextAsync();
        var checkedPage = await withScript.NewPageAsync();
        await checkedPage.GotoAsync(path);
        await Expect(checkedPage.GetByRole(AriaRole.Heading, new() { Name = "Stop safety-alert emails to l***@example.org?" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(checkedPage, "/alerts/unsubscribe/{token}");

        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop the emails" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are unsubscribed" })).ToBeVisibleAsync();
        await checkedPage.ReloadAsync();
        await Expect(checkedPage.GetByRole(AriaRole.Heading, new() { Name = "You are unsubscribed" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(checkedPage, "/alerts/unsubscribe/{token} after unsubscribing");
        await using var check = site.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<MedAtlasDbContext>().Set<AlertSubscription>().AnyAsync(s => s.Id == id, Ct));
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
