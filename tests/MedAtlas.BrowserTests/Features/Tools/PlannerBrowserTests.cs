using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Tools;

/// <summary>
/// The food &amp; fitness planner in Chromium: signed in, search a food, add a household portion, read the day's
/// totals and the week's chart; as a visitor without JavaScript, add a food and find it in the address. axe checks the
/// day, goals and week pages.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PlannerBrowserTests(BrowserSite site)
{
    private const string Password = "a planner passphrase long enough";

    // The starter foods (data/seed/foods, USDA SR28) hold "Bananas, raw" (09040): a medium one (7" to 7-7/8" long) is
    // 118 g, with 89 kcal and 22.84 g carbohydrate per 100 g.

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();
    private async Task<(string Email, Guid Profile)> AccountWithProfileAsync()
    {
        var email = $"planner-{Guid.NewGuid().ToString("N")[..12]}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pat Planner", CreatedAt = DateTime.UtcNow.AddDays(-30) };
        Assert.True((await users.CreateAsync(account, Password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var profile = new Profile { Id = Guid.NewGuid(), AccountId = account.Id, Name = "Pat", Relationship = Relationship.Self, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.Add(profile);
        await db.SaveChangesAsync();
        return (email, profile.Id);
    }

    [Fact]
    public async Task Signed_in_a_person_searches_adds_a_portion_and_sees_the_totals_and_the_week_chart()
    {
        var (email, profile) = await AccountWithProfileAsync();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();

        await page.GotoAsync(Url($"/my/profiles/{profile}/planner?date=2026-11-30"));
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/{id}/planner");
        await page.GetByLabel("Search foods").FillAsync("banana");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find foods" }).ClickAsync();
        var hit = page.Locator("li.planner-hit", new() { HasText = "Bananas, raw" });
        await hit.GetByLabel("Meal").SelectOptionAsync("Lunch");
        await hit.GetByLabel("Portion").SelectOptionAsync(new SelectOptionValue { Label = "1 medium (7\" to 7-7/8\" long) (118 g)" });
        await hit.GetByLabel("How many").FillAsync("2");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/{id}/planner with search results");
        await hit.GetByRole(AriaRole.Button, new() { Name = "Add Bananas, raw" }).ClickAsync();

        // Two medium: 236 g, 89 × 2.36 = 210.04 kcal and 22.84 × 2.36 = 53.9 g carbohydrate.
        await Expect(page.Locator("[data-figure=Kcal] [data-eaten]")).ToHaveTextAsync("210 kcal");
        await Expect(page.Locator("[data-figure=CarbsG] [data-eaten]")).ToContainTextAsync("53.9 g");
        await Expect(page.Locator("[data-meal-carbs=Lunch]")).ToContainTextAsync("Carbohydrate at lunch: 53.9 g");

        await page.GetByRole(AriaRole.Link, new() { Name = "Daily goals", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pat's daily goals");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/{id}/planner/goals");

        await page.GotoAsync(Url($"/my/profiles/{profile}/planner/week?date=2026-11-30"));
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Calories eaten and burned by exercise" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-week-table] tr", new() { HasText = "Mon 30 Nov" })).ToContainTextAsync("210 kcal");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/{id}/planner/week");
    }

    [Fact]
    public async Task Without_javascript_a_visitor_adds_a_food_and_the_address_carries_it()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/tools/planner?date=2026-11-30&q=banana"));
        await Expect(page.GetByText("Nothing you enter is stored on this site.")).ToBeVisibleAsync();

        var hit = page.Locator("li.planner-hit", new() { HasText = "Bananas, raw" });
        await hit.GetByLabel("Portion").SelectOptionAsync(new SelectOptionValue { Label = "1 medium (7\" to 7-7/8\" long) (118 g)" });
        await hit.GetByLabel("How many").FillAsync("1");
        await hit.GetByRole(AriaRole.Button, new() { Name = "Add Bananas, raw" }).ClickAsync();

        await Expect(page.Locator("[data-figure=Kcal] [data-eaten]")).ToHaveTextAsync("105 kcal");
        Assert.Contains("log=1", page.Url, StringComparison.Ordinal);
        // Cookie-free: the only cookie is the anti-forgery one every form gets; the log is not in it.
        Assert.All(await context.CookiesAsync([Url("/tools/planner")]), c => Assert.Equal("medatlas-af", c.Name));

        // The address alone brings the log back, in a new context with nothing else.
        await using var other = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var again = await other.NewPageAsync();
        await again.GotoAsync(page.Url);
        await Expect(again.Locator("[data-figure=Kcal] [data-eaten]")).ToHaveTextAsync("105 kcal");

        // axe-core is a script, so it cannot run where scripts are off: the same address in an ordinary context is the
        // same page (the log is in the address), checked there.
        await using var scripted = await site.NewContextAsync();
        var checkedPage = await scripted.NewPageAsync();
        await checkedPage.GotoAsync(page.Url);
        await Expect(checkedPage.Locator("[data-figure=Kcal] [data-eaten]")).ToHaveTextAsync("105 kcal");
        await AccessibilityTests.AssertNoViolationsAsync(checkedPage, "/tools/planner with a log");
    }
}
