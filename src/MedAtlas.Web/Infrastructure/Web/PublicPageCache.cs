using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// Keeps a rendered public page in this node's memory for <c>MedAtlas:Caching:ServerSeconds</c> (default 2 s), so a
/// burst of visitors to the same article costs one render, not one each (issue 11: an article page at half of nginx).
/// It stores only what <see cref="CachingHeaders"/> already made public: a GET (or HEAD) of an endpoint marked
/// <see cref="PublicCacheAttribute"/>, from nobody signed in and without credentials, whose 200 answer says
/// <c>public</c>, sets no cookie, is text (HTML, XML, JSON) and is at most 512 KB. A range or conditional request, a
/// file sent by the server (a video), a static asset and anything personal go past it untouched. The key is the
/// scheme, host, path, query and the text-size cookie (the only cookie a public page is rendered from).
/// Staleness is bounded by the lifetime: a change made on another node (or by the scheduled publisher) shows here
/// within it, and any POST, PUT, PATCH or DELETE answered by this node empties this node's cache at once.
/// A page served from here carries <c>Age</c> (RFC 9111), the seconds since it was rendered.
/// </summary>
internal sealed class PublicPageCache : IDisposable
{
    public const int MaxEntryBytes = 512 * 1024;
    private const long MaxTotalBytes = 32L * 1024 * 1024;

    // Set again on every response by the middleware around this one (security headers, caching headers,
    // compression) or by the server; a stored copy would duplicate or contradict them.
    private static readonly HashSet<string> NotStored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Vary, HeaderNames.ContentEncoding, HeaderNames.ContentLength, HeaderNames.TransferEncoding,
        HeaderNames.Date, HeaderNames.Server, HeaderNames.SetCookie, HeaderNames.Age,
    };

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxTotalBytes });
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public PublicPageCache(CachingSettings settings, TimeProvider time)
    {
        lifetime = TimeSpan.FromSeconds(settings.ServerSeconds);
        this.time = time;
    }

    public bool Enabled => lifetime > TimeSpan.Zero;

    private sealed record Entry(Endpoint Endpoint, string? ContentType, KeyValuePair<string, StringValues>[] Headers, byte[] Body, long StoredAt);

    /// <summary>
    /// Before routing: answers from a kept copy when there is one. Only a copy of a public, anonymous 200 of this very
    /// address is ever kept, so routing, rate limits and authorization would decide the same again; the copy's endpoint
    /// is set on the request so the caching headers are decided as for the page itself.
    /// </summary>
    public async Task ServeKeptAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
        {
            await next(context);
            // Whatever it changed shows on this node's next read, not after the lifetime.
            if (!HttpMethods.IsOptions(request.Method))
                entries.Clear();
            return;
        }

        if (IsAnonymousPlainRead(context) && entries.TryGetValue(KeyOf(request), out Entry? hit) && hit is not null)
        {
            context.SetEndpoint(hit.Endpoint);
            await ServeAsync(context, hit);
            return;
        }

        await next(context);
    }

    /// <summary>After authorization: renders a public page and keeps a copy of its answer when it may be kept.</summary>
    public async Task KeepAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        if (!HttpMethods.IsGet(request.Method) || !IsAnonymousPlainRead(context)
            || endpoint?.Metadata.GetMetadata<PublicCacheAttribute>() is not { } mark || !mark.Allows(request.Query)
            || endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
        {
            await next(context);
            return;
        }

        var key = KeyOf(request);

        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new CapturingBody(original, MaxEntryBytes);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        if (capture.Captured is { } body && IsStorable(context.Response))
        {
            var headers = context.Response.Headers.Where(h => !NotStored.Contains(h.Key)).ToArray();
            entries.Set(key, new Entry(endpoint, context.Response.ContentType, headers, body, time.GetTimestamp()), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = lifetime,
                Size = body.Length + 1024,
            });
        }
    }

    private static string KeyOf(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value,
            " ", TextSize.Current(request));

    private static bool IsAnonymousPlainRead(HttpContext context)
    {
        var headers = context.Request.Headers;
        return !PersonalResponses.IsPersonal(context)
            && headers.Range.Count == 0 && headers.IfRange.Count == 0
            && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0;
    }

    private static bool IsStorable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && response.Headers.SetCookie.Count == 0
        && response.Headers.ContentRange.Count == 0
        && response.Headers.CacheControl.ToString().StartsWith("public", StringComparison.OrdinalIgnoreCase)
        && IsText(response.ContentType);

    private static bool IsText(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type))
            return false;
        var media = type.MediaType.Value ?? "";
        return media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    private async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in entry.Headers)
            response.Headers[name] = value;
        response.ContentType = entry.ContentType;
        response.Headers.Age = ((long)time.GetElapsedTime(entry.StoredAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentLength = entry.Body.Length;
        await response.Body.WriteAsync(entry.Body, context.RequestAborted);
    }

    public void Dispose() => entries.Dispose();

    /// <summary>
    /// Passes every write through to the real body and keeps a copy while it stays under the limit. A file sent by
    /// the server (<see cref="SendFileAsync"/>) goes straight to the real body, uncopied, and makes the answer unstorable.
    /// </summary>
    private sealed class CapturingBody(IHttpResponseBodyFeature inner, int limit) : Stream, IHttpResponseBodyFeature
    {
        private MemoryStream? copy = new();
        private PipeWriter? writer;

        public byte[]? Captured => copy?.ToArray();

        Stream IHttpResponseBodyFeature.Stream => this;

        public PipeWriter Writer => writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            Abandon();
            return inner.SendFileAsync(path, offset, count, cancellationToken);
        }

        /// <summary>Flushes what the pipe writer holds; the real body is completed by the server, as without this.</summary>
        public async Task CompleteAsync()
        {
            if (writer is not null)
                await writer.FlushAsync();
        }

        private void Abandon()
        {
            copy?.Dispose();
            copy = null;
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (copy is null)
                return;
            if (copy.Length + bytes.Length > limit)
                Abandon();
            else
                copy.Write(bytes);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Stream.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            inner.Stream.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.Stream.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Stream.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.Stream.FlushAsync(cancellationToken);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                copy?.Dispose();
            base.Dispose(disposing);
        }
    }
}

internal static class PublicPageCacheExtensions
{
    /// <summary>Before routing, after authentication (who is asking) and the caching headers: answers from a kept copy.</summary>
    public static IApplicationBuilder UsePublicPageCache(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<PublicPageCache>();
        return cache.Enabled ? app.Use((context, next) => cache.ServeKeptAsync(context, next)) : app;
    }

    /// <summary>After authorization, where the endpoint and its public mark are known: keeps what may be kept.</summary>
    public static IApplicationBuilder UsePublicPageKeeping(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<PublicPageCache>();
        return cache.Enabled ? app.Use((context, next) => cache.KeepAsync(context, next)) : app;
    }
}
