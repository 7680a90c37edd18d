using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>A row of the preview: what it adds, or its problem.</summary>
internal sealed record PreviewRow(int Row, string? Adds, bool InCatalogue, string? Status, string? Problem);

/// <summary>
/// What an uploaded file would add. <see cref="FileProblem"/> is set when the file as a whole cannot be used (its
/// format, its size, a list that would not fit); otherwise <see cref="Rows"/> says row by row.
/// </summary>
internal sealed record ImportPreview(string Format, IReadOnlyList<PreviewRow> Rows, string? FileProblem)
{
    public int Good => Rows.Count(r => r.Problem is null);

    public int Bad => Rows.Count(r => r.Problem is not null);

    /// <summary>All or nothing: one bad row holds the whole file back (docs/architecture.md, "Taking the list along").</summary>
    public bool CanImport => FileProblem is null && Rows.Count > 0 && Bad == 0;
}

/// <summary>
/// Importing a medicine list file into a profile, in two steps: <see cref="PreviewAsync"/> reads it with the reader
/// that recognises it and saves nothing; the page then carries the file itself to the confirming POST, sealed by
/// <see cref="Seal"/> (Data Protection, bound to the profile and the account, valid for <see cref="PreviewLifetime"/>),
/// and <see cref="ImportAsync"/> reads it again and adds every medicine or none.
/// </summary>
internal sealed class MedicineImport(
    IEnumerable<IMedicineListReader> readers, MedicineList list, ProfileAccess access, MedAtlasDbContext db, IDataProtectionProvider protection)
{
    public const string KnownFormats = "MedAtlas reads CSV and FHIR R4 (JSON) files.";

    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The import page's request limit. A body over the limit fails before the page runs (anti-forgery cannot read the
    /// form: a bare 400), so the limit sits well above <see cref="IMedicineListReader.MaxBytes"/>: a file of up to
    /// 12 MB, the 10 MB of junk a person might pick by mistake included, is read and refused beside the field.
    /// </summary>
    public const long RequestLimit = 12 * 1024 * 1024;

    /// <summary>The sealed file in a form field: base64url of the protected, gzipped file, at most about 1.4 times the file.</summary>
    public const int SealedValueLimit = IMedicineListReader.MaxBytes * 2;

    public static string TooLarge(long bytes) =>
        $"This file is {bytes / 1024.0 / 1024.0:0.0} MB; MedAtlas imports files up to {IMedicineListReader.MaxBytes / 1024 / 1024} MB. A medicine list is a few kilobytes: is this the right file?";

    public async Task<ImportPreview> PreviewAsync(ProfileGrant grant, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var file = await ReadAsync(fileName, content, cancellationToken);
        if (file.FileProblem is not null)
            return new ImportPreview(file.Format, [], file.FileProblem);

        var count = await db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == grant.Profile.Id, cancellationToken);
        if (count + file.Rows.Count > MedicineRules.MaxMedicinesPerProfile)
        {
            return new ImportPreview(file.Format, [],
                $"This file lists {file.Rows.Count} medicines and {grant.Profile.Name}'s list has {count}; a profile keeps at most {MedicineRules.MaxMedicinesPerProfile} (with stopped ones). " +
                "Delete stopped medicines you no longer need, or import fewer.");
        }

        var rows = new List<PreviewRow>();
        foreach (var row in file.Rows)
        {
            if (row.Values is null)
            {
                rows.Add(new PreviewRow(row.Row, null, false, null, row.Problem ?? $"Row {row.Row} cannot be read."));
                continue;
            }

            // The same resolution the save does, so the preview says which names the catalogue knows (and checks).
            var (clean, drug, problems) = await list.PrepareAsync(row.Values, cancellationToken);
            if (problems.Count > 0)
            {
                rows.Add(new PreviewRow(row.Row, null, false, null, $"Row {row.Row}: {string.Join(" ", problems.Select(p => p.Message))}"));
                continue;
            }

            var adds = string.Join(", ", new[]
            {
                clean.Strength is null ? clean.Name! : $"{clean.Name} {clean.Strength}",
                MedicineRules.DoseText(clean.DoseAmount, clean.DoseUnit, clean.Frequency, clean.FrequencyCount),
            }.Where(s => s.Length > 0));
            rows.Add(new PreviewRow(row.Row, adds, drug is not null, StatusText(row.Status), null));
        }

        return new ImportPreview(file.Format, rows, null);
    }

    /// <summary>Adds every medicine of the file, paused and stopped ones as such, in one transaction; nothing when any row or the list's limit says no.</summary>
    public async Task<(int Added, List<FieldProblem> Problems)> ImportAsync(
        ProfileGrant grant, string fileName, byte[] content, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var file = await ReadAsync(fileName, content, cancellationToken);
        if (file.FileProblem is { } fileProblem)
            return (0, [new FieldProblem("File", fileProblem)]);
        if (file.Rows.FirstOrDefault(r => r.Values is null) is { } bad)
            return (0, [new FieldProblem("File", bad.Problem ?? $"Row {bad.Row} cannot be read.")]);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (added, problems) = await list.AddManyAsync(grant, [.. file.Rows.Select(r => r.Values!)], user, $"Imported from a {file.Format} file", cancellationToken);
        if (problems.Count > 0)
            return (0, problems);

        for (var i = 0; i < added.Count; i++)
        {
            if (file.Rows[i].Status is not { } status)
                continue;
            var statusProblems = await list.SetStatusAsync(grant, added[i], status.Status, status.StoppedOn, status.Reason, user, cancellationToken);
            if (statusProblems.Count > 0)
                return (0, [.. statusProblems.Select(p => p with { Message = $"Row {file.Rows[i].Row}: {p.Message}" })]);
        }

        await transaction.CommitAsync(cancellationToken);
        return (added.Count, []);
    }

    /// <summary>Changes whenever a medicine is added, changed or removed: a preview made before such a change is shown again rather than saved (a second click on "Add" would add the list twice).</summary>
    public async Task<string> ListVersionAsync(ProfileGrant grant, CancellationToken cancellationToken)
    {
        var stamps = await access.MedicinesAsync(grant, cancellationToken);
        var latest = stamps.Count == 0 ? 0 : stamps.Max(m => m.UpdatedAt.Ticks);
        return $"{stamps.Count}:{latest}";
    }

    /// <summary>The file as a form value only this person, for this profile, can open again within <see cref="PreviewLifetime"/>.</summary>
    public string Seal(ProfileGrant grant, SealedFile file, DateTimeOffset now)
    {
        using var packed = new MemoryStream();
        using (var writer = new BinaryWriter(new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)))
        {
            writer.Write(file.FileName);
            writer.Write(file.ListVersion);
            writer.Write(file.Content.Length);
            writer.Write(file.Content);
        }

        return WebEncoders.Base64UrlEncode(Protector(grant).Protect(packed.ToArray(), now + PreviewLifetime));
    }

    /// <summary>The sealed file, or null when the value was changed, made for another profile or person, or is too old.</summary>
    public SealedFile? Open(ProfileGrant grant, string? sealedValue)
    {
        if (string.IsNullOrEmpty(sealedValue))
            return null;
        try
        {
            var packed = Protector(grant).Unprotect(WebEncoders.Base64UrlDecode(sealedValue), out _);
            using var reader = new BinaryReader(new GZipStream(new MemoryStream(packed), CompressionMode.Decompress));
            var name = reader.ReadString();
            var version = reader.ReadString();
            var length = reader.ReadInt32();
            return length is < 0 or > IMedicineListReader.MaxBytes ? null : new SealedFile(name, version, reader.ReadBytes(length));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector(ProfileGrant grant) =>
        protection.CreateProtector("MedAtlas.MyMedicine.Import", grant.Profile.Id.ToString(), grant.AccountId).ToTimeLimitedDataProtector();

    private async Task<MedicineListFile> ReadAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length > IMedicineListReader.MaxBytes)
            return MedicineListFile.Refused("", TooLarge(content.Length));
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        IMedicineListReader? chosen = null;
        foreach (var reader in readers)
        {
            if (reader.Recognises(fileName, head))
            {
                chosen = reader;
                break;
            }
        }

        if (chosen is null)
            return MedicineListFile.Refused("", $"MedAtlas cannot read this file. {KnownFormats} Export the list from your other app in one of those, and upload it again.");
        using var stream = new MemoryStream(content, writable: false);
        return await chosen.ReadAsync(stream, cancellationToken);
    }

    private static string? StatusText(ReadStatus? status) => status switch
    {
        null => null,
        { Status: MedicineStatus.Paused } => "paused",
        { StoppedOn: { } on } => $"stopped {on.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
        _ => "stopped",
    };
}

/// <summary>An uploaded file between the preview and the confirmation: its name (which picks the reader), the list's version at the preview, and its bytes.</summary>
internal sealed record SealedFile(string FileName, string ListVersion, byte[] Content);
