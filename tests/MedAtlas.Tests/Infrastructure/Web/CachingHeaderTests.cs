using System.Net;
using System.Net.Http.Json;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Pills;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// Issue 19, part 5: every kind of page and endpoint says whether a cache may keep it. Public pages a short while,
/// varying by cookie (the text size changes the HTML); anything personal by address, by sign-in, by credentials, by
/// method or by a cookie it sets, never. The signed-in routes are walked in full by EndpointPolicyTests and
/// MyMedicinePrivacyTests, which assert the same on every route they probe.
/// </summary>
public sealed class CachingHeaderTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> PublicPages =>
    [
        "/",
        "/drugs/atorvastatin",
        "/drugs/class/statins",
        "/drugs",
        "/drugs?letter=a",
        "/conditions/asthma",
        "/interaction-checker",
        "/pill-identifier",
        "/alerts",
        "/about",
        "/search",
        "/health",
        "/health/diabetes",
        "/health/diabetes/insulin-pumps",
        "/slideshows/low-blood-sugar-signs",
        "/slideshows/low-blood-sugar-signs/2",
    ];

    /// <summary>Public answers that are not HTML pages: the text-size cookie cannot change them, so no Vary.</summary>
    public static TheoryData<string> PublicFiles =>
    [
        "/health/diabetes/feed.atom",
        "/health/media/low-blood-sugar-1.svg",
        "/sitemap.xml",
        "/robots.txt",
    ];

    public static TheoryData<string> PersonalAddresses =>
    [
        "/search?q=atorvastatin",
        "/interaction-checker?drugs=warfarin,ibuprofen",
        "/pill-identifier?imprint=M+367",
        "/pill-identifier?color=white&shape=round",
        "/drugs/compare?a=atorvastatin&b=simvastatin",
        "/alerts?drug=warfarin",
        "/drugs?q=anything-not-declared",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_is_kept_a_short_while_and_varies_by_cookie(string path)
    {
        using var visitor = app.NewClient();
        var response = await visitor.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPublic(response, pages: true);
    }

    [Theory]
    [MemberData(nameof(PublicFiles))]
    public async Task A_public_file_is_kept_a_short_while(string path)
    {
        using var visitor = app.NewClient();
        var response = await visitor.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Its own lifetime may be longer than the pages' (the sitemap keeps an hour), but it is public and sets no cookie.
        var cache = response.Headers.CacheControl;
        Assert.True(cache is { Public: true, Private: false, NoStore: false, MaxAge.TotalSeconds: > 0 }, $"{path}: Cache-Control {cache}");
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} sets a cookie");
    }

    [Theory]
    [MemberData(nameof(PersonalAddresses))]
    public async Task A_public_page_whose_address_says_something_personal_is_never_stored(string path)
    {
        using var visitor = app.NewClient();
        var response = await visitor.GetAsync(path, Ct);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        AssertPrivate(response, path);
    }

    [Fact]
    public async Task A_pill_page_is_public_and_its_picture_keeps_its_own_lifetime()
    {
        var id = await app.WithDbAsync(db => db.Set<Pill>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct));
        using var visitor = app.NewClient();

        AssertPublic(await visitor.GetAsync($"/pills/{id}", Ct), pages: true);
        var picture = await visitor.GetAsync($"/pills/{id}/picture.svg", Ct);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.True(picture.Headers.CacheControl is { Public: true, NoStore: false }, picture.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_catalogue_API_is_public_and_its_searches_are_not()
    {
        using var script = app.CreateClient();

        var drug = await script.GetAsync("/api/v1/drugs/atorvastatin", Ct);
        Assert.Equal(HttpStatusCode.OK, drug.StatusCode);
        AssertPublic(drug, pages: false);
        AssertPublic(await script.GetAsync("/api/v1/drugs?page=1", Ct), pages: false);
        AssertPublic(await script.GetAsync("/api/v1/conditions", Ct), pages: false);

        AssertPrivate(await script.GetAsync("/api/v1/drugs/search?q=atorva", Ct), "drug search");
        AssertPrivate(await script.GetAsync("/api/v1/interactions?drugs=warfarin,ibuprofen", Ct), "interaction check");
        AssertPrivate(await script.GetAsync("/api/v1/search/suggest?q=asth", Ct), "suggest");
        // An error from a public endpoint is not kept either.
        AssertPrivate(await script.GetAsync("/api/v1/drugs/no-such-drug", Ct), "API 404");
    }

    [Fact]
    public async Task A_POST_answer_is_never_stored()
    {
        using var script = app.CreateClient();
        var bmi = await script.PostAsJsonAsync("/api/v1/tools/bmi", new { units = "metric", heightCm = 170, weightKg = 65, age = 40 }, Ct);
        AssertPrivate(bmi, "POST /api/v1/tools/bmi");

        using var visitor = app.NewClient();
        var signIn = await visitor.PostFormAsync("/sign-in", new() { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "not the password at all" });
        AssertPrivate(signIn, "POST /sign-in");
    }

    [Fact]
    public async Task Not_found_pages_and_answers_are_never_stored()
    {
        using var visitor = app.NewClient();
        foreach (var path in new[] { "/drugs/no-such-drug-anywhere", "/no-such-page", "/error/404" })
        {
            var response = await visitor.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            AssertPrivate(response, path);
        }
    }

    [Fact]
    public async Task A_response_that_sets_a_cookie_or_holds_a_form_token_is_never_stored()
    {
        using var visitor = app.NewClient();
        var textSize = await visitor.GetAsync("/preferences/text-size?size=large&returnUrl=%2Fdrugs", Ct);
        Assert.True(textSize.Headers.Contains("Set-Cookie"));
        AssertPrivate(textSize, "text-size");

        // The sign-in form holds an anti-forgery token; asked twice so the second has no new cookie.
        await visitor.GetAsync("/sign-in", Ct);
        AssertPrivate(await visitor.GetAsync("/sign-in", Ct), "/sign-in, second time");
        AssertPrivate(await visitor.GetAsync("/tools/bmi", Ct), "/tools/bmi (a POST form)");

        // With the text-size cookie the page is still public: Vary: Cookie keeps each size apart.
        AssertPublic(await visitor.GetAsync("/drugs", Ct), pages: true);
    }

    [Fact]
    public async Task Every_page_kind_answered_to_a_signed_in_person_is_never_stored_but_assets_are_kept()
    {
        var person = await app.CreateAccountAsync("cache-staff-{n}@example.org", "Casey Cache", roles: [StaffRoles.Admin, StaffRoles.Moderator]);
        using var signedIn = await app.SignInAsync(person);

        foreach (var path in new[] { "/", "/drugs/atorvastatin", "/account", "/my", "/my/alerts", "/moderation", "/admin/people", "/admin/jobs", "/interaction-checker", "/health/diabetes/insulin-pumps" })
        {
            var response = await signedIn.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertPrivate(response, path);
        }

        var home = await (await signedIn.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct);
        var css = Html.AttributeValues(home, "href").Single(h => h.StartsWith("/css/site.", StringComparison.Ordinal));
        var asset = await signedIn.GetAsync(css, Ct);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_personal_API_with_a_token_is_never_stored()
    {
        var person = await app.CreateAccountAsync("cache-token-{n}@example.org", "Toni Token");
        using var signedIn = await app.SignInAsync(person);
        using var script = app.BearerClient(await signedIn.MakeTokenAsync("Cache test"));

        var profiles = await script.GetAsync("/api/v1/my/profiles", Ct);
        Assert.Equal(HttpStatusCode.OK, profiles.StatusCode);
        AssertPrivate(profiles, "/api/v1/my/profiles");
        // A token on a catalogue lookup makes it personal too: the answer is the same, the request is not anonymous.
        AssertPrivate(await script.GetAsync("/api/v1/drugs/atorvastatin", Ct), "catalogue with a token");
    }

    [Fact]
    public async Task A_fingerprinted_asset_is_immutable_and_a_missing_one_is_a_404_that_is_not()
    {
        using var visitor = app.NewClient();
        var home = await (await visitor.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct);
        var css = Html.AttributeValues(home, "href").Single(h => h.StartsWith("/css/site.", StringComparison.Ordinal));

        var found = await visitor.GetAsync(css, Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", found.Headers.CacheControl?.ToString());

        foreach (var missing in new[] { "/css/site.0123456789.css", "/js/nothing-here.abcdefghij.js", "/img/gone.a1b2c3d4e5.svg" })
        {
            var response = await visitor.GetAsync(missing, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            AssertPrivate(response, missing);
        }
    }

    [Fact]
    public async Task Probes_and_the_scrape_are_never_stored()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/healthz", "/healthz/live" })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task The_public_lifetime_is_a_setting()
    {
        await using var shorter = new MedAtlasApp().WithSetting("MedAtlas:Caching:PublicSeconds", "45");
        await shorter.InitializeAsync();
        using var client = shorter.CreateClient();

        var response = await client.GetAsync("/drugs", Ct);
        Assert.Equal(TimeSpan.FromSeconds(45), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
    }

    private static void AssertPublic(HttpResponseMessage response, bool pages)
    {
        var cache = response.Headers.CacheControl;
        Assert.True(cache is { Public: true, Private: false, NoStore: false, NoCache: false }, $"{response.RequestMessage?.RequestUri}: Cache-Control {cache}");
        Assert.Equal(TimeSpan.FromSeconds(300), cache.MaxAge);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{response.RequestMessage?.RequestUri} sets a cookie");
        if (pages)
            Assert.Contains("Cookie", response.Headers.Vary);
    }

    private static void AssertPrivate(HttpResponseMessage response, string what)
    {
        var cache = response.Headers.CacheControl;
        Assert.True(cache is { Private: true, NoStore: true, Public: false }, $"{what} ({(int)response.StatusCode}): Cache-Control {cache}");
        Assert.Null(cache.MaxAge);
    }
}
