using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Commands;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Alerts;

/// <summary>
/// The FDA alert pages in Chromium, on the hand-written enforcement fixture (alerts-pages.json): filtering /alerts with
/// the drug suggestions, a recall's page, and an editor linking an unmatched recall; axe on each kind of page.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class AlertsBrowserTests(BrowserSite site)
{
    private const string Password = "a long browser passphrase for alerts";

    private static readonly SemaphoreSlim Imported = new(1, 1);
    private static bool imported;

    private async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        await Imported.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!imported)
            {
                using var output = new StringWriter();
                var exitCode = await AppCommands.RunAsync(site.Services,
                    ["import", "openfda-enforcement", SharedData.Fixture("openfda-enforcement", "alerts-pages.json")], output, TestContext.Current.CancellationToken);
                Assert.True(exitCode == 0, output.ToString());
                imported = true;
            }
        }
        finally
        {
            Imported.Release();
        }

        return await context.NewPageAsync();
    }

    [Fact]
    public async Task Alerts_are_narrowed_to_a_medicine_chosen_from_the_suggestions_and_the_pages_pass_axe()
    {
        await using var context = await site.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync("/alerts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "FDA drug recalls and safety alerts" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page, "/alerts");

        var drug = page.GetByRole(AriaRole.Combobox, new() { Name = "Medicine" });
        await drug.FillAsync("atorva");
        await Expect(page.Locator(".autocomplete-list [role=option]").First).ToContainTextAsync("Atorvastatin");
        await drug.PressAsync("ArrowDown");
        await drug.PressAsync("Enter");
        await Expect(drug).ToHaveValueAsync("Atorvastatin");
        await page.GetByLabel("Status").SelectOptionAsync("Ongoing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1 recall and 0 safety notices match" })).ToBeVisibleAsync();
        await Expect(page.Locator(".alert-row h3 a")).ToHaveTextAsync(["Atorvastatin Calcium Tablets, USP, 10 mg, 90-count bottles, Rx only, Manufactured for: Example Generics LLC"]);
        await Expect(page.Locator(".alert-row")).ToContainTextAsync("weak match: check the lot on your bottle");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/alerts filtered");

        await page.GotoAsync("/alerts?from=2024-03-01&to=2024-02-01");
        await Expect(page.Locator("#to-error")).ToContainTextAsync("The end date is before the start date");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/alerts with a date problem");
    }

    [Fact]
    public async Task A_recall_page_reads_from_what_to_what_to_do_and_passes_axe()
    {
        await using var context = await site.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync("/alerts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Testapril (quinapril tablets, USP) 20 mg" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drug recall D-0201-2024", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "What to do" })).ToContainTextAsync("talking to your doctor or pharmacist");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Which lots" })).ToContainTextAsync("QA1001");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/alerts/D-0201-2024");
    }

    [Fact]
    public async Task An_editor_links_an_unmatched_recall_by_typing_a_name_and_the_page_passes_axe()
    {
        var email = $"alerts-editor-{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(StaffRoles.Editor))
                await roles.CreateAsync(new IdentityRole(StaffRoles.Editor));
            var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Ella Editor", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(account, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, StaffRoles.Editor)).Succeeded);
        }

        await using var context = await site.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync(new Uri(site.LocalhostAddress, "/sign-in").ToString());
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(site.LocalhostAddress, "/admin/alerts/unmatched").ToString());
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/alerts/unmatched");
        var field = page.GetByLabel("Medicine for recall D-0212-2024");
        await field.FillAsync("Torvenix");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link recall D-0212-2024" }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync("No medicine in the catalogue is called “Torvenix”");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/alerts/unmatched with a problem");

        await page.GetByLabel("Medicine for recall D-0212-2024").FillAsync("fluticasone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link recall D-0212-2024" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("D-0212-2024 is now linked to Fluticasone");
        await Expect(page.GetByLabel("Medicine for recall D-0212-2024")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(site.LocalhostAddress, "/admin/alerts").ToString());
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/alerts");
    }
}
