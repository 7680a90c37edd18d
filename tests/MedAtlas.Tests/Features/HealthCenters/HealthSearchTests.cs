using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>The site search finds health articles by their body and slideshows by their captions, through /search.</summary>
public sealed class HealthSearchTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_word_only_in_an_article_s_body_finds_the_article_with_its_link_and_a_snippet()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/search?q=arteries", Ct);

        Assert.Contains("<a href=\"/health/heart-health/blood-pressure-basics\">Blood Pressure Basics</a> <span class=\"badge\">Health article</span>", html, StringComparison.Ordinal);
        Assert.Contains("the walls of your arteries", Html.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("/health/diabetes/insulin-pumps\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_in_a_slide_caption_finds_the_slideshow()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/search?q=swallow", Ct);

        Assert.Contains("<a href=\"/slideshows/low-blood-sugar\">Low Blood Sugar: Signs and What to Do</a> <span class=\"badge\">Slideshow</span>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"arteries\" OR 1=1 --")]
    [InlineData("arteries:* & !walls | (force)")]
    [InlineData("NEAR(arteries walls) \u0002 ' ; DROP TABLE search_documents")]
    [InlineData("*")]
    public async Task A_hostile_query_is_not_a_server_error(string query)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query), Ct);

        Assert.True((int)response.StatusCode is 200 or 400, $"{query}: {(int)response.StatusCode}");
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind.StartsWith("health-"), Ct)));
    }

    [Fact]
    public async Task A_search_with_health_hits_is_never_cached_publicly()
    {
        // A query is personal (what someone looks up about their health): the search page answers it private, no-store
        // (CachingHeaderTests), and the health hits do not change that.
        using var client = app.CreateClient();
        var response = await client.GetAsync("/search?q=arteries", Ct);

        Assert.Contains("/health/heart-health/blood-pressure-basics", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl is { Public: false, NoStore: true }, response.Headers.CacheControl?.ToString());
    }
}

/// <summary>Search follows what the loader publishes and unpublishes, and a database from before the index is indexed once.</summary>
public sealed class HealthSearchLoaderTests : IAsyncLifetime
{
    private readonly HealthFixtureApp app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        app.CreateClient().Dispose();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_item_the_loader_unpublishes_leaves_search_and_a_changed_one_is_found_by_its_new_words()
    {
        var pumps = Path.Combine(app.HealthSeed, "articles", "diabetes", "insulin-pumps.md");
        await File.WriteAllTextAsync(pumps, (await File.ReadAllTextAsync(pumps, Ct)) + "\nA pump wearer may note zymurgical trivia.\n", Ct);
        File.Delete(Path.Combine(app.HealthSeed, "articles", "heart-health", "blood-pressure-basics.md"));

        var (exitCode, output) = await app.RunCommandAsync("migrate");
        using var client = app.CreateClient();
        var gone = await client.GetStringAsync("/search?q=arteries", Ct);
        var changed = await client.GetStringAsync("/search?q=zymurgical", Ct);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("/health/heart-health/blood-pressure-basics", gone, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/diabetes/insulin-pumps\"", changed, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind.StartsWith("health-"), Ct)));
    }

    [Fact]
    public async Task A_database_with_health_content_but_no_search_documents_is_indexed_at_the_next_start()
    {
        await app.WithDbAsync(async db =>
        {
            db.Set<SearchDocument>().RemoveRange(await db.Set<SearchDocument>().Where(d => d.Kind.StartsWith("health-")).ToListAsync(Ct));
            db.StarterDataVersions.RemoveRange(await db.StarterDataVersions.Where(v => v.Name == "health-search").ToListAsync(Ct));
            return await db.SaveChangesAsync(Ct);
        });
        using var client = app.CreateClient();
        Assert.DoesNotContain("/health/heart-health/blood-pressure-basics", await client.GetStringAsync("/search?q=arteries", Ct), StringComparison.Ordinal);

        var (exitCode, output) = await app.RunCommandAsync("migrate");
        var html = await client.GetStringAsync("/search?q=arteries", Ct);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Starter data health-centers: already current", output, StringComparison.Ordinal);
        Assert.Contains("href=\"/health/heart-health/blood-pressure-basics\"", html, StringComparison.Ordinal);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind.StartsWith("health-"), Ct)));
    }
}
