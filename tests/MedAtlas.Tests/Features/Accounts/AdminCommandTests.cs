using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Accounts;

public sealed partial class AdminCommandTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LinkIn(string output)
    {
        var link = LinkPattern().Match(output);
        Assert.True(link.Success, output);
        return new Uri(link.Value).PathAndQuery;
    }

    [Fact]
    public async Task Admin_create_makes_a_passwordless_confirmed_Admin_and_the_link_signs_in_exactly_once()
    {
        var email = $"root-{Guid.NewGuid():N}@example.org";

        var (exitCode, output) = await app.RunCommandAsync("admin", "create", email);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("http://localhost:5000/account/one-time-sign-in?id=", LinkPattern().Match(output).Value, StringComparison.Ordinal);
        var account = await app.WithDbAsync(db => db.Set<Account>().SingleAsync(a => a.Email == email, Ct));
        Assert.True(account.EmailConfirmed);
        Assert.Null(account.PasswordHash);
        Assert.Equal(AdminCommand.DefaultDisplayName, account.DisplayName);
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.TargetId == account.Id, Ct));
        Assert.Equal(StaffDirectory.CommandLine, audit.ActorName);
        Assert.Null(audit.ActorId);

        var path = LinkIn(output);
        using var client = app.NewClient();
        var shown = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var token = await client.GetFormTokenAsync(path);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("https://localhost" + path).Query);
        var fields = new Dictionary<string, string> { ["Id"] = query["id"]!, ["Code"] = query["code"]! };

        var used = await client.PostWithTokenAsync(path, token, fields);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/account/security", used.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people", Ct)).StatusCode);
        var session = await app.WithDbAsync(db => db.Set<AccountSession>().SingleAsync(s => s.AccountId == account.Id, Ct));
        Assert.Equal(OneTimeSignIn.Method, session.Method);

        // The same link again, from another browser: spent.
        using var other = app.NewClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await other.GetAsync(path, Ct)).StatusCode);
        var reused = await other.PostWithTokenAsync(path, await other.GetFormTokenAsync(), fields);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("does not work", Html.Text(await reused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_link_is_a_clear_400_and_changes_nothing()
    {
        var email = $"tamper-{Guid.NewGuid():N}@example.org";
        var (_, output) = await app.RunCommandAsync("admin", "create", email);
        var path = LinkIn(output);
        var stampBefore = await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Email == email).Select(a => a.SecurityStamp).SingleAsync(Ct));
        using var client = app.NewClient();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("https://localhost" + path).Query);
        var code = query["code"]!;
        var tampered = code[..^4] + (code.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var response = await client.PostWithTokenAsync("/account/one-time-sign-in", await client.GetFormTokenAsync(),
            new() { ["Id"] = query["id"]!, ["Code"] = tampered });
        var garbage = await client.GetAsync("/account/one-time-sign-in?id=x&code=%%%", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(stampBefore, await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Email == email).Select(a => a.SecurityStamp).SingleAsync(Ct)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_create_on_an_existing_account_grants_Admin_and_keeps_its_name_and_password()
    {
        var person = await app.CreateAccountAsync("existing-{n}@example.org", "Existing Person");

        var (exitCode, _) = await app.RunCommandAsync("admin", "create", person.Email);

        Assert.Equal(0, exitCode);
        using var client = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people", Ct)).StatusCode);
        Assert.Equal("Existing Person", await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == person.Id).Select(a => a.DisplayName).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task A_bad_email_exits_2_with_a_message(string email)
    {
        var (exitCode, output) = await app.RunCommandAsync("admin", "create", email);

        Assert.Equal(2, exitCode);
        Assert.Contains("admin create", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_admin_command()
    {
        var (_, output) = await app.RunCommandAsync("help");

        Assert.Contains("admin create <email>", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http\S+/account/one-time-sign-in\?\S+")]
    private static partial Regex LinkPattern();
}
