using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>Sign-up, confirmation, sign-in, reset and email change over HTTP, as a person goes through them.</summary>
public sealed class AccountFlowTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private const string Password = "lantern orbit meadow 42";

    private static string NewEmail() => $"p{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Sign_up_confirm_through_the_mailed_link_and_sign_in()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewEmail();
        using var registered = await visitor.RegisterAsync(email, "Ann Lee", Password);
        Assert.Equal("/check-email?for=register", registered.Headers.Location?.OriginalString);

        // Before confirming, the right password says to confirm (and sends a new link); nothing signs in.
        using var early = await visitor.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Confirm your email address first", await early.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var link = await Mail.LinkAsync(app, email, "confirm-email");
        var confirmed = await visitor.GetPageAsync(link);
        Assert.Contains("Your email is confirmed", confirmed, StringComparison.Ordinal);

        using var signedIn = await visitor.SignInAsync(email, Password);
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
        var account = await visitor.GetPageAsync("/account");
        Assert.Contains("Ann Lee", account, StringComparison.Ordinal);
        Assert.Contains(email, account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site_lax()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewEmail();
        (await visitor.RegisterAsync(email, "Cookie Test", Password)).Dispose();
        (await visitor.Http.GetAsync(await Mail.LinkAsync(app, email, "confirm-email"), TestContext.Current.CancellationToken)).Dispose();
        using var signedIn = await visitor.SignInAsync(email, Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-medatlas=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Registering_a_known_email_answers_exactly_like_a_new_one_and_mails_the_owner()
    {
        var email = NewEmail();
        using (var first = new AccountVisitor(app))
            (await first.RegisterAsync(email, "Owner", Password)).Dispose();

        using var second = new AccountVisitor(app);
        using var again = await second.RegisterAsync(email, "Someone Else", "another long passphrase");
        using var fresh = await second.RegisterAsync(NewEmail(), "Someone Else", "another long passphrase");
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(fresh.Headers.Location, again.Headers.Location);

        var mails = await Mail.ToAsync(app, email);
        Assert.Equal(["confirm-email", "already-registered"], mails.Select(m => m.Kind));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Sign_in_says_the_same_for_an_unknown_email_and_a_wrong_password()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewEmail();
        await visitor.SignUpAndSignInAsync(email, "Known", Password);
        using var other = new AccountVisitor(app);
        using var wrong = await other.SignInAsync(email, "not the password at all");
        using var unknown = await other.SignInAsync(NewEmail(), "not the password at all");
        var wrongText = Html.Text(await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var unknownText = Html.Text(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(SignInModelText.WrongCredentials, wrongText, StringComparison.Ordinal);
        Assert.Equal(wrongText, unknownText);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_a_reset_link_works_once_and_signs_out_everywhere()
    {
        var email = NewEmail();
        using var laptop = new AccountVisitor(app);
        await laptop.SignUpAndSignInAsync(email, "Resetter", Password);
        using var phone = new AccountVisitor(app);
        (await phone.SignInAsync(email, Password)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);

        using var stranger = new AccountVisitor(app);
        using var known = await stranger.PostFormAsync("/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        using var unknown = await stranger.PostFormAsync("/forgot-password", new Dictionary<string, string> { ["Email"] = NewEmail() });
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);

        var link = await Mail.LinkAsync(app, email, "reset-password");
        const string newPassword = "quiet harbour violet 7";
        using var reset = await stranger.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = newPassword });
        Assert.Equal("/sign-in?done=reset", reset.Headers.Location?.OriginalString);

        // Both devices that were signed in are signed out, and the old password no longer works.
        using var laptopAfter = await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, laptopAfter.StatusCode);
        Assert.StartsWith("/sign-in", laptopAfter.Headers.Location?.AbsolutePath ?? laptopAfter.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var phoneAfter = await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, phoneAfter.StatusCode);
        using var oldPassword = await stranger.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        using var newOne = await stranger.SignInAsync(email, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, newOne.StatusCode);

        // The same link a second time changes nothing.
        using var reused = await stranger.Http.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("This link does not work", await reused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/confirm-email?id=nobody&code=AAAA")]
    [InlineData("/confirm-email?id=&code=")]
    [InlineData("/confirm-email?code=%%%")]
    [InlineData("/reset-password?id=nobody&code=not-base64!")]
    [InlineData("/account/confirm-email-change?id=x&email=a%40b.org&code=QUJD")]
    public async Task A_tampered_or_foreign_link_gets_a_clear_page_and_changes_nothing(string link)
    {
        using var visitor = new AccountVisitor(app);
        using var response = await visitor.Http.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_link_with_a_tampered_code_does_not_confirm()
    {
        using var visitor = new AccountVisitor(app);
        var email = NewEmail();
        (await visitor.RegisterAsync(email, "Tamper", Password)).Dispose();
        var link = await Mail.LinkAsync(app, email, "confirm-email");
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        var page = await visitor.GetPageAsync(tampered);
        Assert.Contains("This link does not work", page, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("Input.Email", "10000", "An email address has at most 254 characters.")]
    [InlineData("Input.Email", "not-an-email", "Enter an email address like name@example.org.")]
    [InlineData("Input.DisplayName", "     ", "Enter a display name")]
    [InlineData("Input.DisplayName", "\u0001\u0002", "A display name cannot contain control or formatting characters.")]
    [InlineData("Input.DisplayName", "me@example.org", "A display name cannot contain @")]
    [InlineData("Input.Password", "short", "Your password needs at least 12 characters; it has 5.")]
    [InlineData("Input.Password", "10MB", "A password has at most 128 characters.")]
    [InlineData("Input.Password", "password1234", "This password is on the list of commonly used passwords")]
    public async Task Bad_sign_up_input_gets_a_message_beside_the_field_and_creates_nothing(string field, string value, string message)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = NewEmail(),
            ["Input.DisplayName"] = "Valid Name",
            ["Input.Password"] = Password,
        };
        fields[field] = value switch
        {
            "10000" => new string('a', 10_000) + "@example.org",
            "10MB" => new string('x', 10 * 1024 * 1024),
            _ => value,
        };

        using var visitor = new AccountVisitor(app);
        var before = await app.WithDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken));
        using var response = await visitor.PostFormAsync("/register", fields);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = field.Replace('.', '_');
        Assert.Contains($"id=\"{id}-error\"", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), html, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{id}-hint {id}-error\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        using var visitor = new AccountVisitor(app);
        using var response = await visitor.Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "x@example.org",
            ["Input.Password"] = "whatever it is here",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_devices_but_not_this_one()
    {
        var email = NewEmail();
        using var laptop = new AccountVisitor(app);
        await laptop.SignUpAndSignInAsync(email, "Changer", Password);
        using var phone = new AccountVisitor(app);
        (await phone.SignInAsync(email, Password)).Dispose();

        using var changed = await laptop.PostFormAsync("/account/security", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "granite willow sunset 9",
        });
        Assert.Equal("/account/security?changed=1", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("password-changed", (await Mail.ToAsync(app, email)).Select(m => m.Kind));
    }

    [Fact]
    public async Task The_sessions_page_lists_devices_and_signs_one_out_and_another_accounts_session_is_a_404()
    {
        var email = NewEmail();
        using var laptop = new AccountVisitor(app);
        await laptop.SignUpAndSignInAsync(email, "Two Devices", Password);
        using var phone = new AccountVisitor(app);
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36");
        (await phone.SignInAsync(email, Password)).Dispose();

        var page = await laptop.GetPageAsync("/account/sessions");
        Assert.Contains("Chrome on Android", page, StringComparison.Ordinal);
        Assert.Contains("(this device)", page, StringComparison.Ordinal);

        var phoneSession = await app.WithDbAsync(db => db.Set<AccountSession>()
            .Where(s => s.Device == "Chrome on Android").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken));

        using var stranger = new AccountVisitor(app);
        await stranger.SignUpAndSignInAsync(NewEmail(), "Stranger", Password);
        using var foreign = await stranger.PostFormAsync("/account/sessions", new Dictionary<string, string> { ["id"] = phoneSession }, "/account/sessions?handler=End");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);

        using var ended = await laptop.PostFormAsync("/account/sessions", new Dictionary<string, string> { ["id"] = phoneSession }, "/account/sessions?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session()
    {
        var email = NewEmail();
        using var laptop = new AccountVisitor(app);
        await laptop.SignUpAndSignInAsync(email, "Everywhere", Password);
        using var phone = new AccountVisitor(app);
        (await phone.SignInAsync(email, Password)).Dispose();
        using var all = await laptop.PostFormAsync("/account/sessions", new Dictionary<string, string>(), "/account/sessions?handler=EndAll");
        Assert.Equal("/sign-in?done=everywhere", all.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_email_waits_for_the_link_sent_to_the_new_address_and_tells_the_old_one()
    {
        var email = NewEmail();
        var newEmail = NewEmail();
        using var visitor = new AccountVisitor(app);
        await visitor.SignUpAndSignInAsync(email, "Mover", Password);
        using var asked = await visitor.PostFormAsync("/account/email", new Dictionary<string, string> { ["NewEmail"] = newEmail });
        Assert.Equal("/check-email?for=change", asked.Headers.Location?.OriginalString);
        Assert.Contains(email, await visitor.GetPageAsync("/account"), StringComparison.Ordinal);

        var page = await visitor.GetPageAsync(await Mail.LinkAsync(app, newEmail, "change-email"));
        Assert.Contains("Your email address is changed", page, StringComparison.Ordinal);
        Assert.Contains("email-changed", (await Mail.ToAsync(app, email)).Select(m => m.Kind));
        using var other = new AccountVisitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(newEmail, Password)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_mail_its_owner_once()
    {
        var email = NewEmail();
        using var visitor = new AccountVisitor(app);
        await visitor.SignUpAndSignInAsync(email, "Locked", Password);
        using var attacker = new AccountVisitor(app);
        for (var i = 0; i < 7; i++)
            (await attacker.SignInAsync(email, $"guess number {i} wrong")).Dispose();
        using var right = await attacker.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Single(await Mail.ToAsync(app, email), m => m.Kind == "locked-out");
    }

    [Fact]
    public async Task A_hash_made_with_fewer_iterations_is_rehashed_at_the_next_sign_in()
    {
        // Its own app: the shared one hashes with the tests' small iteration count.
        await using var production = new MedAtlasApp().WithProductionPasswordHashing();
        await production.InitializeAsync();
        var email = NewEmail();
        using var visitor = new AccountVisitor(production);
        await visitor.SignUpAndSignInAsync(email, "Old Hash", Password);
        Assert.Equal(AccountRules.Pbkdf2Iterations, await IterationsAsync(production, email));
        var weak = new PasswordHasher<Account>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        await using (var scope = production.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = (await users.FindByEmailAsync(email))!;
            account.PasswordHash = weak.HashPassword(account, Password);
            await users.UpdateAsync(account);
        }

        Assert.Equal(10_000, await IterationsAsync(production, email));
        using var again = new AccountVisitor(production);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(AccountRules.Pbkdf2Iterations, await IterationsAsync(production, email));
    }

    private static async Task<int> IterationsAsync(MedAtlasApp app, string email)
    {
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync(TestContext.Current.CancellationToken));
        var bytes = Convert.FromBase64String(hash!);
        // Identity V3 format: marker byte, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
        Assert.Equal(1, bytes[0]);
        Assert.Equal(2, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5));
    }

    [Fact]
    public async Task Signed_in_pages_are_never_cached_or_compressed_and_public_ones_are_compressed()
    {
        using var visitor = new AccountVisitor(app);
        await visitor.SignUpAndSignInAsync(NewEmail(), "Private", Password);
        foreach (var path in new[] { "/account", "/drugs", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("br");
            using var response = await visitor.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal("no-store, private", string.Join(", ", response.Headers.CacheControl!.ToString().Split(", ").Order(StringComparer.Ordinal)));
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }

        using var anonymous = new AccountVisitor(app);
        using var publicRequest = new HttpRequestMessage(HttpMethod.Get, "/drugs");
        publicRequest.Headers.AcceptEncoding.ParseAdd("br");
        using var publicResponse = await anonymous.Http.SendAsync(publicRequest, TestContext.Current.CancellationToken);
        Assert.Equal(["br"], publicResponse.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_common_password_list_has_at_least_ten_thousand_entries()
    {
        Assert.True(CommonPasswordValidator.ListSize >= 10_000, $"{CommonPasswordValidator.ListSize} passwords");
        Assert.True(CommonPasswordValidator.IsCommon("iloveyou"));
        Assert.False(CommonPasswordValidator.IsCommon("lantern orbit meadow 42"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_header_shows_sign_in_to_visitors_and_the_display_name_with_sign_out_to_members()
    {
        using var visitor = new AccountVisitor(app);
        Assert.Contains("href=\"/sign-in\"", await visitor.GetPageAsync("/drugs"), StringComparison.Ordinal);
        await visitor.SignUpAndSignInAsync(NewEmail(), "Header Name", Password);
        var html = await visitor.GetPageAsync("/drugs");
        Assert.Contains("Header Name", html, StringComparison.Ordinal);
        Assert.Matches("<form method=\"post\" action=\"/sign-out\"><button[^>]*>Sign out</button><input name=\"__RequestVerificationToken\"", html);
    }
}

/// <summary>The sign-in page's one message for "unknown email" and "wrong password".</summary>
internal static class SignInModelText
{
    public const string WrongCredentials = "The email address or the password is not right.";
}
