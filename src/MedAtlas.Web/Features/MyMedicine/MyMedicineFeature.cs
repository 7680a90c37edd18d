using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Accounts.Pages.Settings;
using MedAtlas.Web.Features.MyMedicine.Transfer;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// My Medicine: a family's profiles, each with its medicines, conditions and allergies; safety checks from the
/// interaction checker's engine; refills; caregivers; print, CSV and FHIR. Every profile is loaded through
/// <see cref="ProfileAccess"/>, so another account's request is a 404.
/// </summary>
internal static class MyMedicineFeature
{
    public static WebApplicationBuilder AddMyMedicine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ProfileAccess>();
        services.AddScoped<MedicineSafety>();
        services.AddScoped<MedicineList>();
        services.AddScoped<ProfileDetails>();
        services.AddScoped<Caregivers>();
        services.AddScoped<TakenMedicines>();
        services.AddJob<RefillReminders>(RefillReminders.JobName, TimeSpan.FromHours(1), singleNode: true);
        services.AddScoped<IPersonalDataSource, MyMedicineData>();
        services.AddScoped<ProfileFhirExport>();
        services.AddScoped<IMedicineListReader, FhirMedicineListReader>();
        services.AddSingleton<IWarmable, FhirModelWarmup>();
        services.AddSingleton<IAccountSection, MyMedicineAccountSection>();
        services.AddSiteArea(new SiteArea("My Medicine", "/my",
            "Keep your family's medicine lists, see interactions as you add a medicine, and print the list for the doctor.", 50));
        services.AddSingleton<IMedicineListReader, CsvMedicineListReader>();
        services.AddScoped<MedicineImport>();
        return builder;
    }

    public static WebApplication MapMyMedicine(this WebApplication app)
    {
        app.MapFhirExport();
        app.MapCsvExport();
        // The personal API: the cookie or a personal access token (PersonalApi). Endpoints of this feature under
        // /api/v1/my go on this group, so none is left cookie-only or open.
        app.MapApiV1("my", "My Medicine").RequirePersonalApi().MapMyMedicineApi();
        return app;
    }
}

internal sealed class MyMedicineAccountSection : IAccountSection
{
    public int Order => 10;

    public string Title => "My Medicine";

    public string Summary => "Your family's medicine lists, with interaction checks, refill dates and a list to print.";

    public string Path => "/my";
}
