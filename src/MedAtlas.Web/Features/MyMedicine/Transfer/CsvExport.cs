using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary><c>GET /my/profiles/{profileId}/export/csv</c>: the profile's medicines as a CSV download (<see cref="CsvMedicineList"/>).</summary>
internal static class CsvExport
{
    public const string Route = "/my/profiles/{profileId:guid}/export/csv";

    public static IEndpointConventionBuilder MapCsvExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Route, DownloadAsync)
            .RequireAuthorization()
            .WithName("MyMedicineCsvExport")
            // A download for people on the site, not part of the JSON API.
            .ExcludeFromDescription();

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid profileId, ClaimsPrincipal user, ProfileAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await access.FindAsync(user, profileId, ProfileRole.Viewer, cancellationToken);
        if (grant is null)
            return TypedResults.NotFound();
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        await access.RecordAsync(grant, user, "exported", "Downloaded the list as CSV", save: true, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.File(CsvMedicineList.Write(medicines), CsvMedicineList.ContentType, CsvMedicineList.FileName(grant.Profile.Name, today));
    }
}
