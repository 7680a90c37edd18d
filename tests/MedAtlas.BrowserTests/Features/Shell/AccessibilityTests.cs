using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MedAtlas.BrowserTests.Infrastructure;

namespace MedAtlas.BrowserTests.Features.Shell;

/// <summary>axe-core's automated WCAG 2.2 AA checks on the shell and the pages that exist so far.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AccessibilityTests(BrowserSite site)
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [ResultType.Violations],
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    [InlineData("/search?q=aspirin")]
    [InlineData("/no-such-page")]
    public async Task Page_has_no_axe_violations_of_WCAG_2_2_AA(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var result = await page.RunAxe(WcagAA);

        Assert.True(result.Violations.Length == 0, $"axe found on {path}:\n{Describe(result.Violations)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join('\n', violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" +
            string.Join('\n', v.Nodes.Select(n => $"    at {n.Target}: {n.Html}\n      {Checks(n)}"))));

    private static string Checks(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
}
