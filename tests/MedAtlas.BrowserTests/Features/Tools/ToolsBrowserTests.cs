using System.Security.Claims;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Tools;

/// <summary>The calculators as a person uses them: typing into the bolus form with JavaScript (live) and without (post), settings saved to a profile, and BMI.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ToolsBrowserTests(BrowserSite site)
{
    private static async Task FillMealAsync(IPage page)
    {
        await page.GetByLabel("Carbohydrate in the meal (grams)").FillAsync("60");
        await page.GetByLabel("Insulin-to-carb ratio (grams per unit)").FillAsync("10");
        await page.GetByLabel("Glucose now").FillAsync("170");
        await page.GetByLabel("Target glucose").FillAsync("120");
        await page.GetByLabel("Correction factor (sensitivity)").FillAsync("40");
        await page.GetByLabel("Insulin on board (units, optional)").FillAsync("0.5");
        await page.GetByLabel("Your pen or pump doses in steps of").SelectOptionAsync("0.5");
    }

    [Fact]
    public async Task With_javascript_the_dose_appears_while_typing_and_matches_the_posted_form()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/tools/bolus");

        await FillMealAsync(page);

        var dose = page.Locator("[data-bolus-result] [data-dose]");
        await Expect(dose).ToHaveTextAsync("6.5 units");
        await Expect(page.Locator("[data-bolus-result] [data-steps] li").Last).ToHaveTextAsync("Rounded down to the nearest 0.5 unit: 6.5 units.");
        Assert.EndsWith("/tools/bolus", page.Url, StringComparison.Ordinal);
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/tools/bolus with a live result");

        await page.GetByLabel("Glucose now").FillAsync("62");
        await Expect(dose).ToHaveTextAsync("0 units");
        await Expect(page.Locator("[data-bolus-result] [data-warning]")).ToContainTextAsync("treat the low first, no bolus");

        await page.GetByLabel("Insulin-to-carb ratio (grams per unit)").FillAsync("0");
        await Expect(page.Locator("[data-bolus-result] [data-problems]")).ToContainTextAsync("The ratio cannot be 0 or less");

        // The same values posted: the server's page gives the same answer the live one did.
        foreach (var (glucose, expected) in new[] { ("170", "6.5 units"), ("250", "8.5 units") })
        {
            await page.GetByLabel("Insulin-to-carb ratio (grams per unit)").FillAsync("10");
            await page.GetByLabel("Glucose now").FillAsync(glucose);
            await Expect(dose).ToHaveTextAsync(expected);
            await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await Expect(dose).ToHaveTextAsync(expected);
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_javascript_the_form_posts_and_shows_the_dose_and_messages_beside_fields()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tools/bolus");
        await Expect(page.GetByText("Follow the settings your diabetes care team gave you.")).ToBeVisibleAsync();

        await FillMealAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();

        await Expect(page.Locator("[data-dose]")).ToHaveTextAsync("6.5 units");
        await Expect(page.GetByText("Total: 6 + 1.25 − 0.5 = 6.75 units.")).ToBeVisibleAsync();

        await page.GetByLabel("Glucose now").FillAsync("5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();

        await Expect(page.Locator("[data-dose]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#CurrentGlucose-error")).ToContainTextAsync("Glucose is read between 20 and 600 mg/dL.");
        await Expect(page.GetByLabel("Glucose now")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task BMI_from_pounds_and_feet_shows_the_category_and_its_limits()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tools/bmi");

        await page.GetByLabel("Imperial (lb, ft and in)").CheckAsync();
        await page.GetByLabel("Weight (lb)").FillAsync("154");
        await page.GetByLabel("Height: feet").FillAsync("5");
        await page.GetByLabel("Height: inches").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();

        await Expect(page.Locator("[data-bmi]")).ToHaveTextAsync("22.7");
        await Expect(page.Locator("[data-category]")).ToContainTextAsync("Healthy weight");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What BMI does not tell you" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/tools/bmi with a result");
    }

    [Fact]
    public async Task Settings_saved_to_a_profile_are_filled_in_when_you_come_back_and_the_live_result_works()
    {
        var (email, password) = await AccountWithProfileAsync("Sam");
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();

        await page.GotoAsync(Url("/tools/bolus"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Save settings for Sam" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bolus calculator for Sam");
        await page.GetByLabel("Insulin-to-carb ratio (grams per unit)").FillAsync("10");
        await page.GetByLabel("Target glucose").FillAsync("120");
        await page.GetByLabel("Correction factor (sensitivity)").FillAsync("40");
        await page.GetByLabel("Your pen or pump doses in steps of").SelectOptionAsync("0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save these settings to Sam" }).ClickAsync();
        await Expect(page.Locator("p.notice-success")).ToHaveTextAsync("The settings are saved to Sam's profile.");

        // Come back another day: from the public calculator's link, the settings are in the form.
        await page.GotoAsync(Url("/tools/bolus"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sam", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Insulin-to-carb ratio (grams per unit)")).ToHaveValueAsync("10");
        await Expect(page.GetByLabel("Target glucose")).ToHaveValueAsync("120");
        await Expect(page.GetByLabel("Correction factor (sensitivity)")).ToHaveValueAsync("40");
        await Expect(page.GetByLabel("Your pen or pump doses in steps of")).ToHaveValueAsync("0.5");
        await Expect(page.GetByLabel("Carbohydrate in the meal (grams)")).ToHaveValueAsync("");

        // Only the meal and the reading to type; the answer comes as you type, as on /tools/bolus.
        await page.GetByLabel("Carbohydrate in the meal (grams)").FillAsync("60");
        await page.GetByLabel("Glucose now").FillAsync("170");
        await page.GetByLabel("Insulin on board (units, optional)").FillAsync("0.5");
        await Expect(page.Locator("[data-bolus-result] [data-dose]")).ToHaveTextAsync("6.5 units");
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/my/profiles/{id}/bolus with saved settings and a live result");
        Assert.Empty(errors);
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    /// <summary>A confirmed account with one My Medicine profile, made through the app's own services.</summary>
    private async Task<(string Email, string Password)> AccountWithProfileAsync(string profileName)
    {
        var email = $"bolus-{Guid.NewGuid():N}@example.org";
        var password = $"maple insulin ledger {Guid.NewGuid():N}";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Bolus Parent", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(account, password)).Succeeded);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(AccountClaims.DisplayNameClaim, account.DisplayName)], "test"));
        var (_, problems) = await scope.ServiceProvider.GetRequiredService<MedicineList>()
            .CreateProfileAsync(user, new ProfileValues(profileName, Relationship.Child, 2014, Sex.NotStated, null, false, false), default);
        Assert.Empty(problems);
        return (email, password);
    }
}
