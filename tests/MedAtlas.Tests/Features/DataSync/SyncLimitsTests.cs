using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.DataSync;

/// <summary>
/// The size cap (<c>MedAtlas:Sync:MaxMegabytes</c>): a larger file is refused before a byte of it is stored; and an
/// address naming the day of the run (DailyMed's dated update zips).
/// </summary>
public sealed class SyncLimitsTests
{
    [Fact]
    public async Task A_file_over_the_size_cap_is_refused_with_its_size_and_nothing_is_downloaded()
    {
        await using var server = await SyncStubServer.StartAsync();
        var file = SyncCommandTests.Icd10Csv("U4", "too big");
        server.Serve("icd10cm/big.csv", file);
        await using var app = new MedAtlasApp()
            .WithSetting("Jobs:Enabled", "false")
            .WithSetting("MedAtlas:Sync:MaxMegabytes", "0.05")
            .WithSetting("MedAtlas:Sync:Sources:icd10cm:Url", server.Url("icd10cm/big.csv"));
        await app.InitializeAsync();

        var (exitCode, output) = await app.RunCommandAsync("sync", "icd10cm");

        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.Equal(1, exitCode);
        Assert.Contains($"Sync of icd10cm (big.csv) failed: big.csv is {file.Length / 1024d / 1024d:0.##} MB, over the cap of 0.05 MB (MedAtlas:Sync:MaxMegabytes); nothing was downloaded", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Importing", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.Database.DataDirectory, "downloads", "icd10cm")));
    }

    [Fact]
    public async Task An_address_with_the_day_in_it_fetches_the_file_of_the_day_of_the_run()
    {
        await using var server = await SyncStubServer.StartAsync();
        // Today's and tomorrow's file, so a run across midnight (UTC) still finds one.
        var names = new[] { DateTime.UtcNow.AddDays(-1), DateTime.UtcNow }
            .Select(d => $"codes-{d.ToString("MMddyyyy", System.Globalization.CultureInfo.InvariantCulture)}.csv").ToList();
        foreach (var name in names)
            server.Serve($"updates/{name}", SyncCommandTests.Icd10Csv("U5", name));
        await using var app = new MedAtlasApp()
            .WithSetting("Jobs:Enabled", "false")
            .WithSetting("MedAtlas:Sync:Sources:icd10cm:Url", server.Url("updates/codes-{yesterday:MMddyyyy}.csv"));
        await app.InitializeAsync();

        var (exitCode, output) = await app.RunCommandAsync("sync", "icd10cm");

        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.Equal(0, exitCode);
        Assert.Contains(names, name => output.Contains($"Sync of icd10cm ({name}): imported; 3,000 added", StringComparison.Ordinal));
    }
}
