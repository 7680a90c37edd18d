using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace MedAtlas.Tests.Features.DataSync;

/// <summary>A scripted answer to the next request for a path instead of the file: a status, or the file cut off after some bytes.</summary>
internal sealed record SyncFault(int Status, int? DropAfter = null)
{
    public static SyncFault NotFound() => new(404);

    public static SyncFault ServerError() => new(500);

    /// <summary>Starts the whole file (status 200, its full length announced), sends <paramref name="bytes"/> of it and drops the connection.</summary>
    public static SyncFault Drop(int bytes) => new(200, bytes);
}

/// <summary>One request the stub answered: its conditional and range headers and the status it got.</summary>
internal sealed record SyncStubRequest(string Path, string? Range, string? IfRange, string? IfNoneMatch, string? IfModifiedSince, int Status);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for fda.gov, DailyMed and openFDA. It serves
/// the files it is given the way those servers do: an ETag and Last-Modified per version, 304 for a current
/// If-None-Match, Range with If-Range (ASP.NET Core's file results); scripted faults answer the next requests.
/// </summary>
internal sealed class SyncStubServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Served> files = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SyncFault>> faults = new();
    private readonly ConcurrentQueue<SyncStubRequest> requests = new();
    private int versions;

    private SyncStubServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<SyncStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        var stub = new SyncStubServer(web);
        web.Run(stub.AnswerAsync);
        await web.StartAsync();
        stub.BaseUrl = new Uri(web.Urls.First() + "/");
        return stub;
    }

    public string Url(string path) => new Uri(BaseUrl, path.TrimStart('/')).ToString();

    /// <summary>Publishes a new version of the file at <paramref name="path"/>: a new ETag and a later Last-Modified.</summary>
    public string Serve(string path, byte[] body)
    {
        var version = Interlocked.Increment(ref versions);
        var etag = $"\"v{version.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}\"";
        files["/" + path.TrimStart('/')] = new Served(body, etag, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(version));
        return etag;
    }

    public void Fault(string path, SyncFault fault) =>
        faults.GetOrAdd("/" + path.TrimStart('/'), _ => new ConcurrentQueue<SyncFault>()).Enqueue(fault);

    public IReadOnlyList<SyncStubRequest> RequestsFor(string path) => [.. requests.Where(r => r.Path == "/" + path.TrimStart('/'))];

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers;
        var recorded = false;
        try
        {
            if (faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault))
            {
                if (fault.DropAfter is { } cut && files.TryGetValue(path, out var whole))
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentLength = whole.Body.Length;
                    context.Response.Headers.ETag = whole.ETag;
                    context.Response.Headers.LastModified = whole.LastModified.ToString("R", CultureInfo.InvariantCulture);
                    await context.Response.Body.WriteAsync(whole.Body.AsMemory(0, cut));
                    await context.Response.Body.FlushAsync();
                    // Let the bytes reach the client before the connection goes, as when a link drops mid-file.
                    await Task.Delay(300);
                    // Recorded before the connection goes: once it has, the client's next request may be answered first.
                    Record(path, headers, 200);
                    recorded = true;
                    context.Abort();
                    return;
                }

                context.Response.StatusCode = fault.Status;
                await context.Response.WriteAsync(fault.Status == 404 ? "Not Found" : "Internal Server Error");
                return;
            }

            if (!files.TryGetValue(path, out var served))
            {
                context.Response.StatusCode = 404;
                return;
            }

            await Results.File(served.Body, "application/octet-stream", lastModified: served.LastModified,
                entityTag: new EntityTagHeaderValue(served.ETag), enableRangeProcessing: true).ExecuteAsync(context);
        }
        finally
        {
            if (!recorded)
                Record(path, headers, context.Response.StatusCode);
        }
    }

    private void Record(string path, IHeaderDictionary headers, int status) =>
        requests.Enqueue(new SyncStubRequest(path, Header(headers, "Range"), Header(headers, "If-Range"), Header(headers, "If-None-Match"),
            Header(headers, "If-Modified-Since"), status));

    private static string? Header(IHeaderDictionary headers, string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record Served(byte[] Body, string ETag, DateTimeOffset LastModified);
}
