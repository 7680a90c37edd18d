using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Shell;

/// <summary>Getting around with the keyboard alone (Features/Shared/_Layout.cshtml).</summary>
[Collection(SharedBrowser.Name)]
public sealed class KeyboardTests(BrowserSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    public async Task The_first_Tab_shows_the_skip_link_and_it_takes_focus_to_the_main_content(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        Assert.False(await IsOnScreenAsync(skipLink), "The skip link should stay off screen until it has focus.");

        await page.Keyboard.PressAsync("Tab");

        await Expect(skipLink).ToBeFocusedAsync();
        Assert.True(await IsOnScreenAsync(skipLink), "The focused skip link should be on screen.");

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main")).ToBeFocusedAsync();
        // The next Tab continues inside the content rather than going back through the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            "After the skip link, Tab should move to the first control in the main content.");
    }

    private static async Task<bool> IsOnScreenAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        return box is { Width: > 0, Height: > 0, X: >= 0, Y: >= 0 };
    }
}
