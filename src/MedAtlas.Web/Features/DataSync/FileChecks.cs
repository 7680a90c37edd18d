using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MedAtlas.Web.Features.DataSync;

/// <summary>
/// Checks a whole download before any importer sees it: a zip must open and every entry must match its CRC-32
/// (read to the end, so a truncated or altered entry is caught); where the source publishes an MD5 beside the
/// file (<see cref="SyncSource.ChecksumSuffix"/>), the file must match it.
/// </summary>
internal sealed partial class FileChecks(IHttpClientFactory http)
{
    /// <summary>Null when the file is good, else why it is not (the caller discards it).</summary>
    public async Task<string?> CheckAsync(SyncSource source, Uri url, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (source.Zip && ZipProblem(path) is { } problem)
            return $"{name} is not a whole zip ({problem}); it was discarded and nothing was imported";

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

    private static string? ZipProblem(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var buffer = new byte[1 << 16];
            foreach (var entry in zip.Entries)
            {
                var crc = new Crc32();
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    crc.Append(buffer.AsSpan(0, read));
                if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
                    return $"entry {entry.FullName} fails its CRC check";
            }

            return zip.Entries.Count == 0 ? "it has no entries" : null;
        }
        catch (InvalidDataException e)
        {
            return e.Message.TrimEnd('.');
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{32}")]
    private static partial Regex Md5Text();
}
