using MedAtlas.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Home;

[Collection(SharedBrowser.Name)]
public sealed class HomePageTests(BrowserSite site)
{
    [Fact]
    public async Task Home_page_shows_its_heading_a_search_box_and_the_text_size_control()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Clear, sourced information on medicines and health" })).ToBeVisibleAsync();
        await Expect(SearchBox(page)).ToBeVisibleAsync();
        foreach (var label in (string[])["Normal text size", "Large text size", "Largest text size"])
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unknown_address_gets_a_friendly_404_page_offering_a_search()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/drugs-that-do-not-exist/ibuprofin");

        Assert.Equal(404, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(SearchBox(page)).ToHaveValueAsync("ibuprofin");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    [InlineData("/search?q=aspirin")]
    public async Task Pages_request_nothing_from_another_origin_and_log_no_errors(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        // A CSP violation, a failed asset or a script error all end up here.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.StartsWith(site.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    // Found by its label, as a person finds it: with JavaScript, autocomplete.js turns the search box
    // into a combobox, so its role depends on whether the enhancement has run.
    private static ILocator SearchBox(IPage page) =>
        page.GetByLabel("Search for a drug, supplement or condition", new() { Exact = true });
}
