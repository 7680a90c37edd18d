using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Accounts;

public sealed class AdminPeopleTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Admin, HttpClient Client)> AdminAsync()
    {
        var admin = await app.CreateAccountAsync("admin-{n}@example.org", "Ada Admin", roles: StaffRoles.Admin);
        return (admin, await app.SignInAsync(admin));
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, TestAccount target, string handler, Dictionary<string, string> fields) =>
        await client.PostFormAsync($"/admin/people/{target.Id}", fields, $"/admin/people/{target.Id}?handler={handler}");

    [Fact]
    public async Task Admin_finds_people_by_email_or_display_name_and_sees_their_details()
    {
        var (_, client) = await AdminAsync();
        var person = await app.CreateAccountAsync("finder-{n}@example.org", "Quentin Searchable", roles: StaffRoles.Writer);

        var byName = Html.Text(await client.GetStringAsync("/admin/people?q=quentin", Ct));
        var byEmail = Html.Text(await client.GetStringAsync("/admin/people?q=" + Uri.EscapeDataString(person.Email[..12].ToUpperInvariant()), Ct));
        var none = Html.Text(await client.GetStringAsync("/admin/people?q=nobody-has-this-name", Ct));

        Assert.Contains(person.Email, byName, StringComparison.Ordinal);
        Assert.Contains("Writer", byName, StringComparison.Ordinal);
        Assert.Contains("Quentin Searchable", byEmail, StringComparison.Ordinal);
        Assert.Contains("No account matches", none, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email, none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_a_search_gets_a_message_beside_the_field_not_an_error_page()
    {
        var (_, client) = await AdminAsync();

        var response = await client.GetAsync("/admin/people?q=" + new string('x', 300), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"field-error\" id=\"q-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_and_revoking_a_role_is_recorded_in_the_audit_log_by_name_never_by_email()
    {
        var (admin, client) = await AdminAsync();
        var person = await app.CreateAccountAsync("editor-{n}@example.org", "Elena Editor");

        var granted = await ActAsync(client, person, "Grant", new() { ["Role"] = StaffRoles.Editor });
        var revoked = await ActAsync(client, person, "Revoke", new() { ["Role"] = StaffRoles.Editor });

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.TargetId == person.Id).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Equal([StaffDirectory.Actions.RoleGranted, StaffDirectory.Actions.RoleRevoked], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(admin.Id, e.ActorId);
            Assert.Equal("Ada Admin", e.ActorName);
            Assert.Equal("Elena Editor", e.TargetName);
            Assert.Equal(StaffRoles.Editor, e.Detail);
            Assert.DoesNotContain("@", e.Detail + e.ActorName + e.TargetName, StringComparison.Ordinal);
        });
        var log = Html.Text(await client.GetStringAsync("/admin/people", Ct));
        Assert.Contains("role revoked", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("role revoked", StringComparison.Ordinal) < log.IndexOf("role granted", StringComparison.Ordinal), "latest first");
    }

    [Fact]
    public async Task A_role_outside_the_list_is_refused_beside_the_field()
    {
        var (_, client) = await AdminAsync();
        var person = await app.CreateAccountAsync("bad-role-{n}@example.org", "Rolf Role");

        var response = await ActAsync(client, person, "Grant", new() { ["Role"] = StaffRoles.Expert });
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"Role-error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.TargetId == person.Id, Ct)));
    }

    [Fact]
    public async Task Verifying_an_expert_sets_credentials_role_and_badge_and_removing_it_clears_all_three()
    {
        var (_, client) = await AdminAsync();
        var person = await app.CreateAccountAsync("expert-{n}@example.org", "Dr Eve Expert");

        var empty = await ActAsync(client, person, "Verify", new() { ["Credentials"] = "  " });
        var verified = await ActAsync(client, person, "Verify", new() { ["Credentials"] = "MD, endocrinology" });
        var page = await client.GetStringAsync($"/admin/people/{person.Id}", Ct);
        var asExpert = await app.WithDbAsync(db => db.Set<Account>().SingleAsync(a => a.Id == person.Id, Ct));
        var roles = await app.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == person.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("id=\"Credentials-error\"", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("MD, endocrinology", asExpert.ExpertCredentials);
        Assert.NotNull(asExpert.ExpertVerifiedAt);
        Assert.Contains(StaffRoles.Expert, roles);
        Assert.Contains("<span class=\"badge badge-expert\"><span class=\"visually-hidden\">Verified expert: </span>MD, endocrinology</span>", page, StringComparison.Ordinal);

        var removed = await ActAsync(client, person, "Unverify", []);
        var after = await app.WithDbAsync(db => db.Set<Account>().SingleAsync(a => a.Id == person.Id, Ct));
        var rolesAfter = await app.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == person.Id, Ct));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(after.ExpertCredentials);
        Assert.Null(after.ExpertVerifiedAt);
        Assert.Equal(0, rolesAfter);
    }

    [Fact]
    public async Task Locking_signs_the_account_out_everywhere_and_unlocking_lets_it_sign_in_again()
    {
        var (_, client) = await AdminAsync();
        var person = await app.CreateAccountAsync("lockme-{n}@example.org", "Lou Locked");
        var personClient = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await personClient.GetAsync("/account", Ct)).StatusCode);

        var locked = await ActAsync(client, person, "Lock", new() { ["Period"] = "forever" });

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AccountSession>().CountAsync(s => s.AccountId == person.Id, Ct)));
        var bounced = await personClient.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, bounced.StatusCode);
        Assert.Equal("/sign-in", bounced.RedirectPath());
        Assert.Contains("Locked indefinitely", Html.Text(await client.GetStringAsync($"/admin/people/{person.Id}", Ct)), StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInAsync(person));

        var unlocked = await ActAsync(client, person, "Unlock", []);

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        using var again = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_Admin_cannot_remove_their_own_Admin_role()
    {
        var (admin, client) = await AdminAsync();

        var response = await ActAsync(client, admin, "Revoke", new() { ["Role"] = StaffRoles.Admin });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot remove your own Admin role", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_last_Admin_cannot_lock_themselves_out()
    {
        // Its own app: "last Admin" depends on every other Admin, and the class's app has many.
        await using var solo = new AccountsApp();
        await solo.InitializeAsync();
        var admin = await solo.CreateAccountAsync("solo-{n}@example.org", "Solo Admin", roles: StaffRoles.Admin);
        using var client = await solo.SignInAsync(admin);

        var response = await client.PostFormAsync($"/admin/people/{admin.Id}", new() { ["Period"] = "1h" }, $"/admin/people/{admin.Id}?handler=Lock");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"Period-error\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await solo.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == admin.Id).Select(a => a.LockoutEnd).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_unknown_account_is_404()
    {
        var (_, client) = await AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/people/no-such-id", Ct)).StatusCode);
    }
}
