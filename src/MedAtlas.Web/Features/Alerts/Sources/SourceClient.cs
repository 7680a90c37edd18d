using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.Alerts.Sources;

/// <summary>
/// How politely a fetching job talks to one remote source: <c>&lt;section&gt;:TimeoutSeconds</c>, <c>:Attempts</c>,
/// <c>:FirstRetrySeconds</c>, <c>:MaxWaitSeconds</c>, <c>:RequestsPerMinute</c>, <c>:MaxBytes</c> (docs/configuration.md).
/// </summary>
internal sealed record SourceHttpSettings(TimeSpan Timeout, int Attempts, TimeSpan FirstRetry, TimeSpan MaxWait, TimeSpan Spacing, long MaxBytes)
{
    public static SourceHttpSettings From(IConfiguration configuration, string section, int requestsPerMinute, long maxBytes)
    {
        var perMinute = configuration.GetValue<double?>($"{section}:RequestsPerMinute") ?? requestsPerMinute;
        var attempts = configuration.GetValue<int?>($"{section}:Attempts") ?? 4;
        var bytes = configuration.GetValue<long?>($"{section}:MaxBytes") ?? maxBytes;
        if (perMinute <= 0)
            throw new Infrastructure.Data.MedAtlasConfigurationException($"{section}:RequestsPerMinute is {perMinute}; it must be a positive number.");
        if (attempts is < 1 or > 20)
            throw new Infrastructure.Data.MedAtlasConfigurationException($"{section}:Attempts is {attempts}; it must be between 1 and 20.");
        if (bytes < 1024)
            throw new Infrastructure.Data.MedAtlasConfigurationException($"{section}:MaxBytes is {bytes}; it must be at least 1024.");
        return new SourceHttpSettings(
            JobSettings.Seconds(configuration, $"{section}:TimeoutSeconds", 30),
            attempts,
            JobSettings.Seconds(configuration, $"{section}:FirstRetrySeconds", 2),
            JobSettings.Seconds(configuration, $"{section}:MaxWaitSeconds", 120),
            TimeSpan.FromMinutes(1) / perMinute,
            bytes);
    }
}

/// <summary>A response the caller accepted: its status, the body (at most <see cref="SourceHttpSettings.MaxBytes"/>) and headers.</summary>
internal sealed record SourceResponse(HttpStatusCode Status, byte[] Body, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders);

/// <summary>The source could not be read in this run (after retries, or it refused); the next run tries again.</summary>
internal sealed class SourceUnavailableException(string message) : Exception(message);

/// <summary>
/// GETs from one public source the way its operator asks: requests spaced to the rate limit, a per-request timeout,
/// a request budget, <c>Retry-After</c> honoured on 429 and 503, exponential backoff with jitter on other 5xx,
/// timeouts and connection errors, and a few tries before giving up for this run. One instance per run: it counts
/// that run's requests and retries for the <see cref="AlertSourceRun"/> row. Shared by the openFDA poller and the
/// RSS feeds.
/// </summary>
internal sealed class SourceClient(HttpClient http, SourceHttpSettings settings, TimeProvider time, int budget = int.MaxValue)
{
    private long? lastSentAt;

    public int Requests { get; private set; }

    public int Retries { get; private set; }

    /// <summary>
    /// The response to <paramref name="url"/> once it is 2xx or one of <paramref name="accepted"/> (openFDA's 404 "no
    /// matches", a feed's 304). <paramref name="described"/> names the request in errors (without secrets such as an API key).
    /// </summary>
    public async Task<SourceResponse> GetAsync(
        Uri url, string described, IReadOnlyCollection<HttpStatusCode> accepted, Action<HttpRequestHeaders>? headers, CancellationToken cancellationToken)
    {
        string? lastProblem = null;
        for (var attempt = 1; ; attempt++)
        {
            if (Requests >= budget)
                throw new SourceUnavailableException($"the request budget ({budget.ToString(CultureInfo.InvariantCulture)} a day) is used up; the rest waits for the next run");
            await SpaceAsync(cancellationToken);

            TimeSpan? wait;
            Requests++;
            lastSentAt = time.GetTimestamp();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.Timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    headers?.Invoke(request.Headers);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
                    {
                        var body = await ReadCappedAsync(response.Content, described, timeout.Token);
                        return new SourceResponse(response.StatusCode, body, response.Headers, response.Content.Headers);
                    }

                    var code = (int)response.StatusCode;
                    lastProblem = $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}";
                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                        && RetryAfter(response.Headers.RetryAfter) is { } asked)
                    {
                        if (asked > settings.MaxWait)
                            throw new SourceUnavailableException(
                                $"{described} answered {lastProblem} and asked to wait {asked.TotalSeconds:0} s, longer than this run waits; the next run tries again");
                        wait = asked;
                    }
                    else if (code is >= 500 or 408 or 429)
                    {
                        wait = Backoff(attempt);
                    }
                    else
                    {
                        throw new SourceUnavailableException($"{described} answered {lastProblem}");
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = $"no answer within {settings.Timeout.TotalSeconds:0.#} s";
                    wait = Backoff(attempt);
                }
                catch (HttpRequestException e)
                {
                    lastProblem = $"could not connect ({e.HttpRequestError})";
                    wait = Backoff(attempt);
                }
            }

            if (attempt >= settings.Attempts)
                throw new SourceUnavailableException($"{described} failed {attempt.ToString(CultureInfo.InvariantCulture)} times; last: {lastProblem}");
            Retries++;
            await Task.Delay(wait.Value, time, cancellationToken);
        }
    }

    /// <summary>Keeps at least <see cref="SourceHttpSettings.Spacing"/> between requests (openFDA: 240 a minute).</summary>
    private async Task SpaceAsync(CancellationToken cancellationToken)
    {
        if (lastSentAt is not { } last)
            return;
        var left = settings.Spacing - time.GetElapsedTime(last);
        if (left > TimeSpan.Zero)
            await Task.Delay(left, time, cancellationToken);
    }

    /// <summary>Doubling from the first retry, capped, with ±50 % jitter so many sites do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var delay = settings.FirstRetry * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20)) * (0.5 + Random.Shared.NextDouble());
        return delay > settings.MaxWait ? settings.MaxWait : delay;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var left = date - time.GetUtcNow();
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }

        return null;
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, string described, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > settings.MaxBytes)
            throw new SourceUnavailableException($"{described} is {content.Headers.ContentLength:N0} bytes, more than the {settings.MaxBytes:N0} read");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > settings.MaxBytes)
                throw new SourceUnavailableException($"{described} is more than the {settings.MaxBytes:N0} bytes read");
            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
