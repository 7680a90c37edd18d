using System.Text.RegularExpressions;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Accounts;

/// <summary>
/// Accounts in a real Chromium: sign-up and sign-in with a password, with a passkey (Chromium's virtual
/// authenticator), two-factor codes computed from the shown key, recovery codes, and user text staying text.
/// Everything runs on http://localhost, the secure context WebAuthn needs.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class AccountBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task Register_with_a_password_confirm_sign_out_and_sign_in_shows_the_display_name()
    {
        var (page, _) = await NewPageAsync();
        var email = NewEmail();
        await page.GotoAsync(Url("/register"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Rosa Parks");
        await page.GetByLabel("Password").FillAsync("four quiet rivers under snow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        await page.GotoAsync(await ConfirmationLinkAsync(email));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email is confirmed" })).ToBeVisibleAsync();

        await SignInWithPasswordAsync(page, email, "four quiet rivers under snow");
        await Expect(page.Locator(".account-menu summary")).ToContainTextAsync("Rosa Parks");

        await page.Locator(".account-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator(".account-menu")).ToHaveCountAsync(0);

        await SignInWithPasswordAsync(page, email, "four quiet rivers under snow");
        await Expect(page.Locator(".account-menu summary")).ToContainTextAsync("Rosa Parks");
    }

    [Fact]
    public async Task The_password_field_says_how_many_characters_are_still_needed_while_typing()
    {
        var (page, _) = await NewPageAsync();
        await page.GotoAsync(Url("/register"));
        var password = page.GetByLabel("Password");
        await password.FillAsync("short");
        await Expect(page.Locator(".password-meter-text")).ToHaveTextAsync("7 more characters needed (5 of 12).");
        await password.FillAsync("four quiet rivers under snow");
        await Expect(page.Locator(".password-meter-text")).ToHaveTextAsync("Strong length.");
        // Announced to screen readers, and tied to the field.
        Assert.Contains("Input_Password-meter", await password.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_with_a_passkey_confirm_and_sign_in_with_it()
    {
        var (page, context) = await NewPageAsync();
        var authenticator = await VirtualAuthenticator.AddAsync(context, page);
        var email = NewEmail();
        await page.GotoAsync(Url("/register"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Passkey Person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account with a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        var hasPassword = true;
        var passkeys = 0;
        await WithUsersAsync(async users =>
        {
            var account = (await users.FindByEmailAsync(email))!;
            hasPassword = await users.HasPasswordAsync(account);
            passkeys = (await users.GetPasskeysAsync(account)).Count;
        });
        Assert.False(hasPassword);
        Assert.Equal(1, passkeys);

        // Before the email is confirmed, the passkey does not sign in.
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Confirm your email address first");

        await page.GotoAsync(await ConfirmationLinkAsync(email));
        await page.GotoAsync(Url("/sign-in?returnUrl=%2Faccount%2Fpasskeys"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/account/passkeys"));
        await Expect(page.Locator(".account-menu summary")).ToContainTextAsync("Passkey Person");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passkey made at sign-up" })).ToBeVisibleAsync();

        // The only way in stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Passkey made at sign-up" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("This is your only way to sign in");

        // A second passkey from the same page.
        await page.GetByLabel("Name of the new passkey").FillAsync("Second key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        // This authenticator already holds the account's passkey, which Identity lists as excluded.
        await Expect(page.Locator("[data-passkey-error]")).ToContainTextAsync("This device already has a passkey");
        await authenticator.ClearAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Your passkey is added");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second key" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Two_factor_set_up_then_sign_in_with_a_computed_code_and_with_a_recovery_code()
    {
        var (email, password) = await NewAccountAsync("Tess Factor");
        var (page, _) = await NewPageAsync();
        await SignInWithPasswordAsync(page, email, password);
        await page.GotoAsync(Url("/account/two-factor"));
        var key = (await page.Locator("[data-shared-key]").TextContentAsync())!;
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);
        await Expect(page.Locator("svg.qr-code path")).ToHaveCountAsync(1);

        await page.GetByLabel("Enter the 6-digit code the app shows").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        var codes = await page.Locator(".code-list code").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);

        // A new browser: password, then a code from the "app".
        var (second, _) = await NewPageAsync();
        await SignInWithPasswordAsync(second, email, password);
        await Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Enter the code from your app" })).ToBeVisibleAsync();
        await second.GetByLabel("Code", new() { Exact = true }).FillAsync("000000" == Totp.Code(key) ? "111111" : "000000");
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(second.Locator(".field-error")).ToContainTextAsync("That code is not right");
        await second.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key));
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(second.Locator(".account-menu summary")).ToContainTextAsync("Tess Factor");

        // A third: password, then a recovery code.
        var (third, _) = await NewPageAsync();
        await SignInWithPasswordAsync(third, email, password);
        await third.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await third.GetByLabel("Recovery code").FillAsync(codes[0]);
        await third.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(third.Locator(".account-menu summary")).ToContainTextAsync("Tess Factor");
    }

    [Fact]
    public async Task A_display_name_with_markup_shows_as_text()
    {
        const string Name = "<img src=x onerror=alert(1)>";
        var (email, password) = await NewAccountAsync(Name);
        var (page, _) = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await SignInWithPasswordAsync(page, email, password);
        await page.GotoAsync(Url("/account"));

        await Expect(page.Locator(".account-menu summary")).ToContainTextAsync(Name);
        Assert.Equal(0, await page.Locator("header img[src='x']").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/passkeys")]
    [InlineData("/account/two-factor")]
    [InlineData("/account/tokens")]
    [InlineData("/sign-in/two-factor")]
    public async Task Signed_in_account_pages_have_no_axe_violations(string path)
    {
        var (email, password) = await NewAccountAsync("Axe Person");
        if (path == "/sign-in/two-factor")
            await WithUsersAsync(async users =>
            {
                var account = (await users.FindByEmailAsync(email))!;
                await users.ResetAuthenticatorKeyAsync(account);
                await users.SetTwoFactorEnabledAsync(account, true);
            });
        var (page, _) = await NewPageAsync();
        await SignInWithPasswordAsync(page, email, password);
        if (path != "/sign-in/two-factor")
            await page.GotoAsync(Url(path));
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path)));

        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, path);
    }

    [Fact]
    public async Task A_new_access_token_is_shown_once_with_a_copy_button_and_the_page_stays_accessible()
    {
        var (email, password) = await NewAccountAsync("Token Person");
        var (page, context) = await NewPageAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.LocalhostAddress.GetLeftPart(UriPartial.Authority) });
        await SignInWithPasswordAsync(page, email, password);
        await page.GotoAsync(Url("/account/tokens"));

        await page.GetByLabel("Name").FillAsync("Spreadsheet");
        await page.GetByLabel("Works for").SelectOptionAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the token" }).ClickAsync();
        var token = await page.GetByLabel("Token", new() { Exact = true }).InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the token" }).ClickAsync();

        Assert.StartsWith("mat_", token, StringComparison.Ordinal);
        await Expect(page.Locator("#new-token-status")).ToHaveTextAsync("Copied.");
        Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Shell.AccessibilityTests.AssertNoViolationsAsync(page, "/account/tokens (new token)");

        await page.GotoAsync(Url("/account/tokens"));
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Spreadsheet", Exact = true })).ToBeVisibleAsync();
    }

    private async Task<(IPage Page, IBrowserContext Context)> NewPageAsync()
    {
        var context = await site.NewContextAsync();
        return (await context.NewPageAsync(), context);
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    private static string NewEmail() => $"browser-{Guid.NewGuid():N}@example.org";

    private async Task SignInWithPasswordAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The link from the queued confirmation mail (the mail sender is another feature's).</summary>
    private async Task<string> ConfirmationLinkAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var mail = await db.Set<OutboxMessage>().Where(m => m.To == email && m.Kind == "confirm-email").OrderByDescending(m => m.Id).FirstAsync();
        return ConfirmLink().Match(mail.TextBody).Value;
    }

    private async Task<(string Email, string Password)> NewAccountAsync(string displayName)
    {
        var email = NewEmail();
        var password = $"plum orbit kettle {Guid.NewGuid():N}";
        await WithUsersAsync(async users =>
        {
            var created = await users.CreateAsync(
                new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTime.UtcNow }, password);
            Assert.True(created.Succeeded);
        });
        return (email, password);
    }

    private async Task WithUsersAsync(Func<UserManager<Account>, Task> action)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<Account>>());
    }

    [GeneratedRegex(@"https?://\S+/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}

/// <summary>Chromium's virtual authenticator: a platform passkey store that says yes at once, as a fingerprint would.</summary>
internal sealed class VirtualAuthenticator(ICDPSession cdp, string id)
{
    public static async Task<VirtualAuthenticator> AddAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>Forgets the passkeys it holds, as a new device would be.</summary>
    public Task ClearAsync() => cdp.SendAsync("WebAuthn.clearCredentials", new Dictionary<string, object> { ["authenticatorId"] = id });
}
