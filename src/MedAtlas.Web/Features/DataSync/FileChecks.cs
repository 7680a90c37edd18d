using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// Checks a whole download before any importer sees it: a zip or gzip file must be whole (<see cref="ArchiveCheck"/>,
/// the check <c>import</c> makes too); where the source publishes an MD5 beside the
/// file (<see cref="SyncSource.ChecksumSuffix"/>), the file must match it.
/// </summary>
internal sealed partial class FileChecks(IHttpClientFactory http)
{
    /// <summary>Null when the file is good, else why it is not (the caller discards it).</summary>
    public async Task<string?> CheckAsync(SyncSource source, Uri url, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (ArchiveCheck.Problem(path, mustBeZip: source.Zip) is { } problem)
            return $"{name} is {problem}; it was discarded and nothing was imported";

        if (source.ChecksumSuffix is { } suffix)
        {
            var checksumUrl = new Uri(url + suffix);
            string published;
            try
            {
                published = await http.CreateClient(Downloader.ClientName).GetStringAsync(checksumUrl, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return $"the MD5 of {name} could not be read from {checksumUrl} ({e.Message}); it was discarded and nothing was imported";
            }

            if (Md5Text().Match(published) is not { Success: true } match)
                return $"{checksumUrl} holds no MD5 (32 hexadecimal digits); {name} was discarded and nothing was imported";
            await using var file = File.OpenRead(path);
#pragma warning disable CA5351 // The publisher's checksum is MD5: it guards against a damaged download, not an attacker (TLS does that).
            var actual = Convert.ToHexStringLower(await MD5.HashDataAsync(file, cancellationToken));
#pragma warning restore CA5351
            if (!string.Equals(actual, match.Value, StringComparison.OrdinalIgnoreCase))
                return $"{name} has MD5 {actual}, but {checksumUrl} says {match.Value.ToLowerInvariant()}; it was discarded and nothing was imported";
        }

        return null;
    }

    [GeneratedRegex("[0-9a-fA-F]{32}")]
    private static partial Regex Md5Text();
}
