using MedAtlas.Web.Features.Alerts.Sources;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.Alerts.Poll;

/// <summary>The <c>Alerts:OpenFda:*</c> settings (docs/configuration.md). No <see cref="BaseUrl"/> means the poller is off.</summary>
internal sealed record OpenFdaSettings(
    Uri? BaseUrl,
    string? ApiKey,
    TimeSpan Interval,
    TimeSpan FullCheckEvery,
    int PageSize,
    int DailyRequests,
    int MaxSkip,
    SourceHttpSettings Http)
{
    private const string Section = "Alerts:OpenFda";

    public static OpenFdaSettings From(IConfiguration configuration)
    {
        var url = configuration[$"{Section}:BaseUrl"] ?? "https://api.fda.gov";
        Uri? baseUrl = null;
        if (url.Length > 0 && (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
            throw new MedAtlasConfigurationException($"{Section}:BaseUrl is '{url}'; it must be an http(s) address such as https://api.fda.gov, or empty to turn the poller off.");

        var key = configuration[$"{Section}:ApiKey"] is { Length: > 0 } k ? k : null;
        var pageSize = configuration.GetValue<int?>($"{Section}:PageSize") ?? 100;
        if (pageSize is < 1 or > 1000)
            throw new MedAtlasConfigurationException($"{Section}:PageSize is {pageSize}; openFDA returns 1 to 1000 records a page.");
        var fullDays = configuration.GetValue<double?>($"{Section}:FullCheckDays") ?? 7;
        if (fullDays < 0)
            throw new MedAtlasConfigurationException($"{Section}:FullCheckDays is {fullDays}; it must be 0 (every run) or more.");
        // openFDA's published daily limits: 1,000 requests without a key, 120,000 with one.
        var daily = configuration.GetValue<int?>($"{Section}:DailyRequests") ?? (key is null ? 1000 : 120_000);
        var maxSkip = configuration.GetValue<int?>($"{Section}:MaxSkip") ?? 25_000;
        if (daily < 1 || maxSkip < 0)
            throw new MedAtlasConfigurationException($"{Section}:DailyRequests must be positive and {Section}:MaxSkip not negative.");

        return new OpenFdaSettings(
            baseUrl, key, JobSettings.Minutes(configuration, $"{Section}:IntervalMinutes", 360), TimeSpan.FromDays(fullDays), pageSize, daily, maxSkip,
            SourceHttpSettings.From(configuration, Section, requestsPerMinute: 240, maxBytes: 64L << 20));
    }
}
