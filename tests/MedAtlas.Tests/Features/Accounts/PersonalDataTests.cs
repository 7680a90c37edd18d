using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

public sealed class PersonalDataTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A person with something in every Accounts table: a session, a role, a passkey, mail, and staff changes by and to them.</summary>
    private async Task<TestAccount> RichPersonAsync(string displayName)
    {
        var person = await app.CreateAccountAsync("rich-{n}@example.org", displayName, roles: StaffRoles.Admin);
        var other = await app.CreateAccountAsync("other-{n}@example.org", "Someone Else");
        using var client = await app.SignInAsync(person);
        // Staff changes by the person (to another) and to the person (by the command line).
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/admin/people/{other.Id}", new() { ["Role"] = StaffRoles.Writer }, $"/admin/people/{other.Id}?handler=Grant")).StatusCode);
        Assert.Equal(0, (await app.RunCommandAsync("admin", "create", person.Email)).ExitCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/admin/people/{person.Id}", new() { ["Credentials"] = "PharmD" }, $"/admin/people/{person.Id}?handler=Verify")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Add(new OutboxMessage { Key = "t1:" + person.Id, Kind = "reset-password", AccountId = person.Id, To = person.Email, ToName = displayName, Subject = "Choose a new password", TextBody = $"Hello {displayName}", HtmlBody = "<p>x</p>", CreatedAt = now, NextAttemptAt = now });
            db.Add(new OutboxMessage { Key = "t2:" + person.Id, Kind = "reset-no-account", To = person.Email.ToUpperInvariant(), Subject = "Reset", TextBody = "no account", HtmlBody = "<p>x</p>", CreatedAt = now, NextAttemptAt = now });
            db.Add(new IdentityUserPasskey<string>
            {
                UserId = person.Id,
                CredentialId = Guid.NewGuid().ToByteArray(),
                Data = new IdentityPasskeyData
                {
                    Name = "Work laptop", CreatedAt = DateTimeOffset.UtcNow, PublicKey = [9, 9, 9, 9], AttestationObject = [1], ClientDataJson = [2], Transports = ["internal"],
                },
            });
            return await db.SaveChangesAsync(Ct);
        });
        return person;
    }

    [Fact]
    public async Task The_download_holds_profile_sessions_and_passkey_names_but_no_hash_stamp_or_key()
    {
        var person = await RichPersonAsync("Pat Export");
        using var client = await app.SignInAsync(person);

        var page = await client.GetAsync("/account/data", Ct);
        var response = await client.PostFormAsync("/account/data", []);
        var viaGet = await client.GetAsync("/account/data?download=1", Ct);
        var json = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentType!.MediaType == "application/json", Html.Text(json)[..Math.Min(1500, Html.Text(json).Length)]);
        Assert.Equal($"medatlas-data-{DateTime.UtcNow:yyyy-MM-dd}.json", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        Assert.Equal(HttpStatusCode.OK, viaGet.StatusCode);
        Assert.Equal("application/json", viaGet.Content.Headers.ContentType!.MediaType);

        var data = JsonDocument.Parse(json).RootElement.GetProperty("data");
        var profile = data.GetProperty("profile");
        Assert.Equal(person.Email, profile.GetProperty("email").GetString());
        Assert.Equal("Pat Export", profile.GetProperty("displayName").GetString());
        Assert.Equal("PharmD", profile.GetProperty("expertCredentials").GetString());
        Assert.Contains(StaffRoles.Admin, profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Work laptop", profile.GetProperty("passkeys")[0].GetProperty("name").GetString());
        Assert.True(data.GetProperty("sessions").GetArrayLength() >= 2);
        Assert.True(data.GetProperty("mail").GetArrayLength() >= 1);
        Assert.True(data.GetProperty("staffChanges").GetArrayLength() >= 2);

        var secrets = await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == person.Id).Select(a => new { a.PasswordHash, a.SecurityStamp, a.ConcurrencyStamp }).SingleAsync(Ct));
        Assert.DoesNotContain(secrets.PasswordHash!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets.SecurityStamp!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets.ConcurrencyStamp!, json, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("publicKey", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String([9, 9, 9, 9]), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_delete_nothing_personal_remains_in_any_table()
    {
        var name = "Zelda Q. Erasable";
        var person = await RichPersonAsync(name);
        using var client = await app.SignInAsync(person);

        var wrongWord = await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "delete me" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongWord.StatusCode);
        Assert.Contains("id=\"Confirm-error\"", await wrongWord.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var deleted = await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" });
        var html = await deleted.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("Your account is deleted", Html.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain(name, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account", Ct)).StatusCode);

        var found = await app.FindEverywhereAsync([person.Id, person.Email, name]);
        Assert.Empty(found);
        // The record that changes happened stays, without who.
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.TargetName == AccountAuditData.DeletedName || e.ActorName == AccountAuditData.DeletedName, Ct)) >= 2);
    }

    [Fact]
    public async Task Every_entity_keyed_to_an_account_is_covered_by_a_personal_data_source()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var covered = scope.ServiceProvider.GetServices<IPersonalDataSource>().SelectMany(s => s.Entities).ToHashSet();

        var keyedToAccounts = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned())
            .Where(t => t.ClrType == typeof(Account)
                || t.GetProperties().Any(p => p.Name is "AccountId" or "UserId" || p.Name.EndsWith("AccountId", StringComparison.Ordinal))
                || t.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Account)))
            .Select(t => t.ClrType)
            .ToList();
        var forgotten = keyedToAccounts.Where(t => !covered.Contains(t)).Select(t => t.Name).ToList();

        Assert.Contains(typeof(AccountSession), keyedToAccounts);
        Assert.Contains(typeof(OutboxMessage), keyedToAccounts);
        Assert.True(forgotten.Count == 0,
            $"These entities hold rows about an account but no IPersonalDataSource lists them in Entities (add an exporter and eraser): {string.Join(", ", forgotten)}");
    }

    [Fact]
    public async Task The_delete_form_is_refused_to_a_visitor()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/account/delete", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.RedirectPath());
    }
}

/// <summary>A clock the test moves: "ten minutes later" without waiting ten minutes.</summary>
internal sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class ReauthenticationTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private AccountsApp app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app = new AccountsApp();
        app.WithServices(s => s.AddSingleton<TimeProvider>(clock));
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Deleting_without_a_recent_sign_in_sends_the_person_to_sign_in_again_and_then_shows_the_form()
    {
        var person = await app.CreateAccountAsync("reauth-{n}@example.org", "Ray Reauth");
        using var client = await app.SignInAsync(person);
        clock.Now += AccountSignIn.RecentEnough + TimeSpan.FromMinutes(1);

        var stale = await client.GetAsync("/account/delete", Ct);
        var stalePost = await client.PostFormAsync("/account", [], "/account/delete");

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(AccountSignIn.ReauthenticateUrl("/account/delete"), stale.RedirectPathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, stalePost.StatusCode);
        Assert.Equal(AccountSignIn.ReauthenticateUrl("/account/delete"), stalePost.RedirectPathAndQuery());
        Assert.NotNull(await app.WithDbAsync(db => db.Set<Account>().FirstOrDefaultAsync(a => a.Id == person.Id, Ct)));

        await client.SignInAsync(person, AccountSignIn.ReauthenticateUrl("/account/delete"));
        var fresh = await client.GetAsync("/account/delete", Ct);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("Type DELETE to confirm", Html.Text(await fresh.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_passkey_without_a_recent_sign_in_asks_to_confirm_it_is_you_first()
    {
        var person = await app.CreateAccountAsync("reauth-passkey-{n}@example.org", "Pat Passkey");
        using var client = await app.SignInAsync(person);
        Assert.Contains("Name of the new passkey", await client.GetStringAsync("/account/passkeys", Ct), StringComparison.Ordinal);

        clock.Now += AccountSignIn.RecentEnough + TimeSpan.FromMinutes(1);
        var page = Html.Text(await client.GetStringAsync("/account/passkeys", Ct));
        var options = await client.PostFormAsync("/account/passkeys", [], "/account/passkeys?handler=PasskeyOptions");

        Assert.Contains("A new way into your account needs a recent sign-in.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Name of the new passkey", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, options.StatusCode);
        Assert.Equal(AccountSignIn.ReauthenticateUrl("/account/passkeys"), options.RedirectPathAndQuery());
    }
}
