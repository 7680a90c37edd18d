using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>A test account: what a test needs to sign in as it and to look for it afterwards.</summary>
internal sealed record TestAccount(string Id, string Email, string DisplayName, string Password);

/// <summary>
/// Accounts for tests, made the quick way (UserManager in a DI scope, email confirmed), and signed in the real way
/// (the /sign-in form over HTTPS, so the cookie, the session row and the anti-forgery token are what a browser gets).
/// </summary>
internal static partial class AccountTestClient
{
    public const string Password = "a long test passphrase 4 MedAtlas";

    /// <summary>An HTTPS client that keeps cookies and does not follow redirects (cookies are Secure outside Development).</summary>
    public static HttpClient NewClient(this MedAtlasApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>Makes a confirmed account with the given roles (each role created if missing). The email is unique per call when it contains "{n}".</summary>
    public static async Task<TestAccount> CreateAccountAsync(this MedAtlasApp app, string email, string displayName, string password = Password, params string[] roles)
    {
        email = email.Replace("{n}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTime.UtcNow };
        Check(await users.CreateAsync(account, password));
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
                Check(await roleManager.CreateAsync(new IdentityRole(role)));
            Check(await users.AddToRoleAsync(account, role));
        }

        return new TestAccount(account.Id, email, displayName, password);
    }

    /// <summary>A new client signed in as <paramref name="account"/> through the sign-in form.</summary>
    public static async Task<HttpClient> SignInAsync(this MedAtlasApp app, TestAccount account)
    {
        var client = app.NewClient();
        await client.SignInAsync(account);
        return client;
    }

    /// <summary>Signs this client in (again, for a re-authentication) through the sign-in form.</summary>
    public static async Task SignInAsync(this HttpClient client, TestAccount account, string path = "/sign-in")
    {
        var response = await client.PostFormAsync(path, new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var text = Html.Text(await response.Content.ReadAsStringAsync());
            throw new InvalidOperationException($"Sign-in as {account.Email} answered {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
        }
    }

    /// <summary>The anti-forgery token of the first form on <paramref name="path"/>, for this client's identity.</summary>
    public static async Task<string> GetFormTokenAsync(this HttpClient client, string path = "/sign-in")
    {
        var html = await client.GetStringAsync(path);
        return TokenIn(html) ?? throw new InvalidOperationException($"No anti-forgery token on {path}.");
    }

    /// <summary>The anti-forgery token of the first form in <paramref name="html"/>, or null when it has none.</summary>
    public static string? TokenIn(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>
    /// Posts a form the way a browser does: the token is read from <paramref name="formPage"/> first (a GET), then the
    /// fields go to <paramref name="postTo"/> (the form page itself when null, e.g. "/account/sessions?handler=End").
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string formPage, Dictionary<string, string> fields, string? postTo = null)
    {
        var token = await client.GetFormTokenAsync(formPage);
        return await client.PostWithTokenAsync(postTo ?? formPage, token, fields);
    }

    /// <summary>Posts with a token the caller already has (for pages whose GET would answer 404 to this client).</summary>
    public static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string path, string token, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    /// <summary>The path a redirect points at, whether the Location header is absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(new Uri("https://localhost"), location).AbsolutePath : null;

    /// <summary>The path and query a redirect points at.</summary>
    public static string? RedirectPathAndQuery(this HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(new Uri("https://localhost"), location).PathAndQuery : null;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenPattern();
}
