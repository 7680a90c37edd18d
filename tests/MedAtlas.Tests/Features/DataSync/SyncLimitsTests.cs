using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.DataSync;

/// <summary>The size cap (<c>MedAtlas:Sync:MaxMegabytes</c>): a larger file is refused before a byte of it is stored.</summary>
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
}
