using System.Net;
using System.Net.Http.Headers;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// The server's short page cache (<c>MedAtlas:Caching:ServerSeconds</c>, off in the other test apps): a public page
/// is rendered once per lifetime and the copy says its <c>Age</c>; a change shows within the lifetime, at once on the
/// node that took a POST, and within seconds on another node; nothing personal, no other text size, no search and no
/// range request is ever answered from it.
/// </summary>
public sealed class PublicPageCacheTests(PublicPageCacheTests.CachingApp app) : IClassFixture<PublicPageCacheTests.CachingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class CachingApp : MedAtlasApp
    {
        public CachingApp() => WithSetting("MedAtlas:Caching:ServerSeconds", "3");
    }

    private static MedAtlasApp Node(TestDatabase database)
    {
        var node = new MedAtlasApp(database.Share()).WithSetting("MedAtlas:Caching:ServerSeconds", "3");
        node.InitializeAsync().AsTask().GetAwaiter().GetResult();
        node.CreateClient().Dispose();
        return node;
    }

    [Fact]
    public async Task A_public_page_is_kept_for_its_lifetime_and_then_shows_a_change_made_behind_its_back()
    {
        using var visitor = app.CreateClient();
        using var first = await visitor.GetAsync("/health/mental-health", Ct);
        var before = await first.Content.ReadAsStringAsync(Ct);
        Assert.Null(first.Headers.Age);
        Assert.Contains("public", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // Straight into the database, as another node or the import command would: nothing here knows of it.
        await app.WithDbAsync(db => db.Set<HealthCenter>().Where(c => c.Slug == "mental-health")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, "A summary changed behind the back of the cache."), Ct));
        using var second = await visitor.GetAsync("/health/mental-health", Ct);
        var again = await second.Content.ReadAsStringAsync(Ct);
        // Either the kept copy (it says its age, and it is the page as first rendered) or, past the lifetime, a new one.
        if (second.Headers.Age is not null)
            Assert.Equal(before, again);
        else
            Assert.Contains("A summary changed behind the back of the cache.", again, StringComparison.Ordinal);
        Assert.Contains("public", second.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("Cookie", string.Join(",", second.Headers.Vary.Where(v => v == "Cookie")));
        Assert.Equal("nosniff", string.Join(",", second.Headers.GetValues("X-Content-Type-Options")));

        await Eventually.WaitAsync(() => visitor.GetStringAsync("/health/mental-health", Ct),
            html => html.Contains("A summary changed behind the back of the cache.", StringComparison.Ordinal), "the change after the cache's lifetime");
    }

    [Fact]
    public async Task Signed_in_people_another_text_size_a_search_and_a_range_request_never_get_the_kept_copy()
    {
        using var anonymous = app.CreateClient();
        for (var i = 0; i < 2; i++)
            (await anonymous.GetAsync("/health/allergies-asthma", Ct)).Dispose();

        var member = await app.SignInAsync(await app.CreateAccountAsync("cache-{n}@example.org", "Casey Member"));
        for (var i = 0; i < 2; i++)
        {
            using var signedIn = await member.GetAsync("/health/allergies-asthma", Ct);
            Assert.Null(signedIn.Headers.Age);
            Assert.Contains("Casey Member", await signedIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Contains("no-store", signedIn.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }

        for (var i = 0; i < 2; i++)
        {
            using var large = new HttpRequestMessage(HttpMethod.Get, "/health/allergies-asthma");
            large.Headers.Add("Cookie", "medatlas-text-size=large");
            using var response = await anonymous.SendAsync(large, Ct);
            Assert.Contains("<html lang=\"en\" class=\"text-large\">", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Contains("<html lang=\"en\" class=\"text-normal\">", await anonymous.GetStringAsync("/health/allergies-asthma", Ct), StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
            Assert.Null((await anonymous.GetAsync("/search?q=asthma", Ct)).Headers.Age);

        const string video = "/health/videos/how-to-check-blood-sugar.webm";
        var whole = await (await anonymous.GetAsync(video, Ct)).Content.ReadAsByteArrayAsync(Ct);
        for (var i = 0; i < 2; i++)
        {
            using var range = new HttpRequestMessage(HttpMethod.Get, video);
            range.Headers.Range = new RangeHeaderValue(100, 199);
            using var part = await anonymous.SendAsync(range, Ct);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(whole[100..200], await part.Content.ReadAsByteArrayAsync(Ct));
            using var file = await anonymous.GetAsync(video, Ct);
            Assert.Null(file.Headers.Age);
            Assert.Equal(whole.Length, (await file.Content.ReadAsByteArrayAsync(Ct)).Length);
        }
    }

    [Fact]
    public async Task A_publish_shows_at_once_on_the_node_that_took_it_and_within_the_lifetime_on_another()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = Node(database);
        await using var second = Node(database);
        const string article = "/health/heart-health/afib-basics";
        using var onFirst = first.CreateClient();
        using var onSecond = second.CreateClient();
        var liveTitle = Title(await onFirst.GetStringAsync(article, Ct));
        Assert.Equal(liveTitle, Title(await onSecond.GetStringAsync(article, Ct)));
        // Both nodes now keep the page (for up to 3 s: the publish below may well take longer on a busy machine).

        var writer = await first.SignInAsync(await first.CreateAccountAsync("cache-writer-{n}@example.org", "Wes Writer", roles: [StaffRoles.Writer]));
        var reviewer = await first.SignInAsync(await first.CreateAccountAsync("cache-reviewer-{n}@example.org", "Rae Reviewer", roles: [StaffRoles.MedicalReviewer]));
        var editor = await first.SignInAsync(await first.CreateAccountAsync("cache-editor-{n}@example.org", "Ed Editor", roles: [StaffRoles.Editor]));
        var live = await first.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Kind == ContentKind.Article && i.Slug == "afib-basics")
            .Select(i => i.PublishedRevision!).SingleAsync(Ct));
        var livePage = $"/admin/content/revisions/{live.Id}";
        var page = (await writer.PostFormAsync(livePage, [], livePage + "?handler=draft")).RedirectPath()!;
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, new()
        {
            ["Input.Title"] = "AFib Basics, Revised", ["Input.Summary"] = live.Summary, ["Input.Body"] = live.BodyMarkdown,
        }, page + "?handler=save")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, [], page + "?handler=submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, [], page + "?handler=approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, [], page + "?handler=publish")).StatusCode);

        // The node that took the publish emptied its cache: the next visitor there sees the new revision.
        Assert.Equal("AFib Basics, Revised", Title(await onFirst.GetStringAsync(article, Ct)));
        await Eventually.WaitAsync(async () => Title(await onSecond.GetStringAsync(article, Ct)),
            title => title == "AFib Basics, Revised", "the other node to show the published revision");
    }

    private static string Title(string html)
    {
        var start = html.IndexOf("<h1", StringComparison.Ordinal);
        Assert.True(start >= 0, "no <h1> on the page");
        var end = html.IndexOf("</h1>", start, StringComparison.Ordinal);
        return Html.Text(html[start..end]).Trim();
    }
}
