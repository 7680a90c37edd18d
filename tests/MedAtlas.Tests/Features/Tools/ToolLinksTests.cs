using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>The tools are listed, one line each, on the home page and the Tools page, from one list.</summary>
public sealed class ToolLinksTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/tools")]
    public async Task The_page_lists_the_three_tools_with_a_line_each(string path)
    {
        using var client = app.NewClient();
        var html = await client.GetStringAsync(path, Ct);
        var text = Html.Text(html);

        Assert.Contains("<a href=\"/tools/bolus\">Carb and bolus calculator</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tools/bmi\">BMI calculator</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tools/planner\">Food and fitness planner</a>", html, StringComparison.Ordinal);
        Assert.Contains("Body mass index in metric or imperial units", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_has_a_Tools_strip_with_its_own_heading()
    {
        using var client = app.NewClient();
        var html = await client.GetStringAsync("/", Ct);

        Assert.Contains("<h2 id=\"tools-strip-title\"><a href=\"/tools\">Tools</a></h2>", html, StringComparison.Ordinal);
    }
}
