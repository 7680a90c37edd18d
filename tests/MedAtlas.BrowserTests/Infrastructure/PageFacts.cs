using System.Globalization;
using Microsoft.Playwright;

namespace MedAtlas.BrowserTests.Infrastructure;

/// <summary>What a page looks like to the person in front of it, measured in the browser.</summary>
public static class PageFacts
{
    /// <summary>The root element's computed font size in CSS pixels: what the text-size control changes.</summary>
    public static async Task<double> RootFontSizeAsync(this IPage page)
    {
        var size = await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize");
        return double.Parse(size.Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// How far the page is wider than the window (0 when it fits), and the elements that stick out, for
    /// the failure message: a horizontal scroll bar is what WCAG 1.4.10 (Reflow) forbids at 320 px.
    /// </summary>
    public static async Task<(int Overflow, string Culprits)> HorizontalOverflowAsync(this IPage page)
    {
        var result = await page.EvaluateAsync<OverflowReport>("""
            () => {
              const width = window.innerWidth;
              const culprits = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
              return { overflow: document.documentElement.scrollWidth - width, culprits: culprits.join('; ') };
            }
            """);
        return (Math.Max(result.Overflow, 0), result.Culprits);
    }

    // Playwright fills the result by setting properties, so this needs a parameterless constructor.
    private sealed class OverflowReport
    {
        public int Overflow { get; set; }

        public string Culprits { get; set; } = "";
    }
}
