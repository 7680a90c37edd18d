using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MedAtlas.BrowserTests.Infrastructure;

namespace MedAtlas.BrowserTests.Features.Shell;

/// <summary>axe-core's automated WCAG 2.2 AA checks on the shell and on each kind of page that exists so far.</summary>
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
    // The Drugs & Supplements and Conditions pages, on their starter data.
    [InlineData("/drugs")]
    [InlineData("/drugs/albuterol")]
    [InlineData("/drugs/compare?a=albuterol&b=ibuprofen")]
    [InlineData("/conditions")]
    [InlineData("/conditions/asthma")]
    // The interaction checker, empty and with results (with conditions: cautions, none known, one not found), and
    // a drug's interaction list with its conditions.
    [InlineData("/interaction-checker")]
    [InlineData("/interaction-checker?drugs=warfarin,ibuprofen,tylenol,norco")]
    [InlineData("/interaction-checker?drugs=ibuprofen,propranolol,norco&conditions=asthma,high-blood-pressure,hypertensoin")]
    [InlineData("/interaction-checker?drugs=amoxicillin&conditions=asthma&add-condition=glaucomma")]
    [InlineData("/drugs/warfarin/interactions")]
    [InlineData("/drugs/ibuprofen/interactions")]
    // The pill identifier's form with the count of starter pills, a starter pill found, and a search with no results.
    [InlineData("/pill-identifier")]
    [InlineData("/pill-identifier?imprint=AN41")]
    [InlineData("/pill-identifier?imprint=zz99&color=BLUE")]
    // The account forms a visitor sees (the signed-in ones are in Accounts/AccountBrowserTests).
    // The calculators: the index and the two empty forms (their results are checked in Tools/ToolsBrowserTests).
    [InlineData("/tools")]
    [InlineData("/tools/bolus")]
    [InlineData("/tools/bmi")]
    [InlineData("/register")]
    [InlineData("/sign-in")]
    public async Task Page_has_no_axe_violations_of_WCAG_2_2_AA(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await AssertNoViolationsAsync(page, path);
    }

    /// <summary>Runs axe on the page as it is now; other tests use it for pages that need an account.</summary>
    internal static async Task AssertNoViolationsAsync(Microsoft.Playwright.IPage page, string path)
    {
        // axe-core is injected through Playwright's evaluate (the DevTools protocol), which the page's CSP
        // does not govern, so the page is checked under its real policy: no BypassCSP.
        // axe-core never answers in a context with JavaScript off: check such a page's address in an ordinary context.
        // The wait turns that mistake into a failure that says so instead of a run that hangs.
        AxeResult result;
        try
        {
            result = await page.RunAxe(WcagAA).WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"axe-core did not answer on {path}: is JavaScript off in its context?");
        }

        Assert.True(result.Violations.Length == 0, $"axe found on {path}:\n{Describe(result.Violations)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join('\n', violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" +
            string.Join('\n', v.Nodes.Select(n => $"    at {n.Target}: {n.Html}\n      {Checks(n)}"))));

    private static string Checks(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
}
