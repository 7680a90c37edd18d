using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Tools;

/// <summary>The calculators as a person uses them: typing into the bolus form with JavaScript (live) and without (post), and BMI.</summary>
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
}
