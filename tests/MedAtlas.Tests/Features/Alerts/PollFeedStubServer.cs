using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>A scripted answer the stub gives to the next request instead of the real one: a status, headers, a body, or a stall.</summary>
internal sealed record StubFault(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Stall = null)
{
    public static StubFault ServerError() => new(500, "Internal Server Error");

    public static StubFault TooManyRequests(string retryAfter) => new(429, """{"error":{"code":"OVER_RATE_LIMIT","message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>Answers nothing for longer than the poller's timeout in these tests.</summary>
    public static StubFault Stalls() => new(200, "{}", Stall: TimeSpan.FromSeconds(1));
}

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) in the test process, standing in for api.fda.gov and
/// fda.gov's RSS feeds. It answers openFDA enforcement searches from the records it holds the way openFDA does
/// (report_date range or recall_number list, sorted by report_date, limit, skip with openFDA's skip cap, 404
/// NOT_FOUND when nothing matches) and serves feed files; scripted faults take the place of the next answers.
/// </summary>
internal sealed partial class PollFeedStubServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubFault> faults = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly List<JsonObject> records = [];
    private readonly ConcurrentDictionary<string, string> feeds = new();

    private PollFeedStubServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>openFDA refuses a larger skip (25,000 there); tests lower it to see the poller narrow its window.</summary>
    public int MaxSkip { get; set; } = 25_000;

    /// <summary>Every request's path and query, in order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public static async Task<PollFeedStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        var stub = new PollFeedStubServer(web);
        web.Run(stub.AnswerAsync);
        await web.StartAsync(TestContext.Current.CancellationToken);
        stub.BaseUrl = new Uri(web.Urls.First() + "/");
        return stub;
    }

    /// <summary>The records of an openFDA API answer under tests/fixtures/openfda-api, now served.</summary>
    public IReadOnlyList<JsonObject> Publish(string fixture)
    {
        var page = JsonNode.Parse(File.ReadAllText(SharedData.Fixture("openfda-api", fixture)))!.AsObject();
        var added = page["results"]!.AsArray().Select(r => r!.AsObject().DeepClone().AsObject()).ToList();
        lock (records)
            records.AddRange(added);
        return added;
    }

    /// <summary>Changes a served record (its status, say), as openFDA's data changes between runs.</summary>
    public void Change(string recallNumber, Action<JsonObject> change)
    {
        lock (records)
            change(records.Single(r => (string?)r["recall_number"] == recallNumber));
    }

    public void Feed(string path, string xml) => feeds[path] = xml;

    public void Fail(params StubFault[] next)
    {
        foreach (var fault in next)
            faults.Enqueue(fault);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var response = context.Response;
        if (faults.TryDequeue(out var fault))
        {
            if (fault.Stall is { } stall)
            {
                try
                {
                    await Task.Delay(stall, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            response.StatusCode = fault.Status;
            foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>())
                response.Headers[name] = value;
            await response.WriteAsync(fault.Body, context.RequestAborted);
            return;
        }

        if (feeds.TryGetValue(context.Request.Path.Value ?? "", out var xml))
        {
            response.ContentType = "application/rss+xml; charset=utf-8";
            await response.WriteAsync(xml, context.RequestAborted);
            return;
        }

        if (context.Request.Path != "/drug/enforcement.json")
        {
            response.StatusCode = 404;
            return;
        }

        var (status, body) = Search(context.Request.Query);
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    private (int Status, string Body) Search(IQueryCollection query)
    {
        var search = query["search"].ToString();
        var limit = int.Parse(query["limit"].ToString(), CultureInfo.InvariantCulture);
        var skip = int.Parse(query["skip"].ToString(), CultureInfo.InvariantCulture);
        if (skip > MaxSkip)
            return (400, "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"Skip value must " + MaxSkip.ToString(CultureInfo.InvariantCulture) + " or less.\"}}");

        List<JsonObject> matching;
        lock (records)
        {
            Func<JsonObject, bool> wanted;
            if (DateRange().Match(search) is { Success: true } range)
            {
                var (from, to) = (range.Groups["from"].Value, range.Groups["to"].Value);
                wanted = r => string.CompareOrdinal((string?)r["report_date"], from) >= 0 && string.CompareOrdinal((string?)r["report_date"], to) <= 0;
            }
            else if (Numbers().Match(search) is { Success: true } list)
            {
                var numbers = Quoted().Matches(list.Groups["list"].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                wanted = r => numbers.Contains((string?)r["recall_number"] ?? "");
            }
            else
            {
                return (400, """{"error":{"code":"BAD_REQUEST","message":"Syntax error in the search."}}""");
            }

            // openFDA sorts by report_date; records of one day keep a stable order.
            matching = [.. records.Where(wanted).OrderBy(r => (string?)r["report_date"], StringComparer.Ordinal)];
        }

        if (matching.Count == 0)
            return (404, File.ReadAllText(SharedData.Fixture("openfda-api", "not-found.json")));
        var page = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["disclaimer"] = "Stub of the openFDA API for MedAtlas tests.",
                ["last_updated"] = "2024-04-12",
                ["results"] = new JsonObject { ["skip"] = skip, ["limit"] = limit, ["total"] = matching.Count },
            },
            ["results"] = new JsonArray([.. matching.Skip(skip).Take(limit).Select(r => r.DeepClone())]),
        };
        return (200, page.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    [GeneratedRegex(@"^report_date:\[(?<from>\d{8}) TO (?<to>\d{8})\]$")]
    private static partial Regex DateRange();

    [GeneratedRegex(@"^recall_number:\((?<list>.*)\)$")]
    private static partial Regex Numbers();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
