using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Shell;

/// <summary>The "A A A" control in every page's header (Infrastructure/Web/TextSize.cs, Features/Shared/_Layout.cshtml).</summary>
[Collection(SharedBrowser.Name)]
public sealed class TextSizeTests(BrowserSite site)
{
    [Fact]
    public async Task Large_text_stays_on_the_next_page_and_the_next_visit()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var normal = await page.RootFontSizeAsync();

        await SizeButton(page, "Large text size").ClickAsync();

        await Expect(page.Locator("html")).ToHaveClassAsync("text-large");
        var large = await page.RootFontSizeAsync();
        Assert.True(large > normal, $"Large text is {large}px, normal {normal}px.");
        await Expect(SizeButton(page, "Large text size")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(SizeButton(page, "Normal text size")).ToHaveAttributeAsync("aria-pressed", "false");
        // With JavaScript the size applies in place, without a round trip to the server.
        Assert.Equal(new Uri(site.BaseAddress, "/").ToString(), page.Url);

        await page.GotoAsync("/about");
        Assert.Equal(large, await page.RootFontSizeAsync());
        await Expect(SizeButton(page, "Large text size")).ToHaveAttributeAsync("aria-pressed", "true");

        await using var nextVisit = await site.NewContextAsync(new() { StorageState = await context.StorageStateAsync() });
        var later = await nextVisit.NewPageAsync();
        await later.GotoAsync("/");
        Assert.Equal(large, await later.RootFontSizeAsync());
    }

    [Fact]
    public async Task Largest_text_is_larger_than_large_and_normal_brings_the_default_back()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/about");
        var normal = await page.RootFontSizeAsync();

        await SizeButton(page, "Large text size").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("text-large");
        var large = await page.RootFontSizeAsync();
        await SizeButton(page, "Largest text size").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("text-largest");
        var largest = await page.RootFontSizeAsync();
        await SizeButton(page, "Normal text size").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("text-normal");

        Assert.True(largest > large && large > normal, $"Sizes: normal {normal}px, large {large}px, largest {largest}px.");
        Assert.Equal(normal, await page.RootFontSizeAsync());
        await page.ReloadAsync();
        Assert.Equal(normal, await page.RootFontSizeAsync());
    }

    [Fact]
    public async Task Without_JavaScript_the_text_size_buttons_set_the_size_and_return_to_the_same_page()
    {
        await using var context = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/about");
        var normal = await page.RootFontSizeAsync();

        // Without script the button submits the GET form; the server sets the cookie and redirects back.
        var request = await page.RunAndWaitForRequestAsync(
            () => SizeButton(page, "Largest text size").ClickAsync(), "**/preferences/text-size?**");
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Contains("size=largest", request.Url, StringComparison.Ordinal);
        Assert.Equal(new Uri(site.BaseAddress, "/about").ToString(), page.Url);
        await Expect(page.Locator("html")).ToHaveClassAsync("text-largest");
        var largest = await page.RootFontSizeAsync();
        Assert.True(largest > normal, $"Largest text is {largest}px, normal {normal}px.");
        await Expect(SizeButton(page, "Largest text size")).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GotoAsync("/");
        Assert.Equal(largest, await page.RootFontSizeAsync());

        await using var nextVisit = await site.NewContextAsync(new() { JavaScriptEnabled = false, StorageState = await context.StorageStateAsync() });
        var later = await nextVisit.NewPageAsync();
        await later.GotoAsync("/about");
        Assert.Equal(largest, await later.RootFontSizeAsync());
    }

    private static ILocator SizeButton(IPage page, string label) =>
        page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true });
}
