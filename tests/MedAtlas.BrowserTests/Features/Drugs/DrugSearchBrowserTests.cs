using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Drugs;

/// <summary>Finding a medicine the way a person does: type part of a name (misspelled), pick a suggestion, read a section.</summary>
[Collection(SharedBrowser.Name)]
public sealed class DrugSearchBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task Typing_a_misspelled_name_suggests_the_drug_and_the_keyboard_opens_it()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search drugs, conditions and health topics" });
        await box.PressSequentiallyAsync("ibuprofin", new() { Delay = 30 });

        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" }).First;
        await Expect(suggestions).ToBeVisibleAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.InRange(await suggestions.GetByRole(AriaRole.Option).CountAsync(), 1, 8);
        await Expect(suggestions.GetByRole(AriaRole.Option).First).ToContainTextAsync("Ibuprofen");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "suggestion" }).First).ToContainTextAsync("suggestion");

        await box.PressAsync("ArrowDown");
        await Expect(suggestions.GetByRole(AriaRole.Option).First).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");

        await page.WaitForURLAsync("**/drugs/ibuprofen");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ibuprofen");
    }

    [Fact]
    public async Task The_table_of_contents_jumps_to_a_section()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/drugs/atorvastatin");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "On this page" }).GetByRole(AriaRole.Link, new() { Name = "Common side effects" }).ClickAsync();

        Assert.EndsWith("#side-effects", page.Url, StringComparison.Ordinal);
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Common side effects" });
        await Expect(heading).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Without_javascript_the_search_form_shows_results_and_did_you_mean()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var siteSearch = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Search);
        await siteSearch.GetByLabel("Search drugs, conditions and health topics").FillAsync("lipiter");
        await siteSearch.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await page.WaitForURLAsync("**/search?q=lipiter");
        await Expect(page.GetByText("Did you mean")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Atorvastatin" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Atorvastatin");
    }

    [Fact]
    public async Task A_brand_address_lands_on_the_generic_page()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/drugs/tylenol");

        Assert.EndsWith("/drugs/acetaminophen", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByText("Brand names:")).ToContainTextAsync("Tylenol");
    }
}
