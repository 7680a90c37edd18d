using System.IO.Compression;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>One XML document found in the input, open for reading, or why a container could not be read.</summary>
/// <param name="Row">Where it is, as a person would find it: "lipitor.xml", "bulk.zip/label.zip/x.xml", "otc/label.zip/x.xml".</param>
/// <param name="Content">The document, open until the walk moves on; null when <paramref name="Problem"/> says why.</param>
/// <param name="IsWholeInput">
/// The document is the input itself (an XML file, or the XML inside a one-label zip): if it is not SPL, the
/// user gave the wrong file, which stops the import rather than rejecting a row.
/// </param>
/// <param name="Siblings">The label's other files (its images), readable while <paramref name="Content"/> is open.</param>
internal sealed record SplFile(string Row, Stream? Content, string? Problem, bool IsWholeInput, SplSiblings? Siblings = null);

/// <summary>
/// The files a label ships beside its XML (its images): the entries in the same folder of its zip, or the files in
/// the same folder on disk. Read one at a time, on demand, so only the images a label references are ever held.
/// </summary>
internal abstract class SplSiblings
{
    /// <summary>The file's bytes, or why not (absent, too large, unreadable).</summary>
    public (byte[]? Content, string? Problem) Read(string fileName, long maxBytes)
    {
        // A reference is a bare file name; anything that climbs or roots a path is not the label's own file.
        if (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal)
            || fileName is "." or ".." || fileName.Contains(':', StringComparison.Ordinal))
            return (null, "is not a plain file name");
        try
        {
            return ReadFile(fileName, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, $"cannot be read ({e.Message})");
        }
    }

    protected abstract (byte[]? Content, string? Problem) ReadFile(string fileName, long maxBytes);

    protected static (byte[]? Content, string? Problem) ReadAll(Stream stream, long length, long maxBytes)
    {
        if (length > maxBytes)
            return (null, $"is larger than {maxBytes >> 20} MB");
        var content = new byte[length];
        stream.ReadExactly(content);
        return (content, null);
    }
}

internal sealed class ZipSiblings(ZipArchive archive, string xmlEntryName) : SplSiblings
{
    private readonly string folder = xmlEntryName.LastIndexOf('/') is var slash and >= 0 ? xmlEntryName[..(slash + 1)] : "";

    protected override (byte[]? Content, string? Problem) ReadFile(string fileName, long maxBytes)
    {
        var name = folder + fileName;
        // Labels are written on Windows as often as not: a reference may differ from the entry in case.
        var entry = archive.GetEntry(name)
            ?? archive.Entries.FirstOrDefault(e => e.FullName.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
            return (null, "is not in the label's zip");
        using var stream = entry.Open();
        return ReadAll(stream, entry.Length, maxBytes);
    }
}

internal sealed class FolderSiblings(string folder) : SplSiblings
{
    protected override (byte[]? Content, string? Problem) ReadFile(string fileName, long maxBytes)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            // Same reason as in a zip: match the name in any case when the file system does not.
            path = Directory.EnumerateFiles(folder).FirstOrDefault(f => Path.GetFileName(f).Equals(fileName, StringComparison.OrdinalIgnoreCase)) ?? "";
            if (path.Length == 0)
                return (null, "is not in the label's folder");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadAll(stream, stream.Length, maxBytes);
    }
}

/// <summary>
/// Walks what <c>import dailymed</c> was given: an SPL XML file, a label zip (the XML and its images), a
/// DailyMed bulk zip (a zip of label zips), or a folder of any of these, searched recursively. One document
/// is open at a time; a label zip inside a bulk zip is copied out alone (zip entries cannot seek).
/// </summary>
internal static class SplFiles
{
    // Label zips are a few megabytes; one larger than this is spilled to a temp file instead of memory.
    private const long InMemoryZipLimit = 64L << 20;

    // A bulk zip holds label zips; deeper nesting is not a DailyMed shape, and a zip that contains itself never ends.
    private const int MaxZipDepth = 3;

    public static IEnumerable<SplFile> Find(ImportInput input)
    {
        if (input.IsDirectory)
            return FindInFolder(input.Path);
        return input.IsZip() ? FindInTopZip(input) : FindInXmlFile(input);
    }

    private static IEnumerable<SplFile> FindInXmlFile(ImportInput input)
    {
        using var stream = input.OpenRead();
        yield return new SplFile(input.Name, stream, null, IsWholeInput: true, new FolderSiblings(Path.GetDirectoryName(input.Path)!));
    }

    private static IEnumerable<SplFile> FindInTopZip(ImportInput input)
    {
        using var stream = input.OpenRead();
        var (archive, error) = OpenArchive(stream);
        if (archive is null)
            throw new ImportFormatException($"{input.Name} is not a readable zip file: {error}");

        using (archive)
        {
            var (xmlCount, zipCount) = Count(archive);
            if (xmlCount == 0 && zipCount == 0)
                throw new ImportFormatException($"{input.Name} holds no SPL XML file and no label zips: it is not a DailyMed download.");

            // A zip with the XML at its top is one label (with its images); one of zips is a bulk download.
            foreach (var file in FindInArchive(archive, input.Name, isWholeInput: zipCount == 0, depth: 1))
                yield return file;
        }
    }

    private static IEnumerable<SplFile> FindInFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => IsXml(f) || IsZip(f))
            .Select(f => (Path: f, Row: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Row, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new ImportFormatException($"The folder {folder} holds no .xml or .zip files.");

        foreach (var (path, row) in files)
        {
            var (stream, error) = OpenFile(path);
            if (stream is null)
            {
                yield return new SplFile(row, null, $"cannot be read ({error})", IsWholeInput: false);
                continue;
            }

            using (stream)
            {
                IEnumerable<SplFile> found = IsZip(path)
                    ? FindInZip(stream, row, depth: 1)
                    : [new SplFile(row, stream, null, IsWholeInput: false, new FolderSiblings(Path.GetDirectoryName(path)!))];
                foreach (var file in found)
                    yield return file;
            }
        }
    }

    /// <summary>A zip met inside the input (in a folder or a bulk zip): anything wrong with it is that row's problem.</summary>
    private static IEnumerable<SplFile> FindInZip(Stream stream, string row, int depth)
    {
        if (depth > MaxZipDepth)
        {
            yield return new SplFile(row, null, $"zips nested more than {MaxZipDepth} deep are not read", IsWholeInput: false);
            yield break;
        }

        var (archive, error) = OpenArchive(stream);
        if (archive is null)
        {
            yield return new SplFile(row, null, $"not a readable zip file ({error})", IsWholeInput: false);
            yield break;
        }

        using (archive)
        {
            var (xmlCount, zipCount) = Count(archive);
            if (xmlCount == 0 && zipCount == 0)
            {
                yield return new SplFile(row, null, "the zip holds no XML file", IsWholeInput: false);
                yield break;
            }

            foreach (var file in FindInArchive(archive, row, isWholeInput: false, depth))
                yield return file;
        }
    }

    private static IEnumerable<SplFile> FindInArchive(ZipArchive archive, string row, bool isWholeInput, int depth)
    {
        foreach (var entry in archive.Entries)
        {
            var entryRow = $"{row}/{entry.FullName}";
            if (IsXml(entry.FullName))
            {
                var (stream, error) = OpenEntry(entry);
                if (stream is null)
                {
                    yield return new SplFile(entryRow, null, $"cannot be read from the zip ({error})", IsWholeInput: false);
                    continue;
                }

                using (stream)
                    yield return new SplFile(entryRow, stream, null, isWholeInput, new ZipSiblings(archive, entry.FullName));
            }
            else if (IsZip(entry.FullName))
            {
                var (copy, error) = CopyOut(entry);
                if (copy is null)
                {
                    yield return new SplFile(entryRow, null, $"cannot be read from the zip ({error})", IsWholeInput: false);
                    continue;
                }

                using (copy)
                {
                    foreach (var file in FindInZip(copy, entryRow, depth + 1))
                        yield return file;
                }
            }
        }
    }

    private static (int Xml, int Zip) Count(ZipArchive archive) =>
        (archive.Entries.Count(e => IsXml(e.FullName)), archive.Entries.Count(e => IsZip(e.FullName)));

    private static (ZipArchive? Archive, string? Error) OpenArchive(Stream stream)
    {
        try
        {
            return (new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true), null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }

    private static (Stream? Stream, string? Error) OpenFile(string path)
    {
        try
        {
            return (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    private static (Stream? Stream, string? Error) OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return (entry.Open(), null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }

    private static (Stream? Copy, string? Error) CopyOut(ZipArchiveEntry entry)
    {
        Stream? copy = null;
        try
        {
            copy = entry.Length <= InMemoryZipLimit
                ? new MemoryStream((int)entry.Length)
                : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            using (var source = entry.Open())
                source.CopyTo(copy);
            copy.Position = 0;
            return (copy, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            copy?.Dispose();
            return (null, e.Message);
        }
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
