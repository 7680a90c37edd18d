using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>What to send as If-None-Match / If-Modified-Since, as the server gave them.</summary>
internal sealed record DownloadValidators(string? ETag, string? LastModified);

internal enum DownloadStatus
{
    /// <summary>The whole file is on disk at <see cref="DownloadResult.Path"/> (fresh, resumed, or kept from an earlier run).</summary>
    Downloaded,
    NotModified,
    Failed,
    Refused,
}

internal sealed record DownloadResult(DownloadStatus Status, string? Path, long Bytes, DownloadValidators? Validators, string? Message)
{
    public static DownloadResult Failed(string message, long bytes = 0) => new(DownloadStatus.Failed, null, bytes, null, message);

    public static DownloadResult Refused(string message, long bytes = 0) => new(DownloadStatus.Refused, null, bytes, null, message);
}

/// <summary>
/// Downloads one file of a source into <c>&lt;data&gt;/downloads/&lt;source&gt;/</c>: conditional (If-None-Match /
/// If-Modified-Since from the last import), resumable (a <c>.partial</c> file and Range with If-Range, so a
/// changed file starts over), capped (<c>MedAtlas:Sync:MaxMegabytes</c>), with progress printed. The file's
/// validators sit beside it in a <c>.json</c>, so a download kept after a failed import is asked after with
/// If-None-Match and imported again without fetching it twice.
/// </summary>
internal sealed class Downloader(IHttpClientFactory http, SyncSettings settings, TimeProvider time)
{
    public const string ClientName = "data-sync";

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    /// <summary>Where a source's file <paramref name="url"/> is kept until it is imported.</summary>
    public string PathFor(SyncSource source, Uri url)
    {
        var name = Path.GetFileName(url.AbsolutePath);
        // fda.gov serves Drugs@FDA at /media/89850/download: name such files after the source.
        if (name.Length == 0 || !name.Contains('.', StringComparison.Ordinal))
            name = $"{source.Name}{(source.Zip ? ".zip" : "")}";
        return Path.Combine(settings.DownloadRoot, source.Name, name);
    }

    /// <summary>Removes a file and its validators once imported (or refused).</summary>
    public static void Discard(string path)
    {
        File.Delete(path);
        File.Delete(path + ".partial");
        File.Delete(path + ".json");
    }

    public async Task<DownloadResult> DownloadAsync(SyncSource source, Uri url, DownloadValidators? lastImported, TextWriter output, CancellationToken cancellationToken)
    {
        var final = PathFor(source, url);
        var partial = final + ".partial";
        var metaPath = final + ".json";
        var name = Path.GetFileName(final);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var meta = ReadMeta(metaPath, url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var kept = false;
        long offset = 0;
        DownloadValidators? sent = null;
        if (File.Exists(final) && meta is not null)
        {
            // Downloaded and checked before, but not imported: import it if the server still has that version.
            kept = true;
            sent = Conditional(request, new DownloadValidators(meta.ETag, meta.LastModified));
        }
        else if (File.Exists(partial) && meta is not null && IfRange(meta) is { } ifRange && new FileInfo(partial).Length is > 0 and var length)
        {
            offset = length;
            request.Headers.Range = new RangeHeaderValue(offset, null);
            request.Headers.IfRange = ifRange;
        }
        else if (lastImported is not null)
        {
            sent = Conditional(request, lastImported);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return DownloadResult.Failed($"could not reach {url.Host}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DownloadResult.Failed($"{url.Host} did not answer within {settings.RequestTimeout.TotalSeconds:0} s");
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                if (kept)
                {
                    await output.WriteLineAsync($"{name}: unchanged on the server; importing the copy kept from an earlier run");
                    return new DownloadResult(DownloadStatus.Downloaded, final, 0, sent, null);
                }

                await output.WriteLineAsync($"{name}: not modified since the last import (HTTP 304); nothing to import");
                return new DownloadResult(DownloadStatus.NotModified, null, 0, sent, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                    Discard(final);
                return DownloadResult.Failed($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var append = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (append && response.Content.Headers.ContentRange?.From != offset)
            {
                Discard(final);
                return DownloadResult.Failed($"{url} answered a range that does not continue the partial download; it was discarded and the next sync starts over");
            }

            var total = append ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
            if (total > settings.MaxBytes)
            {
                Discard(final);
                return DownloadResult.Refused($"{name} is {Megabytes(total.Value)}, over the cap of {Megabytes(settings.MaxBytes)} (MedAtlas:Sync:MaxMegabytes); nothing was downloaded");
            }

            if (append)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Resuming {name} at {offset:N0} of {Size(total)}"));
            }
            else
            {
                // A fresh download (or the server sent the whole file because it changed): start over.
                offset = 0;
                File.Delete(final);
                meta = new DownloadMeta(url.ToString(), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture), total);
                await File.WriteAllTextAsync(metaPath, JsonSerializer.Serialize(meta), cancellationToken);
                await output.WriteLineAsync($"Downloading {name} ({Size(total)}) from {url}");
            }

            var started = time.GetTimestamp();
            var lastProgress = started;
            long received = 0;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                var buffer = new byte[1 << 16];
                // A link that goes quiet without closing would hang the sync: each read gets the request timeout.
                using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                int read;
                while (true)
                {
                    stalled.CancelAfter(settings.RequestTimeout);
                    if ((read = await body.ReadAsync(buffer, stalled.Token)) == 0)
                        break;
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    if (offset + received > settings.MaxBytes)
                    {
                        await file.DisposeAsync();
                        Discard(final);
                        return DownloadResult.Refused($"{name} grew past the cap of {Megabytes(settings.MaxBytes)} (MedAtlas:Sync:MaxMegabytes) while downloading; it was discarded", received);
                    }

                    if (time.GetElapsedTime(lastProgress) >= ProgressEvery)
                    {
                        lastProgress = time.GetTimestamp();
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {offset + received:N0} of {Size(total)}"));
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return DownloadResult.Failed(string.Create(CultureInfo.InvariantCulture,
                    $"the download of {name} stalled (no data for {settings.RequestTimeout.TotalSeconds:0} s) after {offset + received:N0} of {Size(total)}; the part is kept and the next sync resumes from there"), received);
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                return DownloadResult.Failed(string.Create(CultureInfo.InvariantCulture,
                    $"the download of {name} broke off after {offset + received:N0} of {Size(total)} ({e.Message}); the part is kept and the next sync resumes from there"), received);
            }

            var have = offset + received;
            if (total is { } expected && have != expected)
            {
                if (have > expected)
                    Discard(final);
                return DownloadResult.Failed(string.Create(CultureInfo.InvariantCulture,
                    $"the download of {name} ended after {have:N0} of {expected:N0} bytes{(have < expected ? "; the part is kept and the next sync resumes from there" : "; it was discarded")}"), received);
            }

            File.Move(partial, final, overwrite: true);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Downloaded {name}: {have:N0} bytes{(append ? $" ({received:N0} in this run, resumed)" : "")} in {time.GetElapsedTime(started).TotalSeconds:0.0} s"));
            return new DownloadResult(DownloadStatus.Downloaded, final, received, new DownloadValidators(meta!.ETag, meta.LastModified), null);
        }
    }

    /// <summary>The addresses a manifest (openFDA's download.json) lists under <c>results.&lt;path&gt;.partitions[].file</c>.</summary>
    public async Task<IReadOnlyList<Uri>> ResolveManifestAsync(Uri manifest, string path, CancellationToken cancellationToken)
    {
        using var response = await http.CreateClient(ClientName).GetAsync(manifest, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SyncSourceException($"{manifest} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var node = json.RootElement.GetProperty("results");
            foreach (var part in path.Split('.'))
                node = node.GetProperty(part);
            var files = node.GetProperty("partitions").EnumerateArray()
                .Select(p => p.GetProperty("file").GetString())
                .Select(f => Uri.TryCreate(f, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
                .ToList();
            if (files.Count == 0 || files.Any(f => f is null))
                throw new SyncSourceException($"{manifest} lists no usable file under results.{path}.partitions");
            return files!;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SyncSourceException($"{manifest} is not an openFDA download manifest with results.{path}.partitions ({e.Message})");
        }
    }

    private static DownloadValidators Conditional(HttpRequestMessage request, DownloadValidators validators)
    {
        if (validators.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (validators.LastModified is { } modified && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            request.Headers.IfModifiedSince = date;
        return validators;
    }

    /// <summary>If-Range takes a strong ETag or a date; without either a resumed range could splice two versions of the file.</summary>
    private static RangeConditionHeaderValue? IfRange(DownloadMeta meta)
    {
        if (meta.ETag is { } etag && !etag.StartsWith("W/", StringComparison.Ordinal) && EntityTagHeaderValue.TryParse(etag, out var tag))
            return new RangeConditionHeaderValue(tag);
        if (meta.LastModified is { } modified && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return new RangeConditionHeaderValue(date);
        return null;
    }

    private static DownloadMeta? ReadMeta(string path, Uri url)
    {
        try
        {
            var meta = File.Exists(path) ? JsonSerializer.Deserialize<DownloadMeta>(File.ReadAllText(path)) : null;
            // The address changed (a setting was edited): what is on disk is another file.
            return meta?.Url == url.ToString() ? meta : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Size(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b:N0} bytes") : "unknown size";

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.##} MB");

    /// <summary>The validators and size of a file being or having been downloaded, kept beside it as JSON.</summary>
    private sealed record DownloadMeta(string Url, string? ETag, string? LastModified, long? Total);
}

/// <summary>A source cannot be synced as configured (its manifest is missing or unreadable); the message says why.</summary>
internal sealed class SyncSourceException(string message) : Exception(message);
