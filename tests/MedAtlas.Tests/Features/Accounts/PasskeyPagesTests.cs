using System.Net;
using System.Text.Json;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Accounts.Pages.Settings;
using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>The passkey pages over HTTP: options from Identity, ownership of passkey ids, the last way in, anti-forgery.</summary>
public sealed class PasskeyPagesTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_options_are_a_webauthn_request_for_this_host()
    {
        using var client = app.NewClient();
        var token = await AccountsApp.TokenAsync(client, "/sign-in");
        var response = await client.PostAsync("/sign-in?handler=PasskeyOptions", AccountsApp.Form(token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("localhost", json.RootElement.GetProperty("rpId").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("challenge").GetString()));
    }

    [Fact]
    public async Task Sign_up_options_need_an_email_and_name_and_name_the_user()
    {
        using var client = app.NewClient();
        var token = await AccountsApp.TokenAsync(client, "/register");
        var empty = await client.PostAsync("/register?handler=PasskeyOptions", AccountsApp.Form(token), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var response = await client.PostAsync("/register?handler=PasskeyOptions",
            AccountsApp.Form(token, ("Input.Email", "new@example.org"), ("Input.DisplayName", "New Person")), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("new@example.org", json.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("New Person", json.RootElement.GetProperty("user").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_passkey_sign_up_without_a_credential_creates_nothing()
    {
        using var client = app.NewClient();
        var token = await AccountsApp.TokenAsync(client, "/register");
        var response = await client.PostAsync("/register?handler=Passkey",
            AccountsApp.Form(token, ("Input.Email", "nocred@example.org"), ("Input.DisplayName", "No Cred"), ("PasskeyCredential", "{}")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The passkey was not created", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var found = false;
        await app.WithUsersAsync(async users => found = await users.FindByEmailAsync("nocred@example.org") is not null);
        Assert.False(found);
    }

    [Fact]
    public async Task Another_accounts_passkey_id_is_not_found()
    {
        var (me, password) = await app.NewAccountAsync();
        var (other, _) = await app.NewAccountAsync();
        var theirs = await AddPasskeyAsync(other, "Their phone");
        using var client = app.NewClient();
        await AccountsApp.SignInAsync(client, me.Email!, password);
        var token = await AccountsApp.TokenAsync(client, "/account/passkeys");

        var remove = await client.PostAsync($"/account/passkeys?handler=Remove&id={theirs}", AccountsApp.Form(token), Ct);
        var rename = await client.PostAsync($"/account/passkeys?handler=Rename&id={theirs}", AccountsApp.Form(token, ("Name", "Mine now")), Ct);
        var nonsense = await client.PostAsync("/account/passkeys?handler=Remove&id=%25%25", AccountsApp.Form(token), Ct);

        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        var count = 0;
        await app.WithUsersAsync(async users => count = (await users.GetPasskeysAsync((await users.FindByIdAsync(other.Id))!)).Count);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Own_passkeys_are_listed_renamed_and_removed()
    {
        var (me, password) = await app.NewAccountAsync();
        var id = await AddPasskeyAsync(me, "Laptop");
        using var client = app.NewClient();
        await AccountsApp.SignInAsync(client, me.Email!, password);
        var page = await client.GetStringAsync("/account/passkeys", Ct);
        Assert.Contains("<h2>Laptop</h2>", page, StringComparison.Ordinal);

        var renamed = await client.PostAsync($"/account/passkeys?handler=Rename&id={id}", AccountsApp.Form(AccountsApp.TokenIn(page), ("Name", "  Work   laptop ")), Ct);
        Assert.Equal("/account/passkeys?done=renamed", renamed.Headers.Location!.OriginalString);
        page = await client.GetStringAsync("/account/passkeys", Ct);
        Assert.Contains("<h2>Work laptop</h2>", page, StringComparison.Ordinal);

        var removed = await client.PostAsync($"/account/passkeys?handler=Remove&id={id}", AccountsApp.Form(AccountsApp.TokenIn(page)), Ct);
        Assert.Equal("/account/passkeys?done=removed", removed.Headers.Location!.OriginalString);
        Assert.Contains("You have no passkeys yet.", await client.GetStringAsync("/account/passkeys", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_passkey_of_an_account_without_a_password_stays()
    {
        var (me, _) = await app.NewAccountAsync(withPassword: false);
        var id = await AddPasskeyAsync(me, "Only key");
        using var client = app.NewClient();
        await SignInDirectlyAsync(client, me);
        var token = await AccountsApp.TokenAsync(client, "/account/passkeys");

        var response = await client.PostAsync($"/account/passkeys?handler=Remove&id={id}", AccountsApp.Form(token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(PasskeysModel.LastWayIn), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var count = 0;
        await app.WithUsersAsync(async users => count = (await users.GetPasskeysAsync((await users.FindByIdAsync(me.Id))!)).Count);
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("/sign-in?handler=PasskeyOptions")]
    [InlineData("/sign-in?handler=Passkey")]
    [InlineData("/register?handler=PasskeyOptions")]
    [InlineData("/register?handler=Passkey")]
    [InlineData("/sign-in/two-factor")]
    [InlineData("/sign-in/recovery-code")]
    [InlineData("/account/passkeys?handler=PasskeyOptions")]
    [InlineData("/account/passkeys?handler=Add")]
    [InlineData("/account/passkeys?handler=Rename&id=AQID")]
    [InlineData("/account/passkeys?handler=Remove&id=AQID")]
    [InlineData("/account/two-factor?handler=Enable")]
    [InlineData("/account/two-factor?handler=Disable")]
    [InlineData("/account/two-factor?handler=RecoveryCodes")]
    public async Task Posts_without_the_anti_forgery_token_are_refused(string path)
    {
        var (me, password) = await app.NewAccountAsync();
        using var client = app.NewClient();
        await AccountsApp.SignInAsync(client, me.Email!, password);

        var response = await client.PostAsync(path, AccountsApp.Form(null, ("Code", "123456"), ("Name", "x")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>A stored passkey as Identity keeps one; the browser ceremony itself is covered by the browser tests.</summary>
    private async Task<string> AddPasskeyAsync(Account account, string name)
    {
        var credentialId = Guid.NewGuid().ToByteArray();
        var passkey = new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5]) { Name = name };
        await app.WithUsersAsync(async users => Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(account.Id))!, passkey)).Succeeded));
        return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(credentialId);
    }

    /// <summary>An account without a password cannot use the password form; it is given a password, signed in, and the password taken away again.</summary>
    private async Task SignInDirectlyAsync(HttpClient client, Account account)
    {
        var password = $"temporary words {Guid.NewGuid():N}";
        await app.WithUsersAsync(async users => await users.AddPasswordAsync((await users.FindByIdAsync(account.Id))!, password));
        await AccountsApp.SignInAsync(client, account.Email!, password);
        await app.WithUsersAsync(async users => await users.RemovePasswordAsync((await users.FindByIdAsync(account.Id))!));
    }
}
