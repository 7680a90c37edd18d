using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Alerts;

/// <summary>
/// /my/alerts in Chromium: the header says how many alerts are unread, the inbox passes axe, and marking one read
/// (keyboard only) takes the count away. The notification is written as the notifier would write it; the
/// notifier itself is proved over HTTP and SMTP in AlertNotificationTests.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class AlertInboxBrowserTests(BrowserSite site)
{
    private const string Password = "an inbox passphrase long enough";

    [Fact]
    public async Task The_header_counts_unread_alerts_and_marking_one_read_clears_it()
    {
        var (email, title) = await AccountWithOneAlertAsync();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        var badge = page.GetByRole(AriaRole.Link, new() { Name = "Alerts, 1 unread" });
        await Expect(badge).ToBeVisibleAsync();
        await badge.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your alerts", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".alert-inbox")).ToContainTextAsync("Your lot is recalled");
        await Expect(page.Locator(".alert-inbox")).ToContainTextAsync("talking to your doctor or pharmacist");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/alerts (one unread)");

        var markRead = page.GetByRole(AriaRole.Button, new() { Name = $"Mark as read: {title}" });
        await markRead.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alerts, none unread" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("All read.");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/alerts (all read)");
    }

    private async Task<(string Email, string Title)> AccountWithOneAlertAsync()
    {
        var email = $"inbox-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Ines Inbox", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(account, Password)).Succeeded);

        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var number = $"D-{Random.Shared.Next(10000, 99999)}-2026";
        var recall = new Recall
        {
            RecallNumber = number, EventId = "99001", Classification = "Class II", Status = "Ongoing",
            ProductDescription = "Inboxamine Tablets, 10 mg, 30-count bottle", CodeInfo = "Lot INB26A, Exp 12/2027",
            ReasonForRecall = "Failed dissolution specifications", RecallingFirm = "Example Pharma", City = "Springfield",
            State = "IL", Country = "United States", DistributionPattern = "Nationwide", VoluntaryMandated = "Voluntary: Firm initiated",
            ProductQuantity = "1,000 bottles", Source = Recall.OpenFdaEnforcement, ReportDate = new DateOnly(2026, 11, 25),
            FirstSeenAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Add(recall);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Add(new AlertNotification
        {
            AccountId = account.Id, Kind = AlertKind.Recall, AlertId = recall.Id, ProfileId = Guid.NewGuid(), MedicineId = Guid.NewGuid(),
            ProfileName = "Ines", MedicineName = "Inboxamine 10 mg", Strength = AlertStrength.Lot, MatchedMedicines = 1, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        // The inbox shows the product as the item's title.
        var item = (await scope.ServiceProvider.GetRequiredService<AlertInbox>().ListAsync(PrincipalOf(account), TestContext.Current.CancellationToken)).Single();
        return (email, item.Title);
    }

    private static System.Security.Claims.ClaimsPrincipal PrincipalOf(Account account) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, account.Id)], "test"));
}
