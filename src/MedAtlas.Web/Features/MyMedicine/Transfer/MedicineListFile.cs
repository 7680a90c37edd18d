namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// One medicine read from a file: its values, or why that row cannot be used. <see cref="Row"/> counts from 1 as a
/// person would (a CSV line, a Bundle entry). <see cref="Status"/> is null for a medicine taken now.
/// </summary>
internal sealed record ReadMedicine(int Row, MedicineValues? Values, string? Problem, ReadStatus? Status = null);

/// <summary>A paused or stopped medicine as the file says it: an import keeps it so, rather than making it active again.</summary>
internal sealed record ReadStatus(MedicineStatus Status, DateOnly? StoppedOn, string? Reason);

/// <summary>What a medicine-list file held; <see cref="FileProblem"/> is set when the file as a whole cannot be read (not FHIR, wrong columns, too big).</summary>
internal sealed record MedicineListFile(string Format, IReadOnlyList<ReadMedicine> Rows, string? FileProblem)
{
    public static MedicineListFile Refused(string format, string problem) => new(format, [], problem);

    /// <summary>The whole file, or null as soon as it passes <see cref="IMedicineListReader.MaxBytes"/> (the rest is never read).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > IMedicineListReader.MaxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// A format a medicine list can be imported from (CSV, FHIR R4). The import page offers every registered reader;
/// each reads the whole file (bounded by <see cref="MaxBytes"/>) and never throws for bad input.
/// </summary>
internal interface IMedicineListReader
{
    /// <summary>"CSV", "FHIR R4".</summary>
    string Format { get; }

    /// <summary>Whether this reader should read a file with this name and first bytes.</summary>
    bool Recognises(string fileName, ReadOnlySpan<byte> head);

    Task<MedicineListFile> ReadAsync(Stream file, CancellationToken cancellationToken);

    /// <summary>A medicine list is small; a file larger than this is refused unread.</summary>
    public const int MaxBytes = 1024 * 1024;
}
