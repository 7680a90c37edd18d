using System.IO.Compression;
using System.Text;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Interactions;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Infrastructure.Import;

/// <summary>
/// Issue 19: a damaged file is refused whole. Each file is made at test time, from the real downloads or the small
/// fixtures; each import must exit non-zero, say why in its output, and leave every table as it was.
/// </summary>
public sealed class DamagedFileTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_drugsatfda_zip_with_bytes_flipped_inside_an_entry_is_refused_and_changes_nothing()
    {
        await app.RunCommandAsync("import", "drugsatfda", SharedData.Fixture("drugsatfda", "good"));
        var zip = Path.Combine(Folder(), "drugsatfda-flipped.zip");
        var bytes = await File.ReadAllBytesAsync(SharedData.Require("fda-drugsatfda/drugsatfda20190702.zip"), Ct);
        // Well inside Products.txt's compressed data (465 KB of it), after its local header.
        var products = IndexOf(bytes, "Products.txt"u8) + 64 + 20_000;
        for (var i = products; i < products + 8; i++)
            bytes[i] ^= 0x5A;
        await File.WriteAllBytesAsync(zip, bytes, Ct);
        var before = await CountsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", zip);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("drugsatfda-flipped.zip is not a whole zip (", output, StringComparison.Ordinal);
        Assert.Contains("the file is damaged, so nothing from it was imported", output, StringComparison.Ordinal);
        Assert.Contains("was refused", output, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_ddinter_gz_cut_in_half_is_refused_and_changes_nothing()
    {
        var cut = Path.Combine(Folder(), "ddinter_downloads_code_A.csv.gz");
        var bytes = await File.ReadAllBytesAsync(SharedData.Require("ddinter/ddinter_downloads_code_A.csv.gz"), Ct);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)], Ct);
        var before = await CountsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", cut);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ddinter_downloads_code_A.csv.gz is not a whole gzip file (its data does not match the CRC and length in its trailer: it is cut short or altered)", output, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_folder_with_one_cut_gz_is_refused_whole_though_its_other_file_is_good()
    {
        var folder = Folder();
        File.Copy(SharedData.Fixture("ddinter", "good.csv"), Path.Combine(folder, "ddinter_downloads_code_A.csv"));
        var gzip = Gzip(await File.ReadAllBytesAsync(SharedData.Fixture("ddinter", "newer.csv"), Ct));
        await File.WriteAllBytesAsync(Path.Combine(folder, "ddinter_downloads_code_B.csv.gz"), gzip[..(gzip.Length - 5)], Ct);
        var before = await CountsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ddinter_downloads_code_B.csv.gz in " + Path.GetFileName(folder) + " is not a whole gzip file", output, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_folder_of_junk_for_dailymed_exits_non_zero_having_imported_nothing()
    {
        var folder = Folder();
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.xml"), "this is not XML at all", Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "feed.xml"), "<rss><channel><title>not a label</title></channel></rss>", Ct);
        using (var junk = ZipFile.Open(Path.Combine(folder, "pictures.zip"), ZipArchiveMode.Create))
        {
            await using var entry = junk.CreateEntry("carton.jpg").Open();
            await entry.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF }, Ct);
        }

        var before = await CountsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "dailymed", folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"nothing could be imported: all rows of {Path.GetFileName(folder)} were rejected (3)", output, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_file_with_far_more_rejected_rows_than_normal_is_refused_whole()
    {
        // The real DDInter list with every other row garbled: a whole file has a handful of rejections in 222,383.
        var lines = new List<string>();
        await using (var file = File.OpenRead(SharedData.Require("ddinter/ddinter_downloads_code_B.csv.gz")))
        using (var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress), Encoding.UTF8))
        {
            while (lines.Count < 401 && await reader.ReadLineAsync(Ct) is { } line)
                lines.Add(lines.Count % 2 == 0 && lines.Count > 0 ? "\u00ff\u00fe garbled" : line);
        }

        var garbled = Path.Combine(Folder(), "ddinter_downloads_code_B.csv");
        await File.WriteAllLinesAsync(garbled, lines, Ct);
        var before = await CountsAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", garbled);

        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"\b2\d\d of 400 rows of ddinter_downloads_code_B\.csv were rejected \(5\d(\.\d)?%, more than MedAtlas:Import:MaxRejectedPercent 25%\); the file looks damaged, so nothing from it was imported", output);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_whole_gz_still_imports()
    {
        var whole = Path.Combine(Folder(), "ddinter_downloads_code_A.csv.gz");
        await File.WriteAllBytesAsync(whole, Gzip(await File.ReadAllBytesAsync(SharedData.Fixture("ddinter", "good.csv"), Ct)), Ct);

        var (exitCode, output) = await app.RunCommandAsync("import", "ddinter", whole);

        Assert.True(exitCode == 0, output);
        Assert.True(await app.WithDbAsync(db => db.Set<InteractionRule>().CountAsync(Ct)) > 0);
    }

    private string Folder() =>
        Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "damaged-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private Task<(int Drugs, int Products, int Labels, int Rules)> CountsAsync() => app.WithDbAsync(async db => (
        await db.Set<Drug>().CountAsync(Ct),
        await db.Set<DrugProduct>().CountAsync(Ct),
        await db.Set<DrugLabel>().CountAsync(Ct),
        await db.Set<InteractionRule>().CountAsync(Ct)));

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(content);
        return memory.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var index = haystack.AsSpan().IndexOf(needle);
        Assert.True(index >= 0, "the zip has no Products.txt entry");
        return index;
    }
}
