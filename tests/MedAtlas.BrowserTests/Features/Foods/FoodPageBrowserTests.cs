using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Foods;

/// <summary>The public food page as a person uses it: picking a household measure (a plain GET form), axe-clean.</summary>
[Collection(SharedBrowser.Name)]
public sealed class FoodPageBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task Picking_a_measure_shows_the_nutrients_for_it()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/foods/09040");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bananas, raw", Level = 1 })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/foods/09040");

        await page.GetByLabel("Show nutrients per").SelectOptionAsync(new SelectOptionValue { Label = "1 medium (7\" to 7-7/8\" long) (118 g)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // 89 kcal per 100 g: 105 in a medium banana of 118 g.
        var energy = page.GetByRole(AriaRole.Row, new() { Name = "Energy" });
        await Expect(energy.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("105");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Per 1 medium (7\" to 7-7/8\" long)" })).ToBeVisibleAsync();
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/foods/09040?portion=5");
    }
}
