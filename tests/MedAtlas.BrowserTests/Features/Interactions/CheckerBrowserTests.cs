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
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
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
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Expect(page.Locator("#add-error")).ToContainTextAsync("We could not find “ibuprofin”");
        await page.Locator("#add-error").GetByRole(AriaRole.Link, new() { Name = "Ibuprofen" }).ClickAsync();
        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_condition_picked_from_suggestions_shows_what_the_label_says_under_your_conditions()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/interaction-checker?drugs=pseudoephedrine");

        var box = page.GetByLabel("Add a condition");
        await box.PressSequentiallyAsync("hypert", new() { Delay = 30 });
        var options = page.GetByRole(AriaRole.Option);
        await Expect(options.Filter(new() { HasText = "High blood pressure" }).First).ToBeVisibleAsync();
        await Expect(options.Filter(new() { HasText = "Pseudoephedrine" })).ToHaveCountAsync(0);
        await options.Filter(new() { HasText = "High blood pressure" }).First.ClickAsync();
        await Expect(box).ToHaveValueAsync("High blood pressure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your conditions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pseudoephedrine and High blood pressure" })).ToBeVisibleAsync();
        Assert.Contains("conditions=high-blood-pressure", Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_javascript_a_condition_is_added_by_a_typed_synonym_and_removed_with_a_link()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/interaction-checker?drugs=ibuprofen,propranolol");

        await page.GetByLabel("Add a condition").FillAsync("asthma");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Propranolol and Asthma" })).ToBeVisibleAsync();
        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Asthma from your conditions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your conditions" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".med-items li")).ToHaveCountAsync(2);
    }
}
