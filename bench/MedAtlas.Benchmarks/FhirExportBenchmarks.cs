using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Features.MyMedicine.Transfer;
using MedAtlas.Web.Infrastructure.Commands;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// Issue 9's FHIR export of a profile with 30 active medicines: what the download endpoint does after sign-in (load the
/// profile through ProfileAccess, its medicines and their RxCUIs, build the Bundle, serialize it). Runs on its own
/// fresh SQLite folder with the starter catalogue, and the real UNII-RxNorm crosswalk when ../shared/data has it, so it
/// needs no bench/prepare.sh.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class FhirExportBenchmarks
{
    private const string Crosswalk = "unii-rxnorm-crosswalk/FDA_RXNORM_DRUGBANK_CHEBI_COMBINED_MAPPING_04042014_TRIADS.tsv";

    private ScratchApp app = null!;
    private ClaimsPrincipal owner = null!;
    private Guid profileId;
    private Profile loaded = null!;
    private List<SavedMedicine> loadedMedicines = [];
    private IReadOnlyDictionary<string, string> loadedCodes = new Dictionary<string, string>();

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        app = new ScratchApp();
        app.CreateClient().Dispose();
        if (SharedCrosswalk() is { } crosswalk)
            await AppCommands.RunAsync(app.Services, ["import", "rxnorm-ingredients", crosswalk], TextWriter.Null, CancellationToken.None);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = "bench@example.org", Email = "bench@example.org", EmailConfirmed = true, DisplayName = "Bench", CreatedAt = DateTime.UtcNow };
        await users.CreateAsync(account);
        owner = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(AccountClaims.DisplayNameClaim, "Bench")], "bench"));

        var list = scope.ServiceProvider.GetRequiredService<MedicineList>();
        var (profile, _) = await list.CreateProfileAsync(owner, new ProfileValues("Dad", Relationship.Parent, 1948, Sex.Male, 80, false, false), CancellationToken.None);
        profileId = profile!.Id;
        var grant = await scope.ServiceProvider.GetRequiredService<ProfileAccess>().FindAsync(owner, profileId, ProfileRole.Owner, CancellationToken.None);
        var medicines = InteractionCheckBenchmarks.ThirtyMedicines.Select((name, i) => new MedicineValues(
            name, null, "10 mg", 1, "tablet", DoseFrequency.TimesADay, 1 + (i % 3), "by mouth", new DateOnly(2024, 1, 1).AddDays(i),
            null, null, null, null, 30, 30, null, null, "Take with water.")).ToList();
        var (added, problems) = await list.AddManyAsync(grant!, medicines, owner, "Added", CancellationToken.None);
        if (added.Count != 30)
            throw new InvalidOperationException("The 30 medicines were not added: " + string.Join("; ", problems.Select(p => p.Message)));
        loaded = grant!.Profile;
        loadedMedicines = await scope.ServiceProvider.GetRequiredService<ProfileAccess>().MedicinesAsync(grant, CancellationToken.None);
        loadedCodes = await scope.ServiceProvider.GetRequiredService<MedAtlas.Web.Features.Drugs.DrugCodes>()
            .RxCuiForAsync(loadedMedicines.Select(m => m.DrugSlug).OfType<string>(), CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => app.Dispose();

    [Benchmark]
    public int ExportThirty()
    {
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<ProfileAccess>();
        var export = scope.ServiceProvider.GetRequiredService<ProfileFhirExport>();
        var grant = access.FindAsync(owner, profileId, ProfileRole.Viewer, CancellationToken.None).GetAwaiter().GetResult()!;
        var bundle = export.BuildAsync(grant, CancellationToken.None).GetAwaiter().GetResult();
        return ProfileFhirExport.Serialize(bundle).Length;
    }

    /// <summary>The same without the database: building the Bundle and writing its JSON.</summary>
    [Benchmark]
    public int BuildAndSerializeOnly() =>
        ProfileFhirExport.Serialize(ProfileFhirExport.Build(loaded, loadedMedicines, loadedCodes, DateTimeOffset.UtcNow)).Length;

    private static string? SharedCrosswalk()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", Crosswalk);
            if (File.Exists(Path.Combine(dir.FullName, "MedAtlas.slnx")))
                return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
        }

        return null;
    }

    /// <summary>The app in Production on a fresh SQLite folder of its own, deleted afterwards.</summary>
    private sealed class ScratchApp : WebApplicationFactory<Program>
    {
        private readonly string folder = Directory.CreateTempSubdirectory("medatlas-bench-fhir-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("MedAtlas:DataDirectory", folder);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            // The factory's DisposeAsync and Dispose both end up here.
            if (disposing && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
