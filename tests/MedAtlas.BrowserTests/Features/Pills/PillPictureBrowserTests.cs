using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Pills;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Pills;

/// <summary>
/// The pill drawings as Chromium renders them: every SPL shape, a two-tone capsule and a pill of unstated shape
/// on one page. The page is written straight into the browser (no server round trip), so this checks the
/// renderer alone, whatever state the pill pages are in; the page carries a CSP as strict as the site's for
/// styles and scripts, so anything the drawings needed from a style attribute would be refused and logged.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PillPictureBrowserTests(BrowserSite site)
{
    private const string Policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:";

    private static readonly (string Case, PillAppearance Pill)[] Pictures =
    [
        .. SplAppearance.Shapes.Select((s, i) => (s.Name, new PillAppearance($"A{i};{i * 7}", [SplAppearance.Colors[i % SplAppearance.Colors.Count].Name], s.Name, 12, 2))),
        ("two-tone capsule", new PillAppearance("ZT;CAP;7", ["BLUE", "WHITE"], "CAPSULE", 18, null)),
        ("shape not stated", new PillAppearance("X&<1>", ["PINK"], null, null, 4)),
        ("small", new PillAppearance("", ["WHITE"], "ROUND", 6, null)),
        ("large", new PillAppearance("", ["WHITE"], "ROUND", 20, null)),
    ];

    [Fact]
    public async Task Every_shape_renders_with_its_colors_imprint_and_score_under_a_strict_CSP()
    {
        await using var context = await site.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.SetContentAsync(Document(Pictures));

        var screenshot = Path.Combine(Path.GetTempPath(), "medatlas-pill-pictures.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is all but empty");

        foreach (var (name, pill) in Pictures)
        {
            var picture = Case(page, name).Locator("svg");
            await Expect(picture).ToHaveAttributeAsync("role", "img");
            await Expect(picture).ToHaveAccessibleNameAsync(PillPicture.AltText(pill));
            var outline = await picture.Locator(".pill-outline").BoundingBoxAsync();
            Assert.True(outline is { Width: > 10, Height: > 10 }, $"{name}: no outline drawn");

            if (pill.Imprint.Length > 0)
            {
                var imprint = picture.Locator(".pill-imprint");
                await Expect(imprint).ToBeVisibleAsync();
                // Measured with the fonts the browser really has: the lettering must sit on the pill.
                var text = await imprint.BoundingBoxAsync();
                Assert.True(Inside(text!, outline!), $"{name}: the imprint ({Describe(text!)}) spills off the pill ({Describe(outline!)})");
            }

            if (pill.Score is > 1)
            {
                var scores = picture.Locator(".pill-score");
                await Expect(scores).ToHaveCountAsync(pill.Score == 2 ? 1 : 2);
                var first = await scores.First.BoundingBoxAsync();
                Assert.True(first is not null && first.Width + first.Height > 10, $"{name}: the score line is not drawn");
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_two_tone_capsule_shows_two_halves_in_different_colors()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Document(Pictures));

        var halves = Case(page, "two-tone capsule").Locator(".pill-body");

        await Expect(halves).ToHaveCountAsync(2);
        var fills = await halves.EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).fill)");
        Assert.Equal(["rgb(0, 0, 255)", "rgb(255, 255, 255)"], fills);
        var (cap, body) = (await halves.Nth(0).BoundingBoxAsync(), await halves.Nth(1).BoundingBoxAsync());
        Assert.True(cap!.X + cap.Width <= body!.X + 1, "the halves overlap");
        Assert.Equal(cap.Width, body.Width, tolerance: 1);
    }

    [Fact]
    public async Task A_bigger_pill_is_drawn_bigger_on_screen()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Document(Pictures));

        var small = await Case(page, "small").Locator(".pill-outline").BoundingBoxAsync();
        var large = await Case(page, "large").Locator(".pill-outline").BoundingBoxAsync();

        // Stroke included, so not exactly 20 / 6.
        Assert.InRange(large!.Width / small!.Width, 3.0, 3.5);
    }

    [Fact]
    public async Task The_drawings_pass_axe()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Document(Pictures));

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            ResultTypes = [ResultType.Violations],
        });

        Assert.True(result.Violations.Length == 0, string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    [Fact]
    public async Task The_page_policy_would_catch_a_drawing_that_needed_a_style_attribute()
    {
        // Without this, "no errors" above could mean the policy was never applied.
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };

        await page.SetContentAsync(Document([]).Replace("</main>", "<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"fill:red\"></svg></main>", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private static ILocator Case(IPage page, string name) => page.Locator($"[data-case=\"{name}\"]");

    private static string Document(IEnumerable<(string Case, PillAppearance Pill)> pictures)
    {
        var html = new StringBuilder($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{Policy}">
            <title>Pill pictures</title></head>
            <body><main><h1>Pill pictures</h1><p>
            """);
        foreach (var (name, pill) in pictures)
            html.Append("<span data-case=\"").Append(name).Append("\">").Append(PillPicture.Svg(pill)).Append("</span> ");
        return html.Append("</p></main></body></html>").ToString();
    }

    private static bool Inside(LocatorBoundingBoxResult inner, LocatorBoundingBoxResult outer) =>
        inner.X >= outer.X - 0.5 && inner.Y >= outer.Y - 0.5
        && inner.X + inner.Width <= outer.X + outer.Width + 0.5 && inner.Y + inner.Height <= outer.Y + outer.Height + 0.5;

    private static string Describe(LocatorBoundingBoxResult box) => $"{box.X:0},{box.Y:0} {box.Width:0}×{box.Height:0}";
}
