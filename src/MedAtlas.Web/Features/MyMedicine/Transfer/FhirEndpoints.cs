using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// A profile's FHIR R4 document: as a download for the page's "Export FHIR" link, and from the API. Both load the
/// profile through <see cref="ProfileAccess"/>, so anyone but its owner and caregivers gets 404; a caregiver's
/// export goes into the profile's access log.
/// </summary>
internal static class FhirEndpoints
{
    public static WebApplication MapFhirExport(this WebApplication app)
    {
        app.MapGet("/my/profiles/{profileId:guid}/export/fhir", DownloadAsync)
            .RequireAuthorization()
            .WithName("DownloadProfileFhir")
            .ExcludeFromDescription();

        app.MapApiV1("my/profiles/{profileId:guid}", "My Medicine")
            .RequirePersonalApi()
            .MapGet("/fhir", ExportAsync)
            .WithName("ExportProfileFhir")
            .WithSummary("Export a profile as a FHIR R4 document Bundle")
            .WithDescription("An International Patient Summary-style document (application/fhir+json): a Composition, the Patient, " +
                "one MedicationStatement per medicine (RxNorm-coded where the catalogue knows the ingredient's RxCUI, always with its name as text), " +
                "and the profile's allergies and conditions. 404 for a profile that is not yours or shared with you.")
            .Produces(StatusCodes.Status200OK, contentType: ProfileFhirExport.MediaType)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid profileId, HttpContext context, ProfileAccess access, ProfileFhirExport export, TimeProvider time, CancellationToken cancellationToken)
    {
        var bytes = await ExportBytesAsync(profileId, context, access, export, cancellationToken);
        if (bytes is null)
            return TypedResults.NotFound();
        return TypedResults.File(bytes.Value.Bytes, ProfileFhirExport.MediaType, ProfileFhirExport.FileName(bytes.Value.Profile, time.GetUtcNow()));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(
        Guid profileId, HttpContext context, ProfileAccess access, ProfileFhirExport export, CancellationToken cancellationToken)
    {
        var bytes = await ExportBytesAsync(profileId, context, access, export, cancellationToken);
        return bytes is null ? TypedResults.NotFound() : TypedResults.File(bytes.Value.Bytes, ProfileFhirExport.MediaType);
    }

    private static async Task<(byte[] Bytes, Profile Profile)?> ExportBytesAsync(
        Guid profileId, HttpContext context, ProfileAccess access, ProfileFhirExport export, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(context.User, profileId, ProfileRole.Viewer, cancellationToken);
        if (grant is null)
            return null;
        var bundle = await export.BuildAsync(grant, cancellationToken);
        await access.RecordAsync(grant, context.User, "exported", "Exported the list as FHIR", save: true, cancellationToken);
        return (ProfileFhirExport.Serialize(bundle), grant.Profile);
    }
}
