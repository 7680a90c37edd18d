using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;

namespace MedAtlas.BrowserTests.Features.HealthCenters;

/// <summary>A starter video in Chromium: the page passes axe, the player plays the file and shows its captions.</summary>
[Collection(SharedBrowser.Name)]
public sealed class HealthVideoBrowserTests(BrowserSite site)
{
    private const string Path = "/videos/how-to-check-blood-sugar";

    [Fact]
    public async Task A_video_page_has_no_axe_violations_of_WCAG_2_2_AA()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Path);

        await AccessibilityTests.AssertNoViolationsAsync(page, Path);
    }

    [Fact]
    public async Task A_video_page_fits_a_320px_window_with_the_largest_text()
    {
        await using var context = await site.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 800 } });
        await context.AddCookiesAsync([new() { Name = "medatlas-text-size", Value = "largest", Url = site.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Path);

        var (overflow, culprits) = await page.HorizontalOverflowAsync();

        Assert.True(overflow == 0, $"{Path} at 320px is {overflow}px wider than the window. Sticking out: {culprits}");
    }

    [Fact]
    public async Task The_player_loads_the_video_and_its_caption_cues()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Path);

        // The browser reads the WebM's header (a range request) and the WebVTT file, as a viewer's player does.
        var duration = await page.EvaluateAsync<double>("""
            () => new Promise((resolve, reject) => {
              const video = document.querySelector('video');
              if (video.readyState >= 1) return resolve(video.duration);
              video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
              video.addEventListener('error', () => reject(new Error('video error ' + (video.error && video.error.code))), { once: true });
            })
            """);
        var cues = await page.EvaluateAsync<string>("""
            () => new Promise((resolve) => {
              const track = document.querySelector('video track');
              const done = () => resolve(Array.from(track.track.cues || []).map(c => c.text).join(' | '));
              if (track.readyState === 2) return done();
              track.track.mode = 'showing';
              track.addEventListener('load', done, { once: true });
            })
            """);

        Assert.InRange(duration, 30, 120);
        Assert.Contains("Checking your blood sugar shows how food,", cues, StringComparison.Ordinal);
    }
}
