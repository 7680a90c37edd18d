using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MedAtlas.Tests.Infrastructure.Observability;

/// <summary>With <c>MedAtlas:Telemetry:OtlpEndpoint</c> pointing at a collector (here a tiny HTTP listener), traces and metrics arrive there over OTLP/HTTP.</summary>
[Collection(MetricListeners.Name)]
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_request_reaches_the_collector_as_an_OTLP_protobuf_trace_and_metrics_follow()
    {
        await using var collector = Collector.Start();
        await using var app = new MedAtlasApp().WithSetting("MedAtlas:Telemetry:OtlpEndpoint", collector.Address);
        await app.InitializeAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/drugs", Ct)).StatusCode);
        // Exporters batch (every 5 s for traces, 60 s for metrics); a flush sends what is there now.
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

        var traces = await collector.WaitForAsync("/v1/traces");
        var metrics = await collector.WaitForAsync("/v1/metrics");
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.True(traces.Length > 0);
        Assert.Equal("application/x-protobuf", metrics.ContentType);
    }

    private sealed record Post(string Path, string? ContentType, long Length);

    /// <summary>Answers every POST with 200 and remembers its path, content type and size.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly ConcurrentQueue<Post> posts = new();
        private Task? loop;

        public string Address { get; private init; } = "";

        public static Collector Start()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var collector = new Collector { Address = $"http://127.0.0.1:{port}/" };
            collector.listener.Prefixes.Add(collector.Address);
            collector.listener.Start();
            collector.loop = collector.ServeAsync();
            return collector;
        }

        public async Task<Post> WaitForAsync(string path) =>
            (await Eventually.WaitAsync(() => Task.FromResult(posts.FirstOrDefault(p => p.Path == path)), p => p is not null, $"an OTLP POST to {path}"))!;

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            if (loop is not null)
                await loop;
            listener.Close();
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                posts.Enqueue(new Post(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.Length));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
