using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Tests.Features.HealthCenters;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.HealthCenters;

/// <summary>A site of its own on the health fixture seed (tests/fixtures/health plus the hostile article).</summary>
public sealed class HealthBrowserSite : IAsyncLifetime
{
    private readonly HealthSeedRoot seed = HealthSeedRoot.WithFixture("health", "health-hostile");

    public HealthBrowserSite() => Site = new BrowserSite(seed.Path);

    public BrowserSite Site { get; }

    public ValueTask InitializeAsync() => Site.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        seed.Dispose();
    }
}

public sealed class HealthBrowserTests(HealthBrowserSite health) : IClassFixture<HealthBrowserSite>
{
    private BrowserSite Site => health.Site;

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/diabetes")]
    [InlineData("/health/diabetes/insulin-pumps")]
    [InlineData("/slideshows/low-blood-sugar")]
    [InlineData("/slideshows/low-blood-sugar/1")]
    [InlineData("/slideshows/low-blood-sugar/2")]
    [InlineData("/")]
    public async Task Health_pages_have_no_axe_violations_of_WCAG_2_2_AA(string path)
    {
        await using var context = await Site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await AccessibilityTests.AssertNoViolationsAsync(page, path);
    }

    [Theory]
    [InlineData("/health/diabetes")]
    [InlineData("/health/diabetes/insulin-pumps")]
    [InlineData("/slideshows/low-blood-sugar/1")]
    public async Task Health_pages_fit_a_320px_window_with_the_largest_text(string path)
    {
        await using var context = await Site.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 800 } });
        await context.AddCookiesAsync([new() { Name = "medatlas-text-size", Value = "largest", Url = Site.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var (overflow, culprits) = await page.HorizontalOverflowAsync();

        Assert.True(overflow == 0, $"{path} at 320px is {overflow}px wider than the window. Sticking out: {culprits}");
    }

    [Fact]
    public async Task Arrow_keys_move_between_slides_with_JavaScript()
    {
        await using var context = await Site.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GotoAsync("/slideshows/low-blood-sugar/1");

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page).ToHaveURLAsync(new Uri(Site.BaseAddress, "/slideshows/low-blood-sugar/2").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("What to do");
        // The key's navigation is not awaited like GotoAsync: wait until the new page's module has run (deferred scripts
        // run before DOMContentLoaded), or the next key press can land before its listener exists.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page).ToHaveURLAsync(new Uri(Site.BaseAddress, "/slideshows/low-blood-sugar/1").ToString());

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_JavaScript_the_slides_are_plain_links()
    {
        await using var context = await Site.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/slideshows/low-blood-sugar");

        await page.GetByRole(AriaRole.Link, new() { Name = "Start the slideshow" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What low blood sugar is");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next slide" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What to do");
        await Expect(page.Locator(".slide-figure img")).ToHaveAttributeAsync("alt", "A glass of juice on a table.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous slide" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What low blood sugar is");
    }

    [Fact]
    public async Task The_text_size_control_enlarges_an_article()
    {
        await using var context = await Site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/health/diabetes/insulin-pumps");
        var normal = await page.RootFontSizeAsync();

        await page.Locator("form.text-size button[value=large]").ClickAsync();

        await Expect(page.Locator("html")).ToHaveClassAsync("text-large");
        Assert.True(await page.RootFontSizeAsync() > normal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("What Are Insulin Pumps?");
    }

    [Fact]
    public async Task Hostile_markdown_runs_no_script_and_its_javascript_link_is_gone()
    {
        await using var context = await Site.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") violations.Add(message.Text); };
        await page.GotoAsync("/health/diabetes/hostile");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "javascript link" });
        var hrefs = await page.Locator("main a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        await page.GetByText("javascript link").ClickAsync();
        var ran = await page.EvaluateAsync<bool>(
            "() => ['hostileTitle', 'hostileInline', 'hostileLink', 'hostileImage', 'hostileClick', 'hostileSource'].some(k => k in window)");

        Assert.Equal(0, await link.CountAsync());
        Assert.DoesNotContain(hrefs, h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("data:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await page.Locator("main iframe, main script, main img").CountAsync());
        Assert.False(ran, "a hostile script ran");
        // The JSON-LD block is data: the CSP reports nothing for it.
        Assert.Empty(violations);
    }
}
