using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>
/// One person's browser over HTTP: its own cookies, an https address (the sign-in cookie is Secure), no
/// automatic redirects so tests see where each form sends them. Forms are posted with the anti-forgery token
/// the page handed out, as a browser would.
/// </summary>
internal sealed partial class AccountVisitor(MedAtlasApp app) : IDisposable
{
    public HttpClient Http { get; } = app.NewClient();

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>GETs <paramref name="formPath"/> for its token, then POSTs the fields to <paramref name="postPath"/> (the same page by default).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPath, IDictionary<string, string> fields, string? postPath = null)
    {
        var token = AccountTestClient.TokenIn(await GetPageAsync(formPath)) ?? "";
        return await Http.PostWithTokenAsync(postPath ?? formPath, token, new Dictionary<string, string>(fields));
    }

    public async Task<HttpResponseMessage> RegisterAsync(string email, string displayName, string password) =>
        await PostFormAsync("/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
        });

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, bool remember = false) =>
        await PostFormAsync("/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = remember ? "true" : "false",
        });

    /// <summary>Registers, follows the link in the confirmation mail and signs in: a ready account.</summary>
    public async Task SignUpAndSignInAsync(string email, string displayName, string password)
    {
        (await RegisterAsync(email, displayName, password)).Dispose();
        var link = await Mail.LinkAsync(app, email, "confirm-email");
        (await Http.GetAsync(link, TestContext.Current.CancellationToken)).Dispose();
        using var signedIn = await SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>What the outbox holds for an address: the mail a person would receive.</summary>
internal static partial class Mail
{
    public static Task<List<OutboxMessage>> ToAsync(MedAtlasApp app, string email) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.To == email).OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>The link in the newest mail of <paramref name="kind"/> to <paramref name="email"/>, as a path and query on this site.</summary>
    public static async Task<string> LinkAsync(MedAtlasApp app, string email, string kind)
    {
        var mail = (await ToAsync(app, email)).LastOrDefault(m => m.Kind == kind)
            ?? throw new InvalidOperationException($"No {kind} mail to {email}.");
        var url = LinkPattern().Match(mail.TextBody).Value;
        Assert.False(string.IsNullOrEmpty(url), $"The {kind} mail has no link: {mail.TextBody}");
        Assert.Contains("href=", mail.HtmlBody, StringComparison.Ordinal);
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
