using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>Personal access tokens made on the page the way a person does, and used the way a script does.</summary>
internal static partial class AccessTokenTestClient
{
    /// <summary>Makes a token on /account/tokens (this client must be signed in recently) and reads it from the page.</summary>
    public static async Task<string> MakeTokenAsync(this HttpClient client, string name = "Test script", string days = "90")
    {
        var response = await client.PostFormAsync("/account/tokens", new() { ["Name"] = name, ["Days"] = days }, "/account/tokens?handler=Create");
        var html = await response.Content.ReadAsStringAsync();
        var match = NewToken().Match(html);
        if (response.StatusCode != HttpStatusCode.OK || !match.Success)
            throw new InvalidOperationException($"Making a token answered {(int)response.StatusCode}: {Html.Text(html)[..Math.Min(600, Html.Text(html).Length)]}");
        return match.Groups[1].Value;
    }

    /// <summary>A client with no cookie that sends <paramref name="token"/> as its bearer credential.</summary>
    public static HttpClient BearerClient(this MedAtlasApp app, string token)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("id=\"new-token\"[^>]*value=\"(mat_[A-Za-z0-9_-]+)\"")]
    private static partial Regex NewToken();
}

/// <summary>The account tests' app on a clock the tests move (expiry, "last used", a sign-in that is no longer recent).</summary>
public sealed class ClockedAccountsApp : AccountsApp
{
    public ClockedAccountsApp() => WithServices(s => s.AddSingleton<TimeProvider>(Clock));

    internal TestClock Clock { get; } = new();
}

public sealed class AccessTokenTests(ClockedAccountsApp app) : IClassFixture<ClockedAccountsApp>
{
    private const string ProfilesApi = "/api/v1/my/profiles";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Account, HttpClient Client)> PersonAsync(string name = "Tess Token", params string[] roles)
    {
        var account = await app.CreateAccountAsync("token-{n}@example.org", name, roles: roles);
        return (account, await app.SignInAsync(account));
    }

    private Task<PersonalAccessToken?> RowAsync(string accountId) =>
        app.WithDbAsync(db => db.Set<PersonalAccessToken>().AsNoTracking().FirstOrDefaultAsync(t => t.AccountId == accountId, Ct));

    [Fact]
    public async Task A_new_token_is_shown_once_then_listed_by_its_prefix_with_its_dates()
    {
        var (person, client) = await PersonAsync();
        using var _ = client;
        var empty = Html.Text(await client.GetStringAsync("/account/tokens", Ct));

        var token = await client.MakeTokenAsync("Medicine spreadsheet");
        var later = await client.GetStringAsync("/account/tokens", Ct);
        var row = await RowAsync(person.Id);

        Assert.Contains("You have no access tokens.", empty, StringComparison.Ordinal);
        Assert.Matches("^mat_[A-Za-z0-9_-]{43}$", token);
        Assert.DoesNotContain(token, later, StringComparison.Ordinal);
        Assert.Contains("Medicine spreadsheet", later, StringComparison.Ordinal);
        Assert.Contains($"mat_{token[4..12]}…", later, StringComparison.Ordinal);
        Assert.Contains("Never", Html.Text(later), StringComparison.Ordinal); // not used yet
        Assert.NotNull(row);
        Assert.NotEqual(token, row.TokenHash);
        Assert.DoesNotContain(token[4..], row.TokenHash, StringComparison.Ordinal);
        Assert.Equal(PersonalAccessTokens.Hash(token), row.TokenHash);
        Assert.Equal(90, (int)Math.Round((row.ExpiresAt!.Value - row.CreatedAt).TotalDays));
    }

    [Fact]
    public async Task The_account_page_links_to_the_tokens()
    {
        var (_, client) = await PersonAsync();
        using var _c = client;

        Assert.Contains("href=\"/account/tokens\"", await client.GetStringAsync("/account", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "90", "Enter a name for the token")]
    [InlineData("   ", "90", "Enter a name for the token")]
    [InlineData("a name that is far too long for a token, more than sixty characters", "90", "Use at most 60 characters")]
    [InlineData("Spreadsheet", "7", "Choose how long the token works.")]
    [InlineData("Spreadsheet", "forever", "Choose how long the token works.")]
    public async Task A_token_needs_a_name_of_1_to_60_characters_and_one_of_the_offered_lifetimes(string name, string days, string message)
    {
        var (person, client) = await PersonAsync();
        using var _ = client;

        var response = await client.PostFormAsync("/account/tokens", new() { ["Name"] = name, ["Days"] = days }, "/account/tokens?handler=Create");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("There is a problem", Html.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-token\"", html, StringComparison.Ordinal);
        Assert.Null(await RowAsync(person.Id));
    }

    [Fact]
    public async Task A_token_that_never_expires_says_so()
    {
        var (person, client) = await PersonAsync();
        using var _ = client;

        await client.MakeTokenAsync("Forever", "0");

        Assert.Null((await RowAsync(person.Id))!.ExpiresAt);
    }

    [Fact]
    public async Task An_account_keeps_at_most_20_tokens()
    {
        var (person, client) = await PersonAsync();
        using var _ = client;
        for (var i = 0; i < PersonalAccessTokens.MaxPerAccount; i++)
            await client.MakeTokenAsync($"Script {i}");

        var refused = await client.PostFormAsync("/account/tokens", new() { ["Name"] = "One more", ["Days"] = "90" }, "/account/tokens?handler=Create");
        var page = Html.Text(await client.GetStringAsync("/account/tokens", Ct));

        Assert.Contains("at most 20 tokens", Html.Text(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(20, await app.WithDbAsync(db => db.Set<PersonalAccessToken>().CountAsync(t => t.AccountId == person.Id, Ct)));
        Assert.Contains("the most an account keeps", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Making_a_token_without_a_recent_sign_in_asks_to_confirm_it_is_you()
    {
        var (person, client) = await PersonAsync();
        using var _ = client;
        app.Clock.Now += AccountSignIn.RecentEnough + TimeSpan.FromMinutes(1);

        var page = Html.Text(await client.GetStringAsync("/account/tokens", Ct));
        var post = await client.PostFormAsync("/account/tokens", new() { ["Name"] = "Late", ["Days"] = "90" }, "/account/tokens?handler=Create");

        Assert.Contains("A new token needs a recent sign-in.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(AccountSignIn.ReauthenticateUrl("/account/tokens"), post.RedirectPathAndQuery());
        Assert.Null(await RowAsync(person.Id));

        await client.SignInAsync(person, AccountSignIn.ReauthenticateUrl("/account/tokens"));
        Assert.StartsWith("mat_", await client.MakeTokenAsync("After confirming"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_opens_the_personal_API_as_its_account_without_a_cookie()
    {
        var (person, client) = await PersonAsync("Tina Token-User");
        using var _ = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());

        var response = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.ValueKind);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.NotNull((await RowAsync(person.Id))!.LastUsedAt);
    }

    [Fact]
    public async Task A_token_answer_is_neither_stored_nor_compressed()
    {
        var (_, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());
        script.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var response = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, response.Headers.CacheControl?.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_token_opens_no_page_nor_any_staff_area_even_for_an_Admin()
    {
        var (_, client) = await PersonAsync("Ada Admin-Token", StaffRoles.Admin);
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());

        var account = await script.GetAsync("/account", Ct);
        var admin = await script.GetAsync("/admin/people", Ct);
        var mine = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Equal("/sign-in", account.RedirectPath());
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/sign-in", admin.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("mat_not-a-real-token")]
    [InlineData("mat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("something-else")]
    public async Task Without_a_valid_credential_the_personal_API_answers_401_problem_json(string? token)
    {
        using var script = token is null ? app.NewClient() : app.BearerClient(token);

        var response = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetInt32());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_public_catalogue_API_stays_open_to_anyone()
    {
        using var visitor = app.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/drugs/atorvastatin", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/interactions?drugs=warfarin,aspirin", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (_, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync("Short", "30"));
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(ProfilesApi, Ct)).StatusCode);

        app.Clock.Now += TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1);
        var expired = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains(expired.Headers.WwwAuthenticate, h => h.Parameter?.Contains("invalid_token", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());

        await script.GetAsync(ProfilesApi, Ct);
        var first = (await RowAsync(person.Id))!.LastUsedAt;
        app.Clock.Now += TimeSpan.FromSeconds(30);
        await script.GetAsync(ProfilesApi, Ct);
        var halfAMinute = (await RowAsync(person.Id))!.LastUsedAt;
        app.Clock.Now += TimeSpan.FromSeconds(31);
        await script.GetAsync(ProfilesApi, Ct);
        var overAMinute = (await RowAsync(person.Id))!.LastUsedAt;

        Assert.NotNull(first);
        Assert.Equal(first, halfAMinute);
        Assert.True(overAMinute > first, $"{overAMinute:O} should be after {first:O}");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_leaves_the_list()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync("Old script"));
        var id = (await RowAsync(person.Id))!.Id;

        var revoked = await client.PostFormAsync("/account/tokens", new() { ["id"] = id.ToString() }, $"/account/tokens?handler=Revoke&id={id}");
        var page = Html.Text(await client.GetStringAsync("/account/tokens?done=revoked", Ct));
        var refused = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("The token is revoked.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Old script", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Another_account_cannot_revoke_a_token_by_its_id()
    {
        var (a, asA) = await PersonAsync("Alma Owner");
        var (_, asB) = await PersonAsync("Bert Other");
        using var _a = asA;
        using var _b = asB;
        using var script = app.BearerClient(await asA.MakeTokenAsync());
        var id = (await RowAsync(a.Id))!.Id;

        var attempt = await asB.PostFormAsync("/account/tokens", [], $"/account/tokens?handler=Revoke&id={id}");
        var bPage = await asB.GetStringAsync("/account/tokens", Ct);

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(ProfilesApi, Ct)).StatusCode);
        Assert.DoesNotContain("Test script", bPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_account_s_token_is_refused()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());

        await app.WithUsersAsync(async users =>
        {
            var account = (await users.FindByIdAsync(person.Id))!;
            await users.SetLockoutEnabledAsync(account, true);
            await users.SetLockoutEndDateAsync(account, app.Clock.Now.AddHours(1));
        });
        var locked = await script.GetAsync(ProfilesApi, Ct);
        await app.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(person.Id))!, null));
        var unlocked = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_ends_its_tokens()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());

        var deleted = await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" });
        var after = await script.GetAsync(ProfilesApi, Ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Set<Account>().FirstOrDefaultAsync(x => x.Id == person.Id, Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PersonalAccessToken>().CountAsync(t => t.AccountId == person.Id, Ct)));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_data_download_lists_token_names_but_never_a_token_or_its_hash()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        var token = await client.MakeTokenAsync("Download check");
        var hash = (await RowAsync(person.Id))!.TokenHash;

        var json = await client.GetStringAsync("/account/data?download=1", Ct);
        var tokens = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("accessTokens");

        Assert.Equal("Download check", tokens[0].GetProperty("name").GetString());
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..], json, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bearer_write_needs_no_anti_forgery_token_but_must_be_JSON()
    {
        var (person, client) = await PersonAsync();
        using var _c = client;
        using var script = app.BearerClient(await client.MakeTokenAsync());
        var profileId = await MedAtlas.Tests.Features.MyMedicine.MyMedicineFixtures.CreateProfileAsync(app, person);
        var path = $"/api/v1/my/profiles/{profileId}/medicines";

        var json = await script.PostAsJsonAsync(path, new { name = "atorvastatin" }, Ct);
        var form = await script.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "aspirin" }), Ct);

        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }
}
