using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// One source <c>sync</c> downloads: the importer it feeds (by its <c>Source</c> name), the official file
/// addresses, and how often the background job fetches it. <c>MedAtlas:Sync:Sources:&lt;name&gt;:*</c> (docs/configuration.md).
/// </summary>
/// <param name="Urls">
/// The files, downloaded and imported in this order; empty: the source is off. An address may name the day of the run,
/// <c>{today:MMddyyyy}</c> or <c>{yesterday:MMddyyyy}</c> (UTC), for DailyMed's dated update zips (<see cref="Addresses"/>).
/// </param>
/// <param name="Manifest">The address is openFDA's <c>download.json</c>; the files are its partitions under <c>results.&lt;Manifest&gt;</c> (e.g. <c>drug.enforcement</c>).</param>
/// <param name="Schedule">How often the background job syncs it; null: only when asked (the command, "Sync now").</param>
/// <param name="ChecksumSuffix">Where published, the MD5 of each file is at its address plus this suffix (<c>.md5</c>); null: none is checked.</param>
/// <param name="Zip">The files are zips: one that is not, or whose entries fail their CRC, never reaches the importer.</param>
internal sealed partial record SyncSource(string Name, IReadOnlyList<string> Urls, string? Manifest, TimeSpan? Schedule, string? ChecksumSuffix, bool Zip)
{
    /// <summary>The addresses for a run at <paramref name="utcNow"/>: <c>{today:format}</c> and <c>{yesterday:format}</c> replaced by that day.</summary>
    public IReadOnlyList<Uri> Addresses(DateTime utcNow) => [.. Urls.Select(u => new Uri(DayToken().Replace(u, m =>
        (m.Groups[1].Value == "today" ? utcNow : utcNow.AddDays(-1)).ToString(m.Groups[2].Value, CultureInfo.InvariantCulture))))];

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(today|yesterday):([A-Za-z_\-.]+)\}")]
    internal static partial System.Text.RegularExpressions.Regex DayToken();
}

/// <summary><c>MedAtlas:Sync:*</c>: the sources, the size cap, and how often the job looks for a due source.</summary>
internal sealed record SyncSettings(IReadOnlyList<SyncSource> Sources, long MaxBytes, TimeSpan CheckEvery, TimeSpan RequestTimeout, string DownloadRoot)
{
    public const string Section = "MedAtlas:Sync";

    /// <summary>Every source sync knows, with the official addresses as defaults (docs/import-guide.md, "sync").</summary>
    private static readonly (string Name, string[] Urls, string? Manifest, bool Zip, string? Checksum)[] Defaults =
    [
        // FDA, "Drugs@FDA Data Files": https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files
        ("drugsatfda", ["https://www.fda.gov/media/89850/download"], null, true, null),
        // NLM DailyMed, "SPL resources: all drug labels" (spl-resources-all-drug-labels.cfm): the human prescription
        // full release in its five parts. OTC parts and the daily/weekly update zips are added by listing them (Urls;
        // an update's date as {yesterday:MMddyyyy}).
        ("dailymed",
        [
            "https://dailymed-data.nlm.nih.gov/public-release-files/dm_spl_release_human_rx_part1.zip",
            "https://dailymed-data.nlm.nih.gov/public-release-files/dm_spl_release_human_rx_part2.zip",
            "https://dailymed-data.nlm.nih.gov/public-release-files/dm_spl_release_human_rx_part3.zip",
            "https://dailymed-data.nlm.nih.gov/public-release-files/dm_spl_release_human_rx_part4.zip",
            "https://dailymed-data.nlm.nih.gov/public-release-files/dm_spl_release_human_rx_part5.zip",
        ], null, true, null),
        // openFDA's download manifest lists the drug enforcement partitions (https://open.fda.gov/apis/downloads/).
        ("openfda-enforcement", ["https://api.fda.gov/download.json"], "drug.enforcement", true, null),
        // The importer reads the CSV export of the CMS order file, not the official CMS/CDC zip: off until an operator names a CSV.
        ("icd10cm", [], null, false, null),
    ];

    public static SyncSettings From(IConfiguration configuration, DatabaseSettings database)
    {
        var section = configuration.GetSection(Section);
        var sources = new List<SyncSource>();
        foreach (var (name, urls, manifest, zip, checksum) in Defaults)
        {
            var s = section.GetSection($"Sources:{name}");
            var configured = s.GetSection("Urls").GetChildren().Select(c => c.Value).OfType<string>().ToList();
            if (s["Url"] is { } single)
                configured = single.Length == 0 ? [] : [single];
            var addresses = (s.GetSection("Urls").Exists() || s["Url"] is not null ? configured : [.. urls])
                .Where(u => u.Length > 0)
                .Select(u => Uri.TryCreate(SyncSource.DayToken().Replace(u, "day"), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? u
                    : throw new MedAtlasConfigurationException($"{Section}:Sources:{name}:Url is '{u}', which is not an http(s) address."))
                .ToList();
            sources.Add(new SyncSource(
                name,
                addresses,
                s["Manifest"] is { } m ? (m.Length == 0 ? null : m) : manifest,
                Schedule($"{Section}:Sources:{name}:Schedule", s["Schedule"]),
                s["ChecksumSuffix"] is { } c ? (c.Length == 0 ? null : c) : checksum,
                s.GetValue<bool?>("Zip") ?? zip));
        }

        var maxMegabytes = section.GetValue<double?>("MaxMegabytes") ?? 20_000;
        if (maxMegabytes <= 0)
            throw new MedAtlasConfigurationException($"{Section}:MaxMegabytes is {maxMegabytes}; it must be a positive number of megabytes.");
        var root = section["DownloadDirectory"] is { Length: > 0 } dir
            ? Path.GetFullPath(dir, database.DataDirectory)
            : Path.Combine(database.DataDirectory, "downloads");
        return new SyncSettings(
            sources,
            (long)(maxMegabytes * 1024 * 1024),
            Infrastructure.Jobs.JobSettings.Minutes(configuration, $"{Section}:CheckMinutes", 15),
            Infrastructure.Jobs.JobSettings.Seconds(configuration, $"{Section}:RequestTimeoutSeconds", 100),
            root);
    }

    public SyncSource? Find(string name) => Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>off</c> (or empty), <c>hourly</c>, <c>daily</c>, <c>weekly</c>, or a time span such as <c>12:00:00</c> or <c>2.00:00:00</c>.</summary>
    private static TimeSpan? Schedule(string key, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "off" => null,
        "hourly" => TimeSpan.FromHours(1),
        "daily" => TimeSpan.FromDays(1),
        "weekly" => TimeSpan.FromDays(7),
        var v when TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero => span,
        _ => throw new MedAtlasConfigurationException($"{key} is '{value}'; use off, hourly, daily, weekly or a time span such as 12:00:00."),
    };
}
