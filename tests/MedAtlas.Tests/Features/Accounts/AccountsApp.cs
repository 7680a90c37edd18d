using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>
/// The app for the account tests, with helpers to make accounts and post forms. (MedAtlasApp already lifts the
/// per-address rate limits: every test client comes from one address.)
/// </summary>
public partial class AccountsApp : MedAtlasApp
{
    /// <summary>A confirmed account with a password, made directly (the sign-up pages have tests of their own).</summary>
    internal async Task<(Account Account, string Password)> NewAccountAsync(string? displayName = null, bool withPassword = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var email = $"person-{Guid.NewGuid():N}@example.org";
        var account = new Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName ?? "Test Person",
            CreatedAt = DateTime.UtcNow,
        };
        var password = $"plum orbit kettle {Guid.NewGuid():N}";
        var created = withPassword ? await users.CreateAsync(account, password) : await users.CreateAsync(account);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (account, password);
    }

    internal async Task WithUsersAsync(Func<UserManager<Account>, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<Account>>());
    }

    /// <summary>Signs in with the password form; answers the response (a redirect: to the page asked for, or to the code step).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await TokenAsync(client, "/sign-in");
        return await client.PostAsync("/sign-in", Form(token, ("Input.Email", email), ("Input.Password", password), ("ReturnUrl", "/account")),
            TestContext.Current.CancellationToken);
    }

    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TokenIn(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string TokenIn(string html) =>
        AccountTestClient.TokenIn(html) ?? throw new InvalidOperationException("No anti-forgery token on the page.");

    public static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
            .. token is null ? Array.Empty<KeyValuePair<string, string>>() : [new("__RequestVerificationToken", token)]]);
}
