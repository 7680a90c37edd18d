using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Interactions;

/// <summary>Building a medicine list, reading the results, and sharing them by address.</summary>
[Collection(SharedBrowser.Name)]
public sealed class CheckerBrowserTests(BrowserSite site)
{
    private static async Task AddAsync(IPage page, string typed, string suggestion)
    {
        var box = page.GetByLabel("Add a medicine (brand or generic name)");
        await box.PressSequentiallyAsync(typed, new() { Delay = 30 });
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = suggestion }).First.ClickAsync();
        await Expect(box).ToHaveValueAsync(suggestion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task A_list_built_with_autocomplete_shows_results_and_the_shared_address_shows_them_again()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/interaction-checker");

        await AddAsync(page, "warf", "Warfarin");
        await AddAsync(page, "ibupro", "Ibuprofen");
        await AddAsync(page, "tylen", "Acetaminophen");

        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Major (" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warfarin and Ibuprofen" })).ToBeVisibleAsync();
        Assert.Contains("drugs=warfarin", Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);

        // Someone else opens the address: same list, same results, no session needed.
        var shared = page.Url;
        await using var other = await site.NewContextAsync();
        var reopened = await other.NewPageAsync();
        await reopened.GotoAsync(shared);
        await Expect(reopened.Locator(".med-items li")).ToHaveCountAsync(3);
        await Expect(reopened.GetByRole(AriaRole.Heading, new() { Name = "Warfarin and Ibuprofen" })).ToBeVisibleAsync();

        await reopened.ReloadAsync();
        await Expect(reopened.GetByRole(AriaRole.Heading, new() { Name = "Warfarin and Ibuprofen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Without_javascript_a_typed_name_is_added_and_removed_with_plain_links()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/interaction-checker?drugs=nitroglycerin");

        await page.GetByLabel("Add a medicine (brand or generic name)").FillAsync("Viagra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contraindicated (" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Sildenafil from the list" }).ClickAsync();
        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_misspelled_name_is_explained_next_to_the_field_with_a_suggestion()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/interaction-checker?drugs=warfarin");

        await page.GetByLabel("Add a medicine (brand or generic name)").FillAsync("ibuprofin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Expect(page.Locator("#add-error")).ToContainTextAsync("We could not find “ibuprofin”");
        await page.Locator("#add-error").GetByRole(AriaRole.Link, new() { Name = "Ibuprofen" }).ClickAsync();
        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(2);
    }
}
