using System.Security.Claims;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>
/// Profiles and medicines made the quick way for tests about something else (the print view, an export): through
/// My Medicine's own services, as the account would through the pages. Tests about adding itself use the pages.
/// </summary>
internal static class MyMedicineFixtures
{
    public static ClaimsPrincipal PrincipalOf(TestAccount account) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(AccountClaims.DisplayNameClaim, account.DisplayName)], "test"));

    public static async Task<Guid> CreateProfileAsync(
        this MedAtlasApp app, TestAccount owner, string name = "Sam", Relationship relationship = Relationship.Child, int? birthYear = 2016,
        Sex sex = Sex.NotStated, bool pregnant = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var list = scope.ServiceProvider.GetRequiredService<MedicineList>();
        var (profile, problems) = await list.CreateProfileAsync(PrincipalOf(owner), new ProfileValues(name, relationship, birthYear, sex, null, pregnant, false), TestContext.Current.CancellationToken);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => p.Message)));
        return profile!.Id;
    }

    /// <summary>Adds a medicine by catalogue slug or name (free text when the catalogue does not know it), as <paramref name="by"/>.</summary>
    public static async Task<Guid> AddMedicineAsync(this MedAtlasApp app, TestAccount by, Guid profileId, string name, MedicineValues? values = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = PrincipalOf(by);
        var access = scope.ServiceProvider.GetRequiredService<ProfileAccess>();
        var list = scope.ServiceProvider.GetRequiredService<MedicineList>();
        var grant = await access.FindAsync(user, profileId, ProfileRole.Manager, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"{by.Email} may not change profile {profileId}.");
        var v = (values ?? Medicine(name)) with { Name = name };
        var (medicine, problems) = await list.AddAsync(grant, v, user, TestContext.Current.CancellationToken);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => p.Message)));
        return medicine!.Id;
    }

    /// <summary>A medicine with only a name; <c>with</c> sets the rest.</summary>
    public static MedicineValues Medicine(string name) =>
        new(name, null, null, null, null, DoseFrequency.NotStated, null, null, null, null, null, null, null, null, null, null, null, null);

    public static async Task AddAllergyAsync(this MedAtlasApp app, Guid profileId, AllergyKind kind, string? target, string name, string? reaction = null) =>
        await app.WithDbAsync(async db =>
        {
            db.Set<ProfileAllergy>().Add(new ProfileAllergy { ProfileId = profileId, Kind = kind, Target = target, Name = name, Reaction = reaction, AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
}
