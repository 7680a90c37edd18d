using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.DataSync;
using MedAtlas.Web.Features.Drugs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.DataSync;

/// <summary>
/// <c>sync</c> against a local server that serves the real Drugs@FDA and DailyMed files (and small hand-made ones
/// for the faults): conditional requests, a dropped connection, a corrupted zip, a 404 and a 500. Each test
/// publishes its own version of a file, so none depends on what another left behind.
/// </summary>
public sealed class SyncCommandTests(SyncCommandTests.SyncApp app) : IClassFixture<SyncCommandTests.SyncApp>
{
    private const string DrugsAtFdaPath = "media/89850/download";
    private const string DailyMedPath = "public-release-files/dm_spl_release_human_rx_part1.zip";
    private const string ManifestPath = "download.json";
    private const string EnforcementPath = "drug/enforcement/drug-enforcement-0001-of-0001.json.zip";
    private const string Icd10Path = "icd10cm/codes.csv";

    /// <summary>The app with every source pointed at the stub; the job host off, so only the command syncs.</summary>
    public sealed class SyncApp : MedAtlasApp
    {
        internal SyncStubServer Stub { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            Stub = await SyncStubServer.StartAsync();
            WithSetting("Jobs:Enabled", "false");
            WithSetting("MedAtlas:Sync:Sources:drugsatfda:Url", Stub.Url(DrugsAtFdaPath));
            WithSetting("MedAtlas:Sync:Sources:dailymed:Url", Stub.Url(DailyMedPath));
            WithSetting("MedAtlas:Sync:Sources:dailymed:ChecksumSuffix", ".md5");
            WithSetting("MedAtlas:Sync:Sources:openfda-enforcement:Url", Stub.Url(ManifestPath));
            WithSetting("MedAtlas:Sync:Sources:icd10cm:Url", Stub.Url(Icd10Path));
            await base.InitializeAsync();
            CreateClient().Dispose();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Stub.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SyncStubServer Server => app.Stub;

    private string Downloads(string source) => Path.Combine(app.Database.DataDirectory, "downloads", source);

    private async Task<(int ExitCode, string Output)> SyncAsync(params string[] sources)
    {
        var (exitCode, output) = await app.RunCommandAsync(["sync", .. sources]);
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        return (exitCode, output);
    }

    private async Task<string> AdminPageAsync()
    {
        var admin = await app.CreateAccountAsync("sync-admin-{n}@example.org", "Sam Sync", roles: StaffRoles.Admin);
        using var client = await app.SignInAsync(admin);
        return Html.Text(await client.GetStringAsync("/admin/data", Ct));
    }

    [Fact]
    public async Task Drugs_at_FDA_is_downloaded_and_imported_and_the_second_sync_is_a_304_that_imports_nothing()
    {
        var file = SharedData.Require("fda-drugsatfda/drugsatfda20190702.zip");
        var etag = Server.Serve(DrugsAtFdaPath, await File.ReadAllBytesAsync(file, Ct));

        var (exitCode, output) = await SyncAsync("drugsatfda");

        Assert.Equal(0, exitCode);
        Assert.Contains("Downloading drugsatfda.zip (3,239,611 bytes)", output, StringComparison.Ordinal);
        Assert.Contains("Downloaded drugsatfda.zip: 3,239,611 bytes", output, StringComparison.Ordinal);
        Assert.Contains("Import of drugsatfda from drugsatfda.zip finished", output, StringComparison.Ordinal);
        Assert.Contains("Sync of drugsatfda (download): imported; 39,468 added, 0 updated, 0 unchanged, 5 rejected", output, StringComparison.Ordinal);
        using var client = app.CreateClient();
        Assert.Contains("Lipitor", Html.Text(await client.GetStringAsync("/drugs/atorvastatin", Ct)), StringComparison.Ordinal);
        // Imported, so not kept.
        Assert.Empty(Directory.EnumerateFiles(Downloads("drugsatfda")));

        var (again, secondOutput) = await SyncAsync("drugsatfda");

        Assert.Equal(0, again);
        Assert.Contains("drugsatfda.zip: not modified since the last import (HTTP 304); nothing to import", secondOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Importing", secondOutput, StringComparison.Ordinal);
        var last = Server.RequestsFor(DrugsAtFdaPath)[^1];
        Assert.Equal((etag, 304), (last.IfNoneMatch, last.Status));
        Assert.NotNull(last.IfModifiedSince);
        Assert.Equal(39_468, await app.WithDbAsync(db => db.Set<DrugProduct>().CountAsync(Ct)));
        var page = await AdminPageAsync();
        Assert.Contains("Unchanged (not modified on the server)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DailyMed_bulk_zip_of_label_zips_is_checked_against_its_MD5_and_imported()
    {
        // The 27 prescription labels of the 2014 Pillbox download (../shared/data/dailymed-spl-zips/SOURCE.md).
        var labels = SharedData.Require("dailymed-spl-zips/prescription");
        var bulk = BulkZip(labels);
#pragma warning disable CA5351 // DailyMed's published checksums are MD5.
        var md5 = Convert.ToHexStringLower(MD5.HashData(bulk));
#pragma warning restore CA5351
        Server.Serve(DailyMedPath, bulk);
        Server.Serve(DailyMedPath + ".md5", Encoding.ASCII.GetBytes($"{new string('0', 32)}  dm_spl_release_human_rx_part1.zip\n"));

        var (refused, refusedOutput) = await SyncAsync("dailymed");

        Assert.Equal(1, refused);
        Assert.Contains($"dm_spl_release_human_rx_part1.zip has MD5 {md5}, but", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("it was discarded and nothing was imported", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Importing", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DrugLabel>().CountAsync(Ct)));

        Server.Serve(DailyMedPath + ".md5", Encoding.ASCII.GetBytes($"{md5}  dm_spl_release_human_rx_part1.zip\n"));
        var (exitCode, output) = await SyncAsync("dailymed");

        Assert.Equal(0, exitCode);
        Assert.Contains("Import of dailymed from dm_spl_release_human_rx_part1.zip finished", output, StringComparison.Ordinal);
        Assert.Matches(@"read\s+27\b", output);
        Assert.Contains("Sync of dailymed (dm_spl_release_human_rx_part1.zip): imported; 27 added, 0 updated, 0 unchanged, 0 rejected", output, StringComparison.Ordinal);
        Assert.Equal(27, await app.WithDbAsync(db => db.Set<DrugLabel>().CountAsync(Ct)));
        var page = await AdminPageAsync();
        Assert.Contains("dm_spl_release_human_rx_part1.zip Imported 27 0 0 0", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_download_is_resumed_by_the_next_sync_with_a_Range()
    {
        var version = Icd10Csv("U1", "resumed");
        var etag = Server.Serve(Icd10Path, version);
        Server.Fault(Icd10Path, SyncFault.Drop(50_000));

        var (failed, failedOutput) = await SyncAsync("icd10cm");

        Assert.Equal(1, failed);
        Assert.Contains($"the download of codes.csv broke off after 50,000 of {version.Length:N0} bytes", failedOutput, StringComparison.Ordinal);
        Assert.Contains("the part is kept and the next sync resumes from there", failedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Importing", failedOutput, StringComparison.Ordinal);
        Assert.Equal(50_000, new FileInfo(Path.Combine(Downloads("icd10cm"), "codes.csv.partial")).Length);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/conditions/icd10/U1001", Ct)).StatusCode);

        var (exitCode, output) = await SyncAsync("icd10cm");

        Assert.Equal(0, exitCode);
        Assert.Contains($"Resuming codes.csv at 50,000 of {version.Length:N0} bytes", output, StringComparison.Ordinal);
        Assert.Contains($"({version.Length - 50_000:N0} in this run, resumed)", output, StringComparison.Ordinal);
        Assert.Contains("Sync of icd10cm (codes.csv): imported; 3,000 added", output, StringComparison.Ordinal);
        var resumed = Server.RequestsFor(Icd10Path)[^1];
        Assert.Equal(("bytes=50000-", etag, 206), (resumed.Range, resumed.IfRange, resumed.Status));
        Assert.Contains("Sync test condition resumed 1", await client.GetStringAsync("/api/v1/conditions/icd10/U1001", Ct), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Downloads("icd10cm")));
    }

    [Fact]
    public async Task A_404_and_a_500_fail_with_the_status_and_leave_the_imported_codes_as_they_were()
    {
        Server.Serve(Icd10Path, Icd10Csv("U2", "before"));
        Assert.Equal(0, (await SyncAsync("icd10cm")).ExitCode);
        Server.Serve(Icd10Path, Icd10Csv("U2", "after"));

        foreach (var (fault, status) in new[] { (SyncFault.NotFound(), "404 Not Found"), (SyncFault.ServerError(), "500 Internal Server Error") })
        {
            Server.Fault(Icd10Path, fault);

            var (exitCode, output) = await SyncAsync("icd10cm");

            Assert.Equal(1, exitCode);
            Assert.Contains($"Sync of icd10cm (codes.csv) failed: {Server.Url(Icd10Path)} answered {status}", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Importing", output, StringComparison.Ordinal);
            using var client = app.CreateClient();
            Assert.Contains("Sync test condition before 7", await client.GetStringAsync("/api/v1/conditions/icd10/U2007", Ct), StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(Downloads("icd10cm")));
            Assert.Contains($"Download failed", await AdminPageAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_corrupted_zip_is_refused_before_the_importer_and_the_recalls_imported_before_stay()
    {
        Server.Serve(ManifestPath, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["results"] = new JsonObject { ["drug"] = new JsonObject { ["enforcement"] = new JsonObject
            {
                ["partitions"] = new JsonArray(new JsonObject { ["file"] = Server.Url(EnforcementPath), ["records"] = 8 }),
            } } },
        }.ToJsonString()));
        Server.Serve(EnforcementPath, JsonZip(SharedData.Fixture("openfda-enforcement", "recalls.json")));
        var (exitCode, output) = await SyncAsync("openfda-enforcement");
        Assert.True(exitCode == 0, output);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alerts/D-0101-2024", Ct)).StatusCode);

        var corrupted = JsonZip(SharedData.Fixture("openfda-enforcement", "recalls-later.json"));
        corrupted[corrupted.Length / 2] ^= 0xFF;
        Server.Serve(EnforcementPath, corrupted);

        var (refused, refusedOutput) = await SyncAsync("openfda-enforcement");

        Assert.Equal(1, refused);
        Assert.Contains("drug-enforcement-0001-of-0001.json.zip is not a whole zip (entry drug-enforcement-0001-of-0001.json fails its CRC check); it was discarded and nothing was imported", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Importing", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alerts/D-0101-2024", Ct)).StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Downloads("openfda-enforcement")));
        var page = await AdminPageAsync();
        Assert.Contains("Refused before import", page, StringComparison.Ordinal);
        Assert.Contains("fails its CRC check", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_now_on_admin_data_asks_the_job_and_an_unknown_source_is_a_one_line_error()
    {
        var admin = await app.CreateAccountAsync("sync-now-{n}@example.org", "Nora Now", roles: StaffRoles.Admin);
        using var client = await app.SignInAsync(admin);

        var page = Html.Text(await client.GetStringAsync("/admin/data", Ct));
        var asked = await client.PostFormAsync("/admin/data", new() { ["source"] = "icd10cm" }, "/admin/data?handler=Sync");
        var unknown = await client.PostFormAsync("/admin/data", new() { ["source"] = "medlineplus" }, "/admin/data?handler=Sync");

        Assert.Contains("drugsatfda", page, StringComparison.Ordinal);
        Assert.Contains("openfda-enforcement", page, StringComparison.Ordinal);
        Assert.Contains("Schedule Off: only when asked", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/admin/data?requested=icd10cm", asked.RedirectPathAndQuery());
        Assert.Contains("Sync of icd10cm asked for", Html.Text(await client.GetStringAsync("/admin/data?requested=icd10cm", Ct)), StringComparison.Ordinal);
        Assert.Equal(["icd10cm"], await app.WithDbAsync(db => db.Set<SyncRequest>().Select(r => r.Source).ToListAsync(Ct)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var (exitCode, output) = await SyncAsync("medlineplus");
        Assert.Equal(2, exitCode);
        Assert.Equal("Unknown sync source 'medlineplus'. Sources: drugsatfda, dailymed, openfda-enforcement, icd10cm.", output.Trim());
    }

    /// <summary>DailyMed's bulk form: a zip of the per-label zips.</summary>
    private static byte[] BulkZip(string folder)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var zip in Directory.EnumerateFiles(folder, "*.zip").Order(StringComparer.Ordinal))
                archive.CreateEntryFromFile(zip, "prescription/" + Path.GetFileName(zip), CompressionLevel.NoCompression);
        }

        return memory.ToArray();
    }

    /// <summary>openFDA's form: the JSON alone in a zip (stored, so a flipped byte is a CRC failure, not a deflate error).</summary>
    private static byte[] JsonZip(string json)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            archive.CreateEntryFromFile(json, "drug-enforcement-0001-of-0001.json", CompressionLevel.NoCompression);
        return memory.ToArray();
    }

    /// <summary>3,000 ICD-10-CM-shaped codes <paramref name="prefix"/>000..999 etc. with titles naming <paramref name="version"/>.</summary>
    internal static byte[] Icd10Csv(string prefix, string version)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{i:D3},\"Sync test condition {version} {i}\"\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
