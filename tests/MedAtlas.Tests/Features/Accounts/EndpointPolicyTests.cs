using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>
/// Walks every endpoint the app maps (pages and minimal APIs) and holds them to the authorization rules of
/// docs/architecture.md ("Authorization and ownership"). A new endpoint that is public by accident, or a new
/// personal route nobody probed for "another account gets 404", fails here until it is added to a table below.
/// </summary>
public sealed class EndpointPolicyTests(EndpointPolicyTests.PolicyApp app) : IClassFixture<EndpointPolicyTests.PolicyApp>
{
    /// <summary>The accounts app with every optional endpoint on (issue 17: <c>/metrics</c>), so the walker sees them too.</summary>
    public sealed class PolicyApp : AccountsApp
    {
        public PolicyApp() => WithSetting("MedAtlas:Telemetry:Metrics:Enabled", "true");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The public catalogue API: read-only lookups anyone (and any script) may call. Add here only what holds no personal data.</summary>
    private static readonly string[] PublicApiPrefixes =
        ["/api/v1/drugs", "/api/v1/pills", "/api/v1/interactions", "/api/v1/conditions", "/api/v1/search", "/api/v1/tools", "/api/v1/foods"];

    /// <summary>Pages under /account that a visitor must reach: the links in mail open in any browser, signed in or not.</summary>
    private static readonly string[] AnonymousAccountPages = ["/account/confirm-email-change", "/account/one-time-sign-in"];

    /// <summary>How a personal route is checked for "nobody else sees it".</summary>
    public enum Probe
    {
        /// <summary>About the signed-in person only, with no id to guess: a visitor is sent to sign in, and B's answer never shows A.</summary>
        SelfOnly,

        /// <summary>/account/sessions: B ending A's session by its id answers 404 and A stays signed in.</summary>
        SessionEnd,

        /// <summary>Admin only: a visitor is sent to sign in, every other role gets 404, an Admin 200.</summary>
        AdminOnly,

        /// <summary>/account/tokens: B revoking A's token by its id answers 404 and A's token still works.</summary>
        TokenRevoke,

        /// <summary>Editors' pages (public records, no personal data): a visitor is sent to sign in, roles other than Editor and Admin get 404, both of those 200.</summary>
        EditorOrAdmin,

        /// <summary>Health-center content pages (/admin/content, issue 11): a visitor is sent to sign in, Moderators, Experts and
        /// plain members get 404, Writers, Medical reviewers, Editors and Admins 200 (what each may do there: EditorialAuthorizationTests).</summary>
        ContentStaff,

        /// <summary>A page of one of A's drug reviews ({A:review} is its id): a visitor is sent to sign in, B gets 404, A gets 200.</summary>
        ReviewOfA,

        // Moderation (issue 12): the moderators' pages and the report form.
        /// <summary>Moderators' pages: a visitor is sent to sign in, every other role (Admin too) gets 404, a Moderator 200.</summary>
        ModeratorOnly,

        /// <summary>The report form: a visitor is sent to sign in, and a signed-in person asking about content that does not exist gets 404.</summary>
        ReportForm,
    }

    /// <summary>
    /// Every route that requires a signed-in person, with its probe. A feature adding a personal route adds a line
    /// (and, when the route takes an id of a row, a probe that fetches A's row as B and expects 404).
    /// {A} in a path is replaced by account A's id; {A:session} by one of A's session ids.
    /// </summary>
    private static readonly (string Route, string ProbePath, Probe Probe)[] PersonalRoutes =
    [
        ("/account", "/account", Probe.SelfOnly),
        ("/account/email", "/account/email", Probe.SelfOnly),
        ("/account/security", "/account/security", Probe.SelfOnly),
        ("/account/sessions", "/account/sessions", Probe.SelfOnly),
        ("/account/sessions", "/account/sessions?handler=End", Probe.SessionEnd),
        ("/account/data", "/account/data?download=1", Probe.SelfOnly),
        ("/account/delete", "/account/delete", Probe.SelfOnly),
        // Removing or renaming another account's passkey by its id answers 404: PasskeyPagesTests.
        ("/account/passkeys", "/account/passkeys", Probe.SelfOnly),
        ("/account/two-factor", "/account/two-factor", Probe.SelfOnly),
        ("/account/tokens", "/account/tokens", Probe.SelfOnly),
        ("/account/tokens", "/account/tokens?handler=Revoke", Probe.TokenRevoke),
        ("/admin/people", "/admin/people", Probe.AdminOnly),
        ("/admin/people/{id}", "/admin/people/{A}", Probe.AdminOnly),
        ("/admin/jobs", "/admin/jobs", Probe.AdminOnly),
        // Issue 17: the public data sync's runs and "Sync now" (SyncCommandTests, SyncScheduleTests).
        ("/admin/data", "/admin/data", Probe.AdminOnly),
        // FDA alerts: the sources and the unmatched records, for Editors too (AlertPagesTests links a record by hand).
        ("/admin/alerts", "/admin/alerts", Probe.EditorOrAdmin),
        ("/admin/alerts/unmatched", "/admin/alerts/unmatched", Probe.EditorOrAdmin),
        // Health content (issue 11): {revision} is a starter article's published revision (EditorialPagesTests walks the workflow).
        ("/admin/content", "/admin/content", Probe.ContentStaff),
        ("/admin/content/revisions/{id:int}", "/admin/content/revisions/{revision}", Probe.ContentStaff),
        ("/admin/content/revisions/{id:int}/diff/{against:int}", "/admin/content/revisions/{revision}/diff/{revision}", Probe.ContentStaff),
        // Health centers' media library (issue 11): every content role uploads (MediaLibraryTests).
        ("/admin/content/media", "/admin/content/media", Probe.ContentStaff),
        // Reviews, writing: the form is the signed-in person's own; a review's edit, history and saved pages are its author's (history: moderators too, WriteEditTests).
        ("/drugs/{slug}/reviews/write", "/drugs/sertraline/reviews/write", Probe.SelfOnly),
        ("/drugs/{slug}/reviews/{id:long}/edit", "/drugs/sertraline/reviews/{A:review}/edit", Probe.ReviewOfA),
        ("/drugs/{slug}/reviews/{id:long}/history", "/drugs/sertraline/reviews/{A:review}/history", Probe.ReviewOfA),
        ("/drugs/{slug}/reviews/{id:long}/saved", "/drugs/sertraline/reviews/{A:review}/saved", Probe.ReviewOfA),
        // Moderation (issue 12). {case} is a case made for the probe. Appealing another account's case answers 404: ModerationAppealTests.
        ("/moderation", "/moderation", Probe.ModeratorOnly),
        ("/moderation/cases/{id:long}", "/moderation/cases/{case}", Probe.ModeratorOnly),
        ("/moderation/log", "/moderation/log", Probe.ModeratorOnly),
        ("/report/{type}/{id:long}", "/report/review/987654321", Probe.ReportForm),
        ("/account/moderation", "/account/moderation", Probe.SelfOnly),
    ];

    /// <summary>Routes under /admin open to Editors as well as Admins (the <see cref="StaffRoles.EditorOrAdmin"/> policy).</summary>
    private static readonly string[] EditorAdminPages = ["/admin/alerts", "/admin/alerts/unmatched"];

    /// <summary>Routes under /admin open to all content staff (the <see cref="StaffRoles.ContentStaff"/> policy): the content admin of issue 11.</summary>
    private static bool IsContentStaffRoute(string route) => IsUnder(route, "/admin/content");

    /// <summary>Route prefixes whose every route is walked by a feature's own privacy test, which fills the route's ids with real rows.</summary>
    private static readonly string[] WalkedByTheirFeature =
    [
        "/my", // MyMedicinePrivacyTests
        "/api/v1/my", // MyMedicinePrivacyTests
    ];

    /// <summary>
    /// Endpoints that take a POST without the anti-forgery token, each with its reason (written at the endpoint too).
    /// A new exemption fails <see cref="Only_the_listed_endpoints_take_a_POST_without_the_anti_forgery_token"/> until it is added here.
    /// </summary>
    private static readonly (string Route, string Why)[] WithoutAntiforgery =
    [
        ("/error/{code:int?}", "the error page re-executes whatever request failed, a POST included; it changes nothing"),
        ("/alerts/unsubscribe/{token}", "RFC 8058 one-click: the mail provider POSTs with no cookie and no form token; the signed token in the address is the protection"),
    ];

    /// <summary>
    /// Operators' endpoints (issue 17): probes and the Prometheus scrape. They answer without sign-in and without a rate
    /// limit, so a load balancer or Prometheus never gets a sign-in page or a 429; /metrics is limited by address instead
    /// (MetricsEndpointTests). None of them sets a cookie or may be cached.
    /// </summary>
    private static readonly string[] OperatorEndpoints = ["/healthz", "/healthz/live", "/healthz/ready", "/metrics"];

    private static readonly string[] NonAdminRoles =
        [StaffRoles.Editor, StaffRoles.MedicalReviewer, StaffRoles.Writer, StaffRoles.Moderator, StaffRoles.Expert, ""];

    private sealed record Walked(string Route, bool RequiresAuthorization, IReadOnlyList<string> Policies, string Name);

    private List<Walked> Endpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>().Select(e =>
        {
            var authorize = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var route = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            return new Walked(route, authorize.Count > 0 && !anonymous, [.. authorize.Select(a => a.Policy ?? "")], e.DisplayName ?? route);
        })];
    }

    [Fact]
    public void The_walker_sees_pages_and_APIs()
    {
        var routes = Endpoints().Select(e => e.Route).ToHashSet();

        Assert.Contains("/admin/people", routes);
        Assert.Contains("/account/sessions", routes);
        Assert.Contains(routes, r => r.StartsWith("/api/v1/drugs", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_listed_endpoints_take_a_POST_without_the_anti_forgery_token()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var exempt = source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>() is { RequiresValidation: false }
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.ViewFeatures.IAntiforgeryPolicy>() is Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet();
        var listed = WithoutAntiforgery.Select(w => w.Route).ToHashSet();

        var unlisted = exempt.Except(listed).Order(StringComparer.Ordinal).ToList();
        var stale = listed.Except(exempt).Order(StringComparer.Ordinal).ToList();

        Assert.True(unlisted.Count == 0, $"These endpoints accept a POST without the anti-forgery token; add the reason to WithoutAntiforgery or remove the exemption: {string.Join(", ", unlisted)}");
        Assert.True(stale.Count == 0, $"Listed in WithoutAntiforgery but validated (or gone): {string.Join(", ", stale)}");
    }

    [Fact]
    public void Every_API_endpoint_requires_authorization_unless_it_is_in_the_public_catalogue()
    {
        var publicByAccident = Endpoints()
            .Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal) && !e.RequiresAuthorization)
            .Where(e => !PublicApiPrefixes.Any(p => e.Route == p || e.Route.StartsWith(p + "/", StringComparison.Ordinal)))
            .Select(e => e.Name).ToList();

        Assert.True(publicByAccident.Count == 0,
            $"These API endpoints answer anyone; require authorization or, for a public catalogue lookup, add the group to PublicApiPrefixes: {string.Join(", ", publicByAccident)}");
    }

    [Fact]
    public async Task Operator_endpoints_answer_without_sign_in_rate_limit_cookie_or_cache()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var endpoints = source.Endpoints.OfType<RouteEndpoint>().ToList();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var route in OperatorEndpoints)
        {
            var endpoint = Assert.Single(endpoints, e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/') == route);
            Assert.Empty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            Assert.Null(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>());

            var response = await client.GetAsync(route, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{route} answered {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{route} set a cookie");
            if (route is "/metrics" or "/healthz/ready")
                Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, $"{route}: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public void Account_and_admin_pages_require_authorization_and_admin_pages_the_Admin_policy()
    {
        var endpoints = Endpoints();
        var open = endpoints
            .Where(e => IsUnder(e.Route, "/account") || IsUnder(e.Route, "/admin"))
            .Where(e => !AnonymousAccountPages.Contains(e.Route) && !e.RequiresAuthorization)
            .Select(e => e.Name).ToList();
        var notAdminOnly = endpoints
            .Where(e => IsUnder(e.Route, "/admin") && !e.Policies.Contains(StaffRoles.Admin))
            .Where(e => !(EditorAdminPages.Contains(e.Route) && e.Policies.Contains(StaffRoles.EditorOrAdmin)))
            .Where(e => !(IsContentStaffRoute(e.Route) && e.Policies.Contains(StaffRoles.ContentStaff)))
            .Select(e => e.Name).ToList();
        var anonymousByDesign = endpoints.Where(e => AnonymousAccountPages.Contains(e.Route)).ToList();

        Assert.True(open.Count == 0, $"Open to anyone but under /account or /admin: {string.Join(", ", open)}");
        Assert.True(notAdminOnly.Count == 0, $"Under /admin without [Authorize(Policy = StaffRoles.Admin)]: {string.Join(", ", notAdminOnly)}");
        Assert.Equal(AnonymousAccountPages.Length, anonymousByDesign.Count);
        Assert.All(anonymousByDesign, e => Assert.False(e.RequiresAuthorization));
    }

    [Fact]
    public void Every_route_that_requires_sign_in_is_in_the_probe_table_and_the_table_has_no_stale_line()
    {
        var protectedRoutes = Endpoints().Where(e => e.RequiresAuthorization)
            .Where(e => !WalkedByTheirFeature.Any(prefix => IsUnder(e.Route, prefix))).Select(e => e.Route).ToHashSet();
        var tabled = PersonalRoutes.Select(p => p.Route).ToHashSet();

        var unprobed = protectedRoutes.Except(tabled).Order(StringComparer.Ordinal).ToList();
        var stale = tabled.Except(protectedRoutes).Order(StringComparer.Ordinal).ToList();

        Assert.True(unprobed.Count == 0, $"Personal routes with no probe in EndpointPolicyTests.PersonalRoutes (add one: how does account B fail to see account A's data there?): {string.Join(", ", unprobed)}");
        Assert.True(stale.Count == 0, $"Routes in PersonalRoutes that no longer exist or no longer require sign-in: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_personal_route_answers_another_account_as_if_the_data_did_not_exist()
    {
        var a = await app.CreateAccountAsync("probe-a-{n}@example.org", "Alice Probe-Owner");
        var b = await app.CreateAccountAsync("probe-b-{n}@example.org", "Bob Probe-Other");
        var admin = await app.CreateAccountAsync("probe-admin-{n}@example.org", "Adam Probe-Admin", roles: StaffRoles.Admin);
        using var asA = await app.SignInAsync(a);
        using var asB = await app.SignInAsync(b);
        using var asAdmin = await app.SignInAsync(admin);
        var staff = new List<(string Role, HttpClient Client)>();
        foreach (var role in NonAdminRoles)
        {
            var account = role.Length == 0
                ? await app.CreateAccountAsync("probe-plain-{n}@example.org", "Plain Person")
                : await app.CreateAccountAsync($"probe-{role.ToLowerInvariant()}-{{n}}@example.org", role + " Person", roles: role);
            staff.Add((role.Length == 0 ? "plain user" : role, await app.SignInAsync(account)));
        }

        using var aScript = app.BearerClient(await asA.MakeTokenAsync("Probe owner's script"));
        var aToken = await app.WithDbAsync(db => db.Set<PersonalAccessToken>().Where(t => t.AccountId == a.Id).Select(t => t.Id).FirstAsync(Ct));

        long aReview;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var drugId = await scope.ServiceProvider.GetRequiredService<MedAtlas.Web.Features.Drugs.DrugCatalog>().IdAsync("sertraline", Ct);
            aReview = (await scope.ServiceProvider.GetRequiredService<MedAtlas.Web.Features.Reviews.ReviewStore>().CreateAsync(a.Id, drugId!.Value,
                new MedAtlas.Web.Features.Reviews.ReviewInput(null, 4, 4, 4, "Alice Probe-Owner's own review of the medicine.", MedAtlas.Web.Features.Reviews.ReviewerRole.Patient,
                    null, null, null, [], null, null, false, false), Ct)).ReviewId;
        }

        // Moderation (issue 12): a case for the case page's probe (its content need not exist for the page to answer).
        var caseId = await app.WithDbAsync(async db =>
        {
            var made = new MedAtlas.Web.Features.Moderation.ModerationCase { ContentType = "probe", ContentId = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(made);
            await db.SaveChangesAsync(Ct);
            return made.Id;
        });

        var revisionId = await app.WithDbAsync(db => db.Set<MedAtlas.Web.Features.HealthCenters.ContentItem>()
            .Where(i => i.PublishedRevisionId != null).OrderBy(i => i.Id).Select(i => i.PublishedRevisionId!.Value).FirstAsync(Ct));

        var failures = new List<string>();
        foreach (var (route, probePath, probe) in PersonalRoutes)
        {
            var path = probePath.Replace("{A}", a.Id, StringComparison.Ordinal)
                .Replace("{A:review}", aReview.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{case}", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{revision}", revisionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            switch (probe)
            {
                case Probe.SelfOnly:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    var mine = await asB.GetAsync(path, Ct);
                    var body = await mine.Content.ReadAsStringAsync(Ct);
                    if (mine.StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: B's own {path} answered {(int)mine.StatusCode}");
                    if (body.Contains(a.Email, StringComparison.OrdinalIgnoreCase) || body.Contains(a.DisplayName, StringComparison.Ordinal))
                        failures.Add($"{route}: B's {path} shows account A");
                    break;

                case Probe.SessionEnd:
                    var aSession = await app.WithDbAsync(db => db.Set<AccountSession>().Where(s => s.AccountId == a.Id).Select(s => s.Id).FirstAsync(Ct));
                    var ended = await asB.PostWithTokenAsync(path, await asB.GetFormTokenAsync("/account"), new() { ["id"] = aSession });
                    if (ended.StatusCode != HttpStatusCode.NotFound)
                        failures.Add($"{route}: B ending A's session answered {(int)ended.StatusCode}, not 404");
                    if (!await app.WithDbAsync(db => db.Set<AccountSession>().AnyAsync(s => s.Id == aSession, Ct)))
                        failures.Add($"{route}: B ended A's session");
                    break;

                case Probe.AdminOnly:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    foreach (var (role, client) in staff)
                    {
                        var denied = await client.GetAsync(path, Ct);
                        if (denied.StatusCode != HttpStatusCode.NotFound)
                            failures.Add($"{route}: {role} got {(int)denied.StatusCode}, not 404");
                    }

                    var allowed = await asAdmin.GetAsync(path, Ct);
                    if (allowed.StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: Admin got {(int)allowed.StatusCode}, not 200");
                    break;

                case Probe.EditorOrAdmin:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    foreach (var (role, client) in staff)
                    {
                        var expected = role == StaffRoles.Editor ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        var answered = await client.GetAsync(path, Ct);
                        if (answered.StatusCode != expected)
                            failures.Add($"{route}: {role} got {(int)answered.StatusCode}, not {(int)expected}");
                    }

                    if ((await asAdmin.GetAsync(path, Ct)).StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: Admin did not get 200");
                    break;

                case Probe.ContentStaff:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    foreach (var (role, client) in staff)
                    {
                        var expected = role is StaffRoles.Editor or StaffRoles.MedicalReviewer or StaffRoles.Writer
                            ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        var answered = await client.GetAsync(path, Ct);
                        if (answered.StatusCode != expected)
                            failures.Add($"{route}: {role} got {(int)answered.StatusCode}, not {(int)expected}");
                    }

                    if ((await asAdmin.GetAsync(path, Ct)).StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: Admin did not get 200");
                    break;

                case Probe.ReviewOfA:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    if ((await asB.GetAsync(path, Ct)).StatusCode != HttpStatusCode.NotFound)
                        failures.Add($"{route}: B got A's review page, not 404");
                    if ((await asA.GetAsync(path, Ct)).StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: A did not get 200 for their own review");
                    break;

                // Moderation (issue 12).
                case Probe.ModeratorOnly:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    foreach (var (role, client) in staff.Append(("Admin", asAdmin)))
                    {
                        var expected = role == StaffRoles.Moderator ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                        var answered = await client.GetAsync(path, Ct);
                        if (answered.StatusCode != expected)
                            failures.Add($"{route}: {role} got {(int)answered.StatusCode}, not {(int)expected}");
                    }

                    break;

                case Probe.ReportForm:
                    await ExpectSignInAsync(app.NewClient(), path, route, failures);
                    if ((await asB.GetAsync(path, Ct)).StatusCode != HttpStatusCode.NotFound)
                        failures.Add($"{route}: reporting content that does not exist did not answer 404");
                    break;

                case Probe.TokenRevoke:
                    var revoke = await asB.PostWithTokenAsync($"{path}&id={aToken}", await asB.GetFormTokenAsync("/account"), new() { ["id"] = aToken.ToString() });
                    if (revoke.StatusCode != HttpStatusCode.NotFound)
                        failures.Add($"{route}: B revoking A's token answered {(int)revoke.StatusCode}, not 404");
                    if ((await aScript.GetAsync("/api/v1/my/profiles", Ct)).StatusCode != HttpStatusCode.OK)
                        failures.Add($"{route}: A's token stopped working after B tried to revoke it");
                    break;
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Nothing B did above touched A: still signed in.
        Assert.Equal(HttpStatusCode.OK, (await asA.GetAsync("/account", Ct)).StatusCode);
        foreach (var (_, client) in staff)
            client.Dispose();
    }

    /// <summary>Issue 19: every personal route, asked by anyone, signed in or not, is never stored by a cache (private, no-store).</summary>
    [Fact]
    public async Task Every_personal_route_is_never_stored_by_a_cache()
    {
        var staff = await app.CreateAccountAsync("probe-cache-{n}@example.org", "Cary Cache", roles: [StaffRoles.Admin, StaffRoles.Moderator, StaffRoles.Editor]);
        using var signedIn = await app.SignInAsync(staff);
        using var visitor = app.NewClient();
        var failures = new List<string>();
        foreach (var (route, probePath, _) in PersonalRoutes)
        {
            // Ids that are not the account's own answer 404, which must be just as private as the 200.
            var path = probePath.Replace("{A}", staff.Id, StringComparison.Ordinal)
                .Replace("{A:review}", "1", StringComparison.Ordinal).Replace("{case}", "1", StringComparison.Ordinal);
            foreach (var (who, client) in new[] { ("signed in", signedIn), ("visitor", visitor) })
            {
                var response = await client.GetAsync(path, Ct);
                if (response.Headers.CacheControl is not { Private: true, NoStore: true, Public: false })
                    failures.Add($"{route} ({who}, {(int)response.StatusCode}): Cache-Control {response.Headers.CacheControl}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task ExpectSignInAsync(HttpClient visitor, string path, string route, List<string> failures)
    {
        using (visitor)
        {
            var response = await visitor.GetAsync(path, Ct);
            if (response.StatusCode != HttpStatusCode.Redirect || response.RedirectPath() != "/sign-in")
                failures.Add($"{route}: a visitor got {(int)response.StatusCode} {response.Headers.Location}, not a redirect to /sign-in");
        }
    }

    private static bool IsUnder(string route, string prefix) =>
        route == prefix || route.StartsWith(prefix + "/", StringComparison.Ordinal);
}
