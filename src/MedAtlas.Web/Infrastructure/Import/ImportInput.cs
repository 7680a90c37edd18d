namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>The path given to <c>import</c>: a file (plain, gzip or zip) or a folder.</summary>
internal sealed class ImportInput
{
    private ImportInput(string path, bool isDirectory)
    {
        Path = path;
        IsDirectory = isDirectory;
    }

    public string Path { get; }

    public bool IsDirectory { get; }

    public string Name => System.IO.Path.GetFileName(Path.TrimEnd('/', '\\'));

    /// <summary>Checks the path exists and can be read; the message says what is wrong in words a user acts on.</summary>
    public static ImportInput Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            return new ImportInput(full, isDirectory: true);

        if (!File.Exists(full))
            throw new ImportFormatException($"No file or folder at {full}.");

        try
        {
            using var probe = File.OpenRead(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFormatException($"Cannot read {full}: {e.Message}");
        }

        return new ImportInput(full, isDirectory: false);
    }

    public Stream OpenRead() => IsDirectory
        ? throw new ImportFormatException($"{Path} is a folder; this source reads a single file.")
        : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Zip files start with "PK\x03\x04" (or "PK\x05\x06" when empty).</summary>
    public bool IsZip() => StartsWith(0x50, 0x4B);

    public bool IsGzip() => StartsWith(0x1F, 0x8B);

    private bool StartsWith(byte first, byte second)
    {
        if (IsDirectory)
            return false;

        Span<byte> head = stackalloc byte[2];
        using var stream = File.OpenRead(Path);
        return stream.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == first && head[1] == second;
    }
}
