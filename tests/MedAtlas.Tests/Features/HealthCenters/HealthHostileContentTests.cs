using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>The app with tests/fixtures/health-hostile: an article whose Markdown tries script, javascript: links, iframes and handlers.</summary>
public sealed class HostileHealthApp() : HealthFixtureApp("health-hostile");

public sealed class HealthHostileContentTests(HostileHealthApp app) : IClassFixture<HostileHealthApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Script_javascript_links_iframes_and_event_attributes_are_inert_and_the_json_ld_stays_json()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/health/diabetes/hostile", Ct);
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];

        // Raw HTML in the Markdown is shown as text (escaped), never as elements.
        Assert.DoesNotContain("<script", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<\w+[^>]*\son[a-z]+\s*=", html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://medlineplus.gov/\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fn:1\"", html, StringComparison.Ordinal);

        // The title holds "</script><script>": the JSON-LD block must end only where the page ends it.
        var open = "<script type=\"application/ld+json\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        using var ld = JsonDocument.Parse(json);
        Assert.StartsWith("A Hostile Article </script>", ld.RootElement.GetProperty("name").GetString(), StringComparison.Ordinal);
    }
}
