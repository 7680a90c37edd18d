using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Features.MyMedicine;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace MedAtlas.Tests.Infrastructure.Web.Fuzz;

/// <summary>
/// Issue 19, part 2: every endpoint the app maps (its endpoint data source, its page models' bound names, its OpenAPI
/// document) gets hostile values in its route, query, form and JSON body, and wrong methods and content types, as a
/// visitor, as a signed-in account with a real profile, and (for the staff routes) as staff. Nothing may answer 5xx;
/// an API error is problem+json naming a parameter; a page error is the site's own page. Seeded and bounded: a failure
/// prints the seed, and <c>MEDATLAS_FUZZ_SEED</c> (and <c>MEDATLAS_FUZZ_ONLY</c>, a piece of a route) replays it.
/// </summary>
public sealed partial class FuzzTests(FuzzTests.FuzzApp app) : IClassFixture<FuzzTests.FuzzApp>
{
    /// <summary>The app with the per-account write limits lifted too: a 429 would hide the form's own validation.</summary>
    public sealed class FuzzApp : MedAtlasApp
    {
        public FuzzApp()
        {
            WithSetting("Reviews:WritesPerHour", "100000");
            WithSetting("Reviews:HelpfulVotesPerHour", "100000");
            WithSetting("Moderation:RateLimits:report", "100000");
        }
    }

    private const int DefaultSeed = 19;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("MEDATLAS_FUZZ_SEED"), out var seed) ? seed : DefaultSeed;

    private static string? Only => Environment.GetEnvironmentVariable("MEDATLAS_FUZZ_ONLY") is { Length: > 0 } only ? only : null;

    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

    [Fact]
    public async Task The_fuzzer_finds_pages_their_handlers_and_bound_names_and_the_API_bodies()
    {
        var targets = await TargetsAsync();

        Assert.Contains(targets, t => t.Route == "/drugs" && t.Method == "GET" && t.Query.Contains("letter"));
        Assert.Contains(targets, t => t.Route == "/interaction-checker" && t.Query.Contains("drugs"));
        Assert.Contains(targets, t => t.Route == "/sign-in" && t.Method == "POST" && t.Form.Contains("Input.Email"));
        Assert.Contains(targets, t => t.Route == "/account/sessions" && t.Handler == "End");
        Assert.Contains(targets, t => t.Route.TrimEnd('/') == "/api/v1/pills" && t.Query.Contains("imprint"));
        Assert.Contains(targets, t => t.Route == "/api/v1/tools/bmi" && t.Method == "POST" && t.BodyFields.Count > 0);
        Assert.Contains(targets, t => t.Route.StartsWith("/admin/", StringComparison.Ordinal) && t.StaffOnly);
        Assert.Contains(targets, t => t.Route == "/preferences/text-size" && t.Query.Contains("returnUrl"));
    }

    [Fact]
    public async Task No_hostile_request_answers_a_server_error_and_every_error_is_the_site_s_own()
    {
        var seed = Seed;
        var targets = (await TargetsAsync()).Where(t => Only is null || t.Route.Contains(Only, StringComparison.Ordinal)).ToList();
        var account = await app.CreateAccountAsync("fuzz-{n}@example.org", "Fuzz Person");
        var profile = await app.CreateProfileAsync(account, "Fuzz Child");
        await app.AddMedicineAsync(account, profile, "ibuprofen");
        var staff = await app.CreateAccountAsync("fuzz-staff-{n}@example.org", "Fuzz Staff", AccountTestClient.Password, [.. StaffRoles.Grantable]);

        var stopwatch = Stopwatch.StartNew();
        var passes = new List<Pass>
        {
            new("visitor", null, targets),
            new("account", account, targets),
            new("staff", staff, [.. targets.Where(t => t.StaffOnly)]),
        };
        foreach (var pass in passes)
            await RunAsync(pass, seed);

        var sent = passes.Sum(p => p.Sent);
        var failures = passes.SelectMany(p => p.Failures).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Seed {seed}: {targets.Count} targets, {sent} requests ({string.Join(", ", passes.Select(p => $"{p.Name} {p.Sent}"))}) in {stopwatch.Elapsed.TotalSeconds:0.0} s; {failures.Count} failures.");
        foreach (var pass in passes.Where(p => p.Unfilled.Count > 0))
            TestContext.Current.TestOutputHelper?.WriteLine($"{pass.Name}: no link found for {string.Join(", ", pass.Unfilled.Order(StringComparer.Ordinal))}; filled by name or constraint");

        Assert.True(failures.Count == 0,
            $"Fuzz seed {seed} (replay: MEDATLAS_FUZZ_SEED={seed}): {failures.Count} of {sent} requests answered badly:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(300)) + (failures.Count > 300 ? $"{Environment.NewLine}... and {failures.Count - 300} more" : ""));
        Assert.InRange(sent, 1000, 8000);
    }

    private async Task<List<FuzzTarget>> TargetsAsync()
    {
        using var client = app.CreateClient();
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!.AsObject();
        return await FuzzTargets.FindAsync(app.Services, openApi);
    }

    private sealed class Pass(string name, TestAccount? account, List<FuzzTarget> targets)
    {
        public string Name { get; } = name;

        public TestAccount? Account { get; } = account;

        public List<FuzzTarget> Targets { get; } = targets;

        public HttpClient Client { get; set; } = null!;

        public string? Token { get; set; }

        public Dictionary<string, Dictionary<string, string>> Examples { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HttpStatusCode> Baseline { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Unfilled { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = [];

        public int Sent { get; set; }
    }

    private enum Expect
    {
        NoServerError,

        /// <summary>A form POST without the anti-forgery token, by someone who may see the form: 400.</summary>
        AntiforgeryRefusal,
    }

    private sealed record FuzzRequest(string Method, string Url, Func<HttpContent?> Content, string What, IReadOnlyList<string> Named, Expect Expect = Expect.NoServerError)
    {
        /// <summary>Set on the plain GET of a route: its status says whether this client may see the page (and so its form).</summary>
        public string? BaselineOf { get; init; }

        /// <summary>Every name the target reads (route, query, body), hostile in this request or not.</summary>
        public IReadOnlyList<string> Known { get; init; } = [];
    }

    private async Task RunAsync(Pass pass, int seed)
    {
        pass.Client = pass.Account is null ? app.NewClient() : await app.SignInAsync(pass.Account);
        try
        {
            await CrawlAsync(pass);
            // Reads first (they record which pages this client may see), then writes, the ones that take things away last.
            var ordered = pass.Targets
                .OrderBy(t => t.Method is "GET" ? 0 : 1)
                .ThenBy(t => TakesAway(t) ? 1 : 0)
                .ThenBy(t => t.ToString(), StringComparer.Ordinal)
                .ToList();
            var routesDone = new HashSet<string>(StringComparer.Ordinal);
            foreach (var target in ordered)
            {
                var random = new Random(StableHash($"{seed}|{pass.Name}|{target}"));
                var requests = RequestsFor(pass, target, random, routesDone.Add(target.Route)).ToList();
                var known = target.Pattern.Parameters.Select(p => p.Name).Concat(target.Query).Concat(target.BodyFields).Append("body").ToList();
                foreach (var request in requests)
                    await SendAsync(pass, request with { Known = known });
                if (pass.Account is not null && target.Method is not "GET")
                    await StaySignedInAsync(pass);
            }
        }
        finally
        {
            pass.Client.Dispose();
        }
    }

    /// <summary>Signing out, ending sessions or deleting things is a fine answer to a form; the rest of the pass still needs the account.</summary>
    private static bool TakesAway(FuzzTarget target) =>
        TakesAwayPattern().IsMatch(target.Route + " " + target.Handler);

    private async Task StaySignedInAsync(Pass pass)
    {
        var response = await pass.Client.GetAsync("/account", Ct);
        pass.Sent++;
        if (response.StatusCode == HttpStatusCode.OK)
            return;
        pass.Client.Dispose();
        pass.Client = await app.SignInAsync(pass.Account!);
        pass.Token = AccountTestClient.TokenIn(await pass.Client.GetStringAsync("/account", Ct));
        pass.Sent += 3;
    }

    private static IEnumerable<FuzzRequest> RequestsFor(Pass pass, FuzzTarget target, Random random, bool firstOfRoute)
    {
        var real = RealValues(pass, target);
        var handler = target.Handler is null ? new List<(string, string)>() : [("handler", target.Handler)];
        string Url(Dictionary<string, string> values, IEnumerable<(string Name, string Encoded)> query) =>
            PathOf(target.Pattern, values) + QueryOf([.. handler, .. query]);
        Dictionary<string, string> With(string name, string encoded) => new(real, StringComparer.OrdinalIgnoreCase) { [name] = encoded };
        var parameters = target.Pattern.Parameters.Select(p => p.Name).ToList();
        // Kestrel answers 400 to a NUL in the path before the app sees it; the in-memory host throws instead.
        var inPath = HostileValues.All.Where(h => !h.Encoded.Contains("%00", StringComparison.Ordinal)).ToList();

        if (firstOfRoute)
        {
            if (target.RouteMethods.Contains("GET"))
                yield return new("HEAD", Url(real, []), () => null, "HEAD", []);
            foreach (var method in Pick(random, HostileValues.Methods.Where(m => !target.RouteMethods.Contains(m)).ToList(), 2))
                yield return new(method, Url(real, []), () => method is "POST" or "PUT" or "PATCH" ? Json("{}") : null, "a method the route does not take", []);
            yield return new(target.Method is "GET" ? "GET" : target.Method, PathOf(target.Pattern, real) + "?%3Cscript%3E=1&%00=%00&=&&%zz=1",
                () => null, "hostile parameter names", []);
        }

        if (target.Method == "GET")
        {
            yield return new("GET", Url(real, []), () => null, "baseline", []) { BaselineOf = target.Handler is null ? target.Route : null };
            foreach (var parameter in parameters)
            {
                foreach (var value in Pick(random, inPath, 3))
                    yield return new("GET", Url(With(parameter, value.Encoded), []), () => null, $"route {parameter} = {value}", [parameter]);
            }

            foreach (var name in target.Query)
            {
                foreach (var value in Pick(random, HostileValues.All, 2))
                    yield return new("GET", Url(real, [(name, value.Encoded)]), () => null, $"{name} = {value}", [name]);
            }

            if (target.Query.Count > 0)
            {
                var all = target.Query.Select(q => (q, Pick(random, HostileValues.All, 1)[0])).ToList();
                yield return new("GET", Url(real, all.Select(a => (a.q, a.Item2.Encoded))), () => null,
                    "every parameter hostile: " + string.Join(", ", all.Select(a => $"{a.q} = {a.Item2}")), target.Query);
                var one = target.Query[random.Next(target.Query.Count)];
                var repeated = Pick(random, HostileValues.All, 3);
                yield return new("GET", Url(real, repeated.Select(r => (one, r.Encoded))), () => null, $"{one} repeated: {string.Join(", ", repeated)}", [one]);
                yield return new("GET", Url(real, [(one + "[]", "1"), (one + "[0]", "2"), (one + "[a][b]", "3"), (one + ".x", "4")]), () => null, $"{one} as an array", [one]);
            }

            yield break;
        }

        if (target.IsPage)
        {
            var canSee = pass.Baseline.TryGetValue(target.Route, out var status) && status == HttpStatusCode.OK;
            var fields = target.Form;
            FormUrlEncodedLike Fields(Random r, bool withToken) => new(
                [.. fields.Select(f => (f, Pick(r, HostileValues.All, 1)[0].Encoded)),
                 .. withToken && pass.Token is not null ? [("__RequestVerificationToken", Uri.EscapeDataString(pass.Token))] : Array.Empty<(string, string)>()]);

            var noToken = Fields(random, withToken: false);
            yield return new(target.Method, Url(real, []), noToken.Content, "form without the anti-forgery token", [],
                target.ValidatesAntiforgery && canSee ? Expect.AntiforgeryRefusal : Expect.NoServerError);
            if (pass.Token is null)
                yield break;
            for (var i = 0; i < 3; i++)
            {
                var form = Fields(random, withToken: true);
                yield return new(target.Method, Url(real, []), form.Content, "form: " + form.Describe(), fields);
            }

            var tokenOnly = new FormUrlEncodedLike([("__RequestVerificationToken", Uri.EscapeDataString(pass.Token))]);
            yield return new(target.Method, Url(real, []), tokenOnly.Content, "form with the token only", fields);
            var multipart = Fields(random, withToken: true);
            yield return new(target.Method, Url(real, []), multipart.Multipart, "multipart form: " + multipart.Describe(), fields);
            var wrongType = Pick(random, HostileValues.WrongContentTypes.Where(t => !FormTypes.Any(f => t.StartsWith(f, StringComparison.Ordinal))).ToList(), 1)[0];
            yield return new(target.Method, Url(real, []), () => Typed("a=1&b=2", wrongType), $"form sent as {wrongType}", fields);
            if (parameters.Count > 0)
            {
                var parameter = parameters[random.Next(parameters.Count)];
                var value = Pick(random, inPath, 1)[0];
                var form = Fields(random, withToken: true);
                yield return new(target.Method, Url(With(parameter, value.Encoded), []), form.Content, $"route {parameter} = {value}, form: {form.Describe()}", [parameter, .. fields]);
            }

            yield break;
        }

        // An API write (POST, PUT, PATCH, DELETE).
        var known = target.BodyFields.Concat(parameters).Append("body").ToList();
        foreach (var parameter in parameters)
        {
            foreach (var value in Pick(random, inPath, 2))
                yield return new(target.Method, Url(With(parameter, value.Encoded), []), () => Json("{}"), $"route {parameter} = {value}", [parameter]);
        }

        foreach (var name in target.Query)
        {
            var value = Pick(random, HostileValues.All, 1)[0];
            yield return new(target.Method, Url(real, [(name, value.Encoded)]), () => Json("{}"), $"{name} = {value}", [name]);
        }

        if (!target.ReadsJsonBody)
            yield break;
        foreach (var (label, body) in Pick(random, HostileValues.BrokenJson, 4))
            yield return new(target.Method, Url(real, []), () => Bytes(body, "application/json"), $"JSON body: {label}", known);
        foreach (var type in Pick(random, HostileValues.WrongContentTypes, 2))
            yield return new(target.Method, Url(real, []), () => Typed("{}", type), $"body sent as {type}", known);
        yield return new(target.Method, Url(real, []), () => new StringContent("{}"), "body without a content type", known);
        if (target.BodyFields.Count > 0)
        {
            for (var i = 0; i < 3; i++)
            {
                var body = new JsonObject();
                foreach (var field in target.BodyFields)
                    body[field] = HostileJson(random);
                var text = body.ToJsonString();
                yield return new(target.Method, Url(real, []), () => Json(text), "JSON fields: " + Shorten(text, 300), known);
            }

            var big = new JsonObject { [target.BodyFields[random.Next(target.BodyFields.Count)]] = new string('a', 100 * 1024) };
            yield return new(target.Method, Url(real, []), () => Json(big.ToJsonString()), "a 100 KB field", known);
        }

        yield return new(target.Method, Url(real, []), () => Json("{\"<script>\": 1, \"\\u0000\": 2}"), "unknown fields", known);
    }

    private sealed record FormUrlEncodedLike(IReadOnlyList<(string Name, string Encoded)> Pairs)
    {
        public ByteArrayContent Content() => Typed(string.Join("&", Pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + p.Encoded)), "application/x-www-form-urlencoded");

        public MultipartFormDataContent Multipart()
        {
            var content = new MultipartFormDataContent("fuzz-boundary");
            foreach (var (name, encoded) in Pairs)
                content.Add(new ByteArrayContent(DecodeBytes(encoded)), name);
            return content;
        }

        public string Describe() => Shorten(string.Join("&", Pairs.Where(p => p.Name != "__RequestVerificationToken").Select(p => p.Name + "=" + p.Encoded)), 300);
    }

    private static JsonNode? HostileJson(Random random) => random.Next(8) switch
    {
        0 => JsonValue.Create(-1),
        1 => JsonValue.Create(1e308),
        2 => JsonValue.Create(long.MinValue),
        3 => new JsonArray(1, "a", null),
        4 => new JsonObject { ["x"] = 1 },
        5 => JsonValue.Create(true),
        6 => null,
        _ => JsonValue.Create(Pick(random, HostileValues.All.Where(h => h.Text is not null).ToList(), 1)[0].Text),
    };

    private static async Task SendAsync(Pass pass, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url) { Content = request.Content() };
        HttpResponseMessage response;
        try
        {
            response = await pass.Client.SendAsync(message, Ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            pass.Failures.Add($"[{pass.Name}] {request.Method} {Shorten(request.Url, 200)} ({request.What}): threw {e.GetType().Name}: {Shorten(e.Message, 300)}{Environment.NewLine}      {Shorten(string.Join(" | ", (e.StackTrace ?? "").Split('\n').Take(6).Select(l => l.Trim())), 900)}");
            pass.Sent++;
            return;
        }

        using (response)
        {
            pass.Sent++;
            var body = request.Method == "HEAD" ? "" : await response.Content.ReadAsStringAsync(Ct);
            if (request.BaselineOf is { } route)
                pass.Baseline[route] = response.StatusCode;
            if (Problem(request, response, body) is { } problem)
            {
                var firstLines = string.Join(" | ", body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
                pass.Failures.Add($"[{pass.Name}] {request.Method} {Shorten(request.Url, 200)} ({Shorten(request.What, 200)}): {(int)response.StatusCode} "
                    + $"{response.Content.Headers.ContentType?.MediaType}: {problem}{Environment.NewLine}      {Shorten(firstLines, 300)}");
            }
        }
    }

    private static string? Problem(FuzzRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return "a server error";
        if (request.Expect == Expect.AntiforgeryRefusal && status is not (400 or 429))
            return "a POST without the anti-forgery token, by someone who may see the form, must be 400";
        var path = request.Url.Split('?')[0];
        var isApi = path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal);
        var media = response.Content.Headers.ContentType?.MediaType;
        if (status is >= 300 and < 400 && response.Headers.Location is { IsAbsoluteUri: true } location && location.Host != "localhost")
            return $"redirects off the site, to {location}";
        if (status < 400 || request.Method == "HEAD")
            return null;
        if (isApi)
        {
            if (media != "application/problem+json")
                return "an API error that is not problem+json";
            // Naming another parameter of the route is fine: a required one left out (drugs, while conditions was hostile).
            if (status == 400 && request.Named.Count > 0 && !request.Named.Concat(request.Known).Any(n => NamesParameter(body, n)))
                return $"the problem names none of {string.Join(", ", request.Named.Take(8))}";
            return null;
        }

        if (media != "text/html" || !body.Contains("<main", StringComparison.Ordinal))
            return "a page error that is not the site's own error page (no <main>)";
        return null;
    }

    /// <summary>The problem names a parameter when it is a key of <c>errors</c> or appears in its text.</summary>
    private static bool NamesParameter(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
                    || e.Name.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase) || e.Name.StartsWith(name + "[", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        catch (JsonException)
        {
            return false;
        }

        return body.Contains(name, StringComparison.OrdinalIgnoreCase);
    }

    // Realistic values: links the pages themselves show, so a route is reached with a real drug, pill or profile.

    private static async Task CrawlAsync(Pass pass)
    {
        var routes = pass.Targets.DistinctBy(t => t.Route).ToList();
        var matchers = routes.Select(r => (r.Route, r.Pattern, Matcher: new TemplateMatcher(new RouteTemplate(r.Pattern), new RouteValueDictionary()), Literals: r.Pattern.PathSegments.Count(s => s.IsSimple && s.Parts[0].IsLiteral))).ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = routes.Where(r => r.RouteMethods.Contains("GET") && r.Pattern.Parameters.All(p => p.IsOptional))
            .Select(r => PathOf(r.Pattern, [])).ToList();
        for (var round = 0; round < 4 && queue.Count > 0; round++)
        {
            var next = new List<string>();
            foreach (var path in queue.Where(visited.Add))
            {
                var response = await pass.Client.GetAsync(path, Ct);
                pass.Sent++;
                var body = await response.Content.ReadAsStringAsync(Ct);
                pass.Token ??= AccountTestClient.TokenIn(body);
                foreach (var link in Links(body))
                {
                    var best = matchers
                        .Select(m => (m, Values: new RouteValueDictionary()))
                        .Where(x => x.m.Matcher.TryMatch(link, x.Values) && Fits(x.m.Pattern, x.Values))
                        .OrderByDescending(x => x.m.Literals)
                        .FirstOrDefault();
                    // The route with the most literal segments wins, as in routing: /drugs/compare is not /drugs/{slug}.
                    if (best.m.Route is null || best.m.Pattern.Parameters.Count == 0 || pass.Examples.ContainsKey(best.m.Route))
                        continue;
                    pass.Examples[best.m.Route] = best.Values.Where(v => v.Value is string).ToDictionary(v => v.Key, v => (string)v.Value!, StringComparer.OrdinalIgnoreCase);
                    next.Add(link);
                }
            }

            queue = next;
        }
    }

    private static IEnumerable<string> Links(string body)
    {
        foreach (Match match in LinkPattern().Matches(body))
        {
            var link = WebUtility.HtmlDecode(match.Groups["html"].Success ? match.Groups["html"].Value : match.Groups["json"].Value);
            // A template in a script or data attribute (/drugs/{slug}) is not a link.
            if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || link.AsSpan().IndexOfAny('{', '}') >= 0)
                continue;
            var end = link.IndexOfAny(['?', '#']);
            yield return end < 0 ? link : link[..end];
        }
    }

    private static bool Fits(RoutePattern pattern, RouteValueDictionary values) => pattern.Parameters.All(p =>
    {
        var value = values.TryGetValue(p.Name, out var v) ? v as string : null;
        if (value is null)
            return p.IsOptional;
        return p.ParameterPolicies.Select(x => x.Content).All(c => c switch
        {
            "int" => int.TryParse(value, out _),
            "long" => long.TryParse(value, out _),
            "guid" => Guid.TryParse(value, out _),
            "bool" => bool.TryParse(value, out _),
            _ => true,
        });
    });

    /// <summary>The route's own example; else a value of a parameter of the same name on the most similar route; else one that fits the constraint.</summary>
    private static Dictionary<string, string> RealValues(Pass pass, FuzzTarget target)
    {
        if (pass.Examples.TryGetValue(target.Route, out var example))
            return new(example, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (target.Pattern.Parameters.Count == 0)
            return values;
        pass.Unfilled.Add(target.Route);
        var literals = Literals(target.Route);
        foreach (var parameter in target.Pattern.Parameters)
        {
            var similar = pass.Examples
                .Where(e => e.Value.ContainsKey(parameter.Name))
                .OrderByDescending(e => Literals(e.Key).Intersect(literals).Count())
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => e.Value[parameter.Name])
                .FirstOrDefault();
            var constraint = parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault();
            values[parameter.Name] = similar ?? constraint switch
            {
                "int" or "int?" or "long" => "1",
                "guid" => "5c2f8f46-2c63-4a7b-9d1e-8f7c2a9e0b11",
                _ => "example",
            };
        }

        return values;
    }

    private static string[] Literals(string route) =>
        [.. route.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith('{'))];

    private static string PathOf(RoutePattern pattern, Dictionary<string, string> values)
    {
        var builder = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value) ? value : "",
                _ => "",
            }));
            if (text.Length == 0 && segment.Parts.All(p => p is RoutePatternParameterPart { IsOptional: true }))
                continue;
            builder.Append('/').Append(text);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static string QueryOf(IReadOnlyCollection<(string Name, string Encoded)> query) =>
        query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => Uri.EscapeDataString(q.Name) + "=" + q.Encoded));

    private static List<T> Pick<T>(Random random, IReadOnlyList<T> from, int count)
    {
        if (from.Count == 0)
            return [];
        var indexes = Enumerable.Range(0, from.Count).ToArray();
        random.Shuffle(indexes);
        return [.. indexes.Take(Math.Min(count, from.Count)).Select(i => from[i])];
    }

    private static ByteArrayContent Json(string text) => Typed(text, "application/json");

    private static ByteArrayContent Typed(string text, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static ByteArrayContent Bytes(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>The bytes an encoded value stands for, invalid UTF-8 included (a multipart part carries bytes, not text).</summary>
    private static byte[] DecodeBytes(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]))
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
            }
        }

        return [.. bytes];
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + $"… ({text.Length} characters)";

    /// <summary>FNV-1a: the same number for the same text in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }

    [GeneratedRegex("(?:href|action|src)=\"(?<html>[^\"]*)\"|\"(?<json>/[^\"\\s]*)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("delete|remove|sign-out|signout|revoke|leave|erase|\\bend\\b|^/account/security|disable", RegexOptions.IgnoreCase)]
    private static partial Regex TakesAwayPattern();
}
