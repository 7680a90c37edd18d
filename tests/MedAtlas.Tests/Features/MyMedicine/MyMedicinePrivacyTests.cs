using System.Net;
using System.Text;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>
/// "Nobody else sees it", route by route: walks every endpoint under /my and /api/v1/my (pages with every handler,
/// API endpoints with every method), fills its ids with account A's, and asks as account B, as a visitor, and as
/// A. A new route is walked the day it is mapped; a route with an id the walker cannot fill fails until it is taught.
/// </summary>
public sealed class MyMedicinePrivacyTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Routes under /my with a parameter that is not a profile or medicine id, and how they are proved instead.</summary>
    private static readonly Dictionary<string, string> ProvedElsewhere = new(StringComparer.Ordinal)
    {
        ["/my/invitations/{token}"] = "CaregiverTests: an invitation link is the invitee's; another account using it gets a message, never the profile",
    };

    private sealed record Probe(string Route, string Method, string Handler);

    private async Task<List<Probe>> ProbesAsync()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var probes = new List<Probe>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!IsUnder(route, "/my") && !IsUnder(route, "/api/v1/my"))
                continue;

            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                    probes.Add(new Probe(route, handler.HttpMethod.ToUpperInvariant(), handler.Name ?? ""));
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    probes.Add(new Probe(route, method, ""));
            }
        }

        return [.. probes.Distinct()];
    }

    [Fact]
    public async Task The_walker_finds_the_pages_their_handlers_and_the_API()
    {
        var probes = await ProbesAsync();
        Assert.Contains(probes, p => p.Route == "/my/profiles/{profileId:guid}" && p.Method == "GET");
        Assert.Contains(probes, p => p.Route == "/my/profiles/{profileId:guid}/medicines/{medicineId:guid}" && p.Handler == "Stop");
        Assert.Contains(probes, p => p.Route == "/my/profiles/{profileId:guid}/medicines/new" && p.Handler == "Check");
    }

    [Fact]
    public async Task Every_My_Medicine_route_answers_another_account_404_and_a_visitor_sign_in()
    {
        var a = await app.CreateAccountAsync("privacy-a-{n}@example.org", "Ada Owner");
        var b = await app.CreateAccountAsync("privacy-b-{n}@example.org", "Ben Other");
        const string secretName = "Zephyrine";
        var profile = await app.CreateProfileAsync(a, secretName);
        var medicine = await app.AddMedicineAsync(a, profile, "warfarin");
        await app.AddMedicineAsync(a, profile, "ibuprofen");
        await app.AddAllergyAsync(profile, AllergyKind.Class, "penicillins", "Penicillins", "hives");
        await app.CreateProfileAsync(b, "Ben's own");
        using var asA = await app.SignInAsync(a);
        using var asB = await app.SignInAsync(b);
        using var visitor = app.NewClient();
        var tokenB = await asB.GetFormTokenAsync("/my/profiles/new");
        var before = await CountsAsync(profile);

        var failures = new List<string>();
        var walked = 0;
        foreach (var probe in await ProbesAsync())
        {
            if (ProvedElsewhere.ContainsKey(probe.Route))
                continue;
            var path = probe.Route
                .Replace("{profileId:guid}", profile.ToString(), StringComparison.Ordinal)
                .Replace("{medicineId:guid}", medicine.ToString(), StringComparison.Ordinal);
            if (path.Contains('{', StringComparison.Ordinal))
            {
                failures.Add($"{probe.Route}: the walker cannot fill its parameters; teach it, or add the route to ProvedElsewhere with the test that proves it");
                continue;
            }

            if (probe.Handler.Length > 0)
                path += "?handler=" + probe.Handler;
            walked++;
            var ownsNoId = !probe.Route.Contains('{', StringComparison.Ordinal);
            var label = $"{probe.Method} {path}";

            var asVisitor = await SendAsync(visitor, probe.Method, path, null);
            var isApi = IsUnder(probe.Route, "/api/v1/my");
            if (isApi ? asVisitor.StatusCode != HttpStatusCode.Unauthorized : !(asVisitor.StatusCode == HttpStatusCode.Redirect && new Uri(new Uri("https://localhost"), asVisitor.Headers.Location!).AbsolutePath == "/sign-in")
                && !(probe.Method != "GET" && asVisitor.StatusCode == HttpStatusCode.BadRequest))
                failures.Add($"{label}: a visitor got {(int)asVisitor.StatusCode} {asVisitor.Headers.Location}, not {(isApi ? "401" : "a redirect to sign in")}");

            var response = await SendAsync(asB, probe.Method, path, tokenB);
            var body = await response.Content.ReadAsStringAsync(Ct);
            // Issue 19: no answer about a profile, to anyone, is ever stored by a cache.
            foreach (var (who, answer) in new[] { ("a visitor", asVisitor), ("B", response) })
            {
                if (answer.Headers.CacheControl is not { Private: true, NoStore: true, Public: false })
                    failures.Add($"{label}: the answer to {who} has Cache-Control {answer.Headers.CacheControl}");
            }

            if (body.Contains(secretName, StringComparison.Ordinal) || body.Contains(profile.ToString(), StringComparison.OrdinalIgnoreCase))
                failures.Add($"{label}: account B's answer shows account A's profile");
            if (ownsNoId)
            {
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{label}: B got {(int)response.StatusCode}");
            }
            else if (response.StatusCode != HttpStatusCode.NotFound)
                failures.Add($"{label}: B got {(int)response.StatusCode}, not 404");

            if (probe.Method == "GET")
            {
                var mine = await asA.GetAsync(path, Ct);
                if (mine.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{label}: the owner got {(int)mine.StatusCode}, so the probe proves nothing");
                if (mine.Headers.CacheControl is not { Private: true, NoStore: true, Public: false })
                    failures.Add($"{label}: the owner's page has Cache-Control {mine.Headers.CacheControl}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(walked >= 15, $"Only {walked} probes walked");
        Assert.Equal(before, await CountsAsync(profile));
    }

    [Fact]
    public async Task Deleting_the_account_erases_every_profile_row_and_the_export_has_them_first()
    {
        var a = await app.CreateAccountAsync("erase-a-{n}@example.org", "Eve Eraser");
        var profile = await app.CreateProfileAsync(a, "Grandpa Joe", Relationship.Grandparent, 1940);
        await app.AddMedicineAsync(a, profile, "atorvastatin");
        await app.AddMedicineAsync(a, profile, "Grandpa's tonic");
        await app.AddAllergyAsync(profile, AllergyKind.Drug, "aspirin", "Aspirin", "wheezing");
        using var client = await app.SignInAsync(a);

        var export = await client.GetStringAsync("/account/data?download=1", Ct);
        Assert.Contains("Grandpa Joe", export, StringComparison.Ordinal);
        Assert.Contains("Grandpa's tonic", export.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("wheezing", export, StringComparison.Ordinal);

        var deleted = await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal((0, 0, 0, 0), await CountsAsync(profile));
    }

    private async Task<(int Profiles, int Medicines, int Changes, int Allergies)> CountsAsync(Guid profile) => await app.WithDbAsync(async db => (
        await db.Set<Profile>().CountAsync(p => p.Id == profile, Ct),
        await db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == profile, Ct),
        await db.Set<MedicineChange>().CountAsync(c => db.Set<SavedMedicine>().Any(m => m.Id == c.MedicineId && m.ProfileId == profile), Ct),
        await db.Set<ProfileAllergy>().CountAsync(x => x.ProfileId == profile, Ct)));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = IsUnder(path.Split('?')[0], "/api/v1/my")
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(token is null ? [] : [new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
        }

        return client.SendAsync(request, Ct);
    }

    private static bool IsUnder(string route, string prefix) =>
        route == prefix || route.StartsWith(prefix + "/", StringComparison.Ordinal);
}
