using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>
/// Checks that a zip or gzip file is whole before anything reads it as data, for <c>import</c> and <c>sync</c> alike:
/// a zip must open and every entry must match its CRC-32; a gzip file is decompressed to its end and the CRC-32 and
/// length of what came out must match its trailer (.NET's <see cref="GZipStream"/> ends quietly at a cut, so a file cut
/// in half would otherwise read as its first half). Told by the first bytes, not the name; other files pass.
/// </summary>
internal static class ArchiveCheck
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Null when the input is whole, else why not, naming the file ("x.zip is not a whole zip (entry A.txt fails its
    /// CRC check)"). A folder is whole when every zip and gzip file under it is.
    /// </summary>
    public static string? Problem(ImportInput input)
    {
        if (!input.IsDirectory)
            return Problem(input.Path) is { } problem ? $"{input.Name} is {problem}" : null;

        var files = Directory.EnumerateFiles(input.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Problem(file) is { } problem)
                return $"{Path.GetRelativePath(input.Path, file).Replace('\\', '/')} in {input.Name} is {problem}";
        }

        return null;
    }

    /// <summary>
    /// Null when the file is whole (or neither zip nor gzip, unless <paramref name="mustBeZip"/>), else what is wrong:
    /// "not a whole zip (...)".
    /// </summary>
    public static string? Problem(string path, bool mustBeZip = false)
    {
        Span<byte> head = stackalloc byte[2];
        try
        {
            using (var probe = File.OpenRead(path))
            {
                if (probe.ReadAtLeast(head, 2, throwOnEndOfStream: false) < 2)
                    head.Clear();
            }

            if (mustBeZip && (head[0], head[1]) != (0x50, 0x4B))
                return ZipProblem(path) is { } notZip ? $"not a whole zip ({notZip})" : "not a whole zip (it does not start like one)";

            return (head[0], head[1]) switch
            {
                (0x50, 0x4B) => ZipProblem(path) is { } zip ? $"not a whole zip ({zip})" : null,
                (0x1F, 0x8B) => GzipProblem(path) is { } gzip ? $"not a whole gzip file ({gzip})" : null,
                _ => null,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable is the importer's to report (it says which file and why); a cut short file is an IOException too.
            return e is EndOfStreamException ? "not a whole archive (it ends unexpectedly)" : null;
        }
    }

    private static string? ZipProblem(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var buffer = new byte[BufferSize];
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

    /// <summary>
    /// One gzip member (what gzip, pigz and the sources publish). A file of several concatenated members decompresses
    /// whole but fails the trailer comparison, so it is refused too (recompress it as one).
    /// </summary>
    private static string? GzipProblem(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        if (file.Length < 18)
            return "it is shorter than a gzip header and trailer";

        var crc = new Crc32();
        long length = 0;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                length += read;
            }
        }
        catch (InvalidDataException e)
        {
            return e.Message.TrimEnd('.');
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        var (crcExpected, lengthExpected) = (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
        return crc.GetCurrentHashAsUInt32() == crcExpected && unchecked((uint)length) == lengthExpected
            ? null
            : "its data does not match the CRC and length in its trailer: it is cut short or altered";
    }
}
