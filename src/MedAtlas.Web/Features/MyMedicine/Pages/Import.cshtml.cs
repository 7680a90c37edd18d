using MedAtlas.Web.Features.MyMedicine.Transfer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

/// <summary>
/// Import a medicine list file into a profile: upload, see row by row what would be added, then confirm. The file
/// rides from the preview to the confirmation sealed in a hidden field (<see cref="MedicineImport.Seal"/>), so the
/// person does not upload it twice and the server trusts nothing the browser sends back. Managers and the owner only.
/// </summary>
[Authorize]
[RequestSizeLimit(MedicineImport.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MedicineImport.RequestLimit, ValueLengthLimit = MedicineImport.SealedValueLimit)]
internal sealed class ImportModel(ProfileAccess access, MedicineImport import, TimeProvider time) : PageModel
{
    public Profile Profile { get; private set; } = null!;

    public ImportPreview? Preview { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>Set when a confirmation found the list changed since its preview, which is then shown again.</summary>
    public string? Notice { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The previewed file, sealed; the confirming POST sends it back.</summary>
    [BindProperty]
    public string? Sealed { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken);
        if (grant is null)
            return NotFound();
        Profile = grant.Profile;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken);
        if (grant is null)
            return NotFound();
        Profile = grant.Profile;
        Sealed = null;
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV or FHIR file to import.");
            return Page();
        }

        if (Upload.Length > IMedicineListReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), MedicineImport.TooLarge(Upload.Length));
            return Page();
        }

        var content = new byte[Upload.Length];
        await using (var upload = Upload.OpenReadStream())
            await upload.ReadExactlyAsync(content, cancellationToken);
        await ShowPreviewAsync(grant, Path.GetFileName(Upload.FileName), content, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken);
        if (grant is null)
            return NotFound();
        Profile = grant.Profile;
        if (import.Open(grant, Sealed) is not { } file)
        {
            Sealed = null;
            ModelState.AddModelError(nameof(Upload), $"This preview is more than {MedicineImport.PreviewLifetime.TotalMinutes:0} minutes old, or was not made on this page. Upload the file again.");
            return Page();
        }

        if (await import.ListVersionAsync(grant, cancellationToken) != file.ListVersion)
        {
            Notice = $"{Profile.Name}'s list changed since this preview (perhaps it was already added). Nothing new was saved: check the rows again before adding them.";
            await ShowPreviewAsync(grant, file.FileName, file.Content, cancellationToken);
            return Page();
        }

        var (added, problems) = await import.ImportAsync(grant, file.FileName, file.Content, User, cancellationToken);
        if (problems.Count > 0)
        {
            Sealed = null;
            foreach (var p in problems)
                ModelState.AddModelError(nameof(Upload), p.Message);
            return Page();
        }

        return Redirect($"/my/profiles/{profileId}?imported={added}");
    }

    /// <summary>"Row 4: the dose …" shown in the row of a table that already says which row it is.</summary>
    public static string WithoutRowPrefix(PreviewRow row) =>
        row.Problem is { } p && p.StartsWith($"Row {row.Row}: ", StringComparison.Ordinal) ? p[$"Row {row.Row}: ".Length..] : row.Problem ?? "";

    private async Task ShowPreviewAsync(ProfileGrant grant, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        FileName = fileName.Length > 200 ? fileName[..200] : fileName;
        var version = await import.ListVersionAsync(grant, cancellationToken);
        Preview = await import.PreviewAsync(grant, FileName, content, cancellationToken);
        if (Preview.FileProblem is { } problem)
            ModelState.AddModelError(nameof(Upload), problem);
        else if (Preview.Bad > 0)
            ModelState.AddModelError(nameof(Upload), $"{Count(Preview.Bad, "row has", "rows have")} problems (see the table below). Nothing has been added: fix {(Preview.Bad == 1 ? "it" : "them")} in the file and upload it again.");
        else if (Preview.CanImport)
            Sealed = import.Seal(grant, new SealedFile(FileName, version, content), time.GetUtcNow());
    }

    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
