using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>Set-up for the print, card and CSV tests, through My Medicine's services as a person's changes would go.</summary>
internal static class TakeAlongFixtures
{
    public static async Task SetStatusAsync(this MedAtlasApp app, TestAccount by, Guid profileId, Guid medicineId, MedicineStatus status, DateOnly? on, string? reason)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = MyMedicineFixtures.PrincipalOf(by);
        var access = scope.ServiceProvider.GetRequiredService<ProfileAccess>();
        var grant = (await access.FindAsync(user, profileId, ProfileRole.Manager, TestContext.Current.CancellationToken))!;
        var medicine = (await access.MedicineAsync(grant, medicineId, TestContext.Current.CancellationToken))!;
        var problems = await scope.ServiceProvider.GetRequiredService<MedicineList>().SetStatusAsync(grant, medicine, status, on, reason, user, TestContext.Current.CancellationToken);
        Assert.Empty(problems);
    }
}
