using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Accounts.Pages;
using MedAtlas.Web.Features.Accounts.Pages.Settings;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>Authenticator-app two-factor over HTTP: turning it on with a code computed from the shown key, signing in with it, recovery codes.</summary>
public sealed partial class TwoFactorTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_factor_is_turned_on_with_a_code_from_the_key_and_then_asked_for_at_sign_in()
    {
        var (account, password) = await app.NewAccountAsync();
        var (key, codes) = await TurnOnAsync(account.Email!, password);
        Assert.Equal(10, codes.Count);

        using var client = app.NewClient();
        var signIn = await AccountsApp.SignInAsync(client, account.Email!, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var step = signIn.Headers.Location!.OriginalString;
        Assert.StartsWith("/sign-in/two-factor?returnUrl=%2Faccount", step, StringComparison.Ordinal);

        // Not signed in yet: the password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account", Ct)).StatusCode);

        var token = await AccountsApp.TokenAsync(client, step);
        var done = await client.PostAsync(step, AccountsApp.Form(token, ("Code", Totp.Code(key)), ("ReturnUrl", "/account")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_gets_a_message_beside_the_field()
    {
        var (account, password) = await app.NewAccountAsync();
        var (key, _) = await TurnOnAsync(account.Email!, password);

        using var client = app.NewClient();
        var step = (await AccountsApp.SignInAsync(client, account.Email!, password)).Headers.Location!.OriginalString;
        var token = await AccountsApp.TokenAsync(client, step);
        var wrong = Totp.Code(key) == "000000" ? "111111" : "000000";
        var response = await client.PostAsync(step, AccountsApp.Form(token, ("Code", wrong)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"id=\"Code-error\"><span class=\"visually-hidden\">Error: </span>{WebUtility.HtmlEncode(TwoFactorModel.WrongCode)}", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task Turning_it_on_with_a_wrong_code_leaves_it_off()
    {
        var (account, password) = await app.NewAccountAsync();
        using var client = app.NewClient();
        await AccountsApp.SignInAsync(client, account.Email!, password);
        var token = await AccountsApp.TokenAsync(client, "/account/two-factor");

        var response = await client.PostAsync("/account/two-factor?handler=Enable", AccountsApp.Form(token, ("Code", "12345")), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The code is 6 digits", html, StringComparison.Ordinal);
        Assert.Contains("is <strong>off</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (account, password) = await app.NewAccountAsync();
        var (_, codes) = await TurnOnAsync(account.Email!, password);

        using (var first = app.NewClient())
        {
            await AccountsApp.SignInAsync(first, account.Email!, password);
            var token = await AccountsApp.TokenAsync(first, "/sign-in/recovery-code?returnUrl=%2Faccount");
            // Typed in lower case, without the hyphen: still the code.
            var typed = codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            var used = await first.PostAsync("/sign-in/recovery-code", AccountsApp.Form(token, ("Code", typed), ("ReturnUrl", "/account")), Ct);
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal("/account", used.Headers.Location!.OriginalString);
        }

        using var second = app.NewClient();
        await AccountsApp.SignInAsync(second, account.Email!, password);
        var again = await AccountsApp.TokenAsync(second, "/sign-in/recovery-code");
        var reused = await second.PostAsync("/sign-in/recovery-code", AccountsApp.Form(again, ("Code", codes[3])), Ct);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(RecoveryCodeSignInModel.WrongCode), await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_step_without_a_password_first_goes_back_to_sign_in()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/sign-in/two-factor", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_setup_page_shows_the_key_in_groups_of_four_and_an_inline_svg_qr_code()
    {
        var (account, password) = await app.NewAccountAsync();
        using var client = app.NewClient();
        await AccountsApp.SignInAsync(client, account.Email!, password);
        var html = await client.GetStringAsync("/account/two-factor", Ct);

        Assert.Matches(SharedKey(), html);
        Assert.Contains("<svg class=\"qr-code\"", html, StringComparison.Ordinal);
        Assert.Matches("<path d=\"(M\\d+ \\d+h1v1h-1z)+\" fill=\"#000\" />", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    /// <summary>Signs in, reads the key from the setup page, turns two-factor on with a computed code; answers the key and the recovery codes shown.</summary>
    private async Task<(string Key, List<string> Codes)> TurnOnAsync(string email, string password)
    {
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApp.SignInAsync(client, email, password)).StatusCode);
        var page = await client.GetStringAsync("/account/two-factor", Ct);
        var key = SharedKey().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/account/two-factor?handler=Enable",
            AccountsApp.Form(AccountsApp.TokenIn(page), ("Code", Totp.Code(key))), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("is <strong>on</strong>", html, StringComparison.Ordinal);
        return (key, [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)]);
    }

    [GeneratedRegex("data-shared-key>((?:[A-Z2-7]{4} )+[A-Z2-7]{1,4})<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
