using MedAtlas.Web.Features.Alerts.Sources;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.Alerts.Feeds;

/// <summary>One configured RSS feed: its name (the notices' <see cref="SafetyNotice.Source"/>) and address.</summary>
internal sealed record FeedSource(string Name, Uri Url);

/// <summary>
/// The <c>Alerts:Feeds:*</c> settings (docs/configuration.md): <c>Alerts:Feeds:&lt;name&gt;:Url</c> per feed (FDA's
/// recalls and MedWatch feeds by default; an empty URL turns one off), the interval, and the HTTP politeness settings.
/// </summary>
internal sealed record FeedSettings(IReadOnlyList<FeedSource> Feeds, TimeSpan Interval, SourceHttpSettings Http)
{
    private const string Section = "Alerts:Feeds";

    /// <summary>FDA's own feeds (fda.gov, "Stay informed: RSS feeds").</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SafetyNotice.RecallsFeed] = "https://www.fda.gov/about-fda/contact-fda/stay-informed/rss-feeds/recalls/rss.xml",
        [SafetyNotice.MedWatchFeed] = "https://www.fda.gov/about-fda/contact-fda/stay-informed/rss-feeds/medwatch/rss.xml",
    };

    public static FeedSettings From(IConfiguration configuration)
    {
        var urls = new SortedDictionary<string, string>(Defaults.ToDictionary(), StringComparer.Ordinal);
        foreach (var child in configuration.GetSection(Section).GetChildren())
        {
            if (child["Url"] is { } url)
                urls[child.Key] = url;
        }

        var feeds = new List<FeedSource>();
        foreach (var (name, url) in urls)
        {
            if (url.Length == 0)
                continue;
            if (name.Length > 40)
                throw new MedAtlasConfigurationException($"{Section}:{name} has a name longer than 40 characters.");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new MedAtlasConfigurationException($"{Section}:{name}:Url is '{url}'; it must be an http(s) address, or empty to turn the feed off.");
            feeds.Add(new FeedSource(name, uri));
        }

        return new FeedSettings(feeds, JobSettings.Minutes(configuration, $"{Section}:IntervalMinutes", 60), SourceHttpSettings.From(configuration, Section, requestsPerMinute: 60, maxBytes: 4L << 20));
    }
}
