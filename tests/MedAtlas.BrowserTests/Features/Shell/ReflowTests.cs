using MedAtlas.BrowserTests.Infrastructure;

namespace MedAtlas.BrowserTests.Features.Shell;

/// <summary>Pages fit the window from a small phone to a desktop: no sideways scrolling to read a line (WCAG 1.4.10).</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReflowTests(BrowserSite site)
{
    [Theory]
    [InlineData(320, "/", "normal")]
    [InlineData(320, "/about", "normal")]
    [InlineData(1280, "/", "normal")]
    [InlineData(1280, "/about", "normal")]
    // The people who pick the largest text are the ones most likely to read on a phone held close.
    [InlineData(320, "/", "largest")]
    [InlineData(320, "/about", "largest")]
    [InlineData(320, "/drugs", "largest")]
    [InlineData(320, "/drugs/albuterol", "normal")]
    [InlineData(320, "/drugs/albuterol", "largest")]
    [InlineData(320, "/conditions/asthma", "largest")]
    [InlineData(320, "/interaction-checker?drugs=norco,propranolol&conditions=asthma,liver-disease", "largest")]
    public async Task Page_fits_the_window_without_horizontal_scrolling(int width, string path, string textSize)
    {
        await using var context = await site.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 } });
        await context.AddCookiesAsync([new() { Name = "medatlas-text-size", Value = textSize, Url = site.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        Assert.Equal($"text-{textSize}", await page.Locator("html").GetAttributeAsync("class"));

        var (overflow, culprits) = await page.HorizontalOverflowAsync();

        Assert.True(overflow == 0, $"{path} at {width}px with {textSize} text is {overflow}px wider than the window. Sticking out: {culprits}");
    }
}
