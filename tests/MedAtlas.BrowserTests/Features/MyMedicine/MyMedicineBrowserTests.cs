using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.MyMedicine;

/// <summary>
/// My Medicine as a parent uses it, in Chromium: sign up through the delivered mail, add a child's profile, see an
/// interaction as the second medicine is typed, an allergy warning, the print view; then another person gets 404
/// for every one of those addresses.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class MyMedicineBrowserTests(BrowserSite site)
{
    private const string Password = "seven lanterns over the bay";

    [Fact]
    public async Task A_parent_keeps_a_childs_list_and_nobody_else_can_open_any_of_it()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = $"parent-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync(Url("/register"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Paula Parent");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        var delivered = await MailSink.Shared.WaitForMailToAsync(email);
        // The link as delivered: the site built it from the address the browser used.
        await page.GotoAsync(MailSink.FirstLink(delivered).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email is confirmed" })).ToBeVisibleAsync();
        await SignInAsync(page, email, Password);

        var visited = new List<string>();
        await page.GotoAsync(Url("/my"));
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my (empty)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a profile" }).ClickAsync();
        visited.Add(new Uri(page.Url).PathAndQuery);
        await page.GetByLabel("Name or nickname").FillAsync("Sam");
        await page.GetByLabel("Who is this to you?").SelectOptionAsync("Child");
        await page.GetByLabel("Birth year (optional)").FillAsync("2017");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sam", Exact = true })).ToBeVisibleAsync();
        var profile = new Uri(page.Url).AbsolutePath;
        visited.Add(profile);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a medicine" }).ClickAsync();
        visited.Add(new Uri(page.Url).PathAndQuery);
        await page.GetByLabel("Medicine (brand or generic name)").FillAsync("warfarin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add medicine" }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Added Warfarin");
        visited.Add(new Uri(page.Url).AbsolutePath);

        // The second medicine: the interaction shows while the form is still being filled in.
        await page.GotoAsync(Url(profile + "/medicines/new"));
        var name = page.GetByLabel("Medicine (brand or generic name)");
        await name.FillAsync("ibuprofen");
        await name.BlurAsync();
        await Expect(page.Locator("#live-check")).ToContainTextAsync("Interactions (1)");
        await Expect(page.Locator("#live-check")).ToContainTextAsync("Warfarin");
        await AccessibilityTests.AssertNoViolationsAsync(page, "add medicine with the live check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add medicine" }).ClickAsync();
        await Expect(page.Locator(".safety-checks")).ToContainTextAsync("Major");
        await AccessibilityTests.AssertNoViolationsAsync(page, "a medicine's page");

        // An allergy, then a medicine it matches.
        await page.GotoAsync(Url(profile + "/edit"));
        visited.Add(profile + "/edit");
        await page.GetByLabel("Allergic to").FillAsync("penicillin");
        await page.GetByLabel("What happened (optional)").FillAsync("hives");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add allergy" }).ClickAsync();
        await Expect(page.Locator("#allergies")).ToContainTextAsync("Penicillins");
        await AccessibilityTests.AssertNoViolationsAsync(page, "edit profile");
        await page.GotoAsync(Url(profile + "/medicines/new"));
        await page.GetByLabel("Medicine (brand or generic name)").FillAsync("amoxicillin");
        await page.GetByLabel("Medicine (brand or generic name)").BlurAsync();
        await Expect(page.Locator("#live-check")).ToContainTextAsync("Allergy warning");
        await Expect(page.Locator("#live-check")).ToContainTextAsync("Sam is allergic to Penicillins");

        await page.GotoAsync(Url(profile));
        await Expect(page.Locator(".results-panel")).ToContainTextAsync("Ibuprofen and Warfarin");
        await AccessibilityTests.AssertNoViolationsAsync(page, "a profile");
        await page.GotoAsync(Url(profile + "/caregivers"));
        visited.Add(profile + "/caregivers");
        await AccessibilityTests.AssertNoViolationsAsync(page, "caregivers");

        await page.GotoAsync(Url(profile));
        await page.GetByRole(AriaRole.Link, new() { Name = "Print the list" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Warfarin");
        visited.Add(new Uri(page.Url).AbsolutePath);

        // Someone else, signed in, finds nothing at any of those addresses.
        var (otherEmail, otherPassword) = await NewAccountAsync("Oscar Other");
        await using var otherContext = await site.NewContextAsync();
        var other = await otherContext.NewPageAsync();
        await SignInAsync(other, otherEmail, otherPassword);
        foreach (var path in visited.Where(p => p.Contains(profile, StringComparison.Ordinal)).Distinct())
        {
            var response = await other.GotoAsync(Url(path));
            Assert.True(response!.Status == 404, $"{path} answered {response.Status} to another account");
            await Expect(other.Locator("main")).Not.ToContainTextAsync("Sam");
        }

        await other.GotoAsync(Url("/my"));
        await Expect(other.Locator("main")).Not.ToContainTextAsync("Sam");
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();
    }

    private async Task<(string Email, string Password)> NewAccountAsync(string displayName)
    {
        var email = $"other-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var created = await users.CreateAsync(new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTime.UtcNow }, Password);
        Assert.True(created.Succeeded);
        return (email, Password);
    }
}
