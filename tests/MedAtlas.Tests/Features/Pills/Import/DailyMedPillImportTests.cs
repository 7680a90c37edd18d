using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Pills;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Pills.Import;

/// <summary>
/// <c>import dailymed</c> writes the pills of each label: one per solid oral product or kit part with an imprint, colour
/// or shape, with the label's photos. Hand-written fixtures in tests/fixtures/dailymed-pills (made-up products), and
/// the real DailyMed files in ../shared/data when they are there.
/// </summary>
public sealed class DailyMedPillImportTests
{
    private const string TabletSetId = "7a1b0000-aaaa-4bbb-8ccc-000000000101";
    private const string CapsuleSetId = "7a1b0000-aaaa-4bbb-8ccc-000000000102";
    private const string KitSetId = "7a1b0000-aaaa-4bbb-8ccc-000000000103";
    private const string RepeatedSetId = "7a1b0000-aaaa-4bbb-8ccc-000000000104";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => SharedData.Fixture("dailymed-pills", name);


    private static Task<(int ExitCode, string Output)> ImportAsync(MedAtlasApp app, string path) =>
        app.RunCommandAsync("import", "dailymed", path);

    private static async Task<List<Pill>> PillsAsync(MedAtlasApp app, string? setId = null)
    {
        var pills = await app.WithDbAsync(db => db.Set<Pill>().Include(p => p.Images).AsNoTracking().AsSplitQuery()
            .Where(p => setId == null || p.SetId == setId)
            .ToListAsync(Ct));
        return [.. pills.OrderBy(p => p.SetId, StringComparer.Ordinal).ThenBy(p => p.Imprint, StringComparer.Ordinal)];
    }

    private static Task<long> PillsStampAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<DataStamp>().Where(s => s.Name == "pills").Select(s => s.Version).FirstOrDefaultAsync(Ct));

    private static Task<int> LabelDrugAsync(MedAtlasApp app, string setId) =>
        app.WithDbAsync(db => db.Set<DrugLabel>().Where(l => l.SetId == setId).Select(l => l.DrugId).SingleAsync(Ct));

    /// <summary>The tablet label beside its front photos, as a folder, a label zip or a bulk zip of label zips.</summary>
    private static string TabletInput(MedAtlasApp app, string form, string xml = "tablet.xml")
    {
        var files = new (string Name, byte[] Content)[]
        {
            ("tablet.xml", File.ReadAllBytes(Fixture(xml))),
            ("exampril-10.png", Png(255, 255, 255)),
            ("exampril-20.png", Png(255, 230, 0)),
        };
        // Under the app's own data folder, which goes when the test's database does.
        var root = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, $"input-{Guid.NewGuid():N}")).FullName;
        switch (form)
        {
            case "folder":
                var folder = Directory.CreateDirectory(Path.Combine(root, "label")).FullName;
                foreach (var (name, content) in files)
                    File.WriteAllBytes(Path.Combine(folder, name), content);
                return folder;
            case "label zip":
                var zip = Path.Combine(root, "tablet.zip");
                File.WriteAllBytes(zip, Zip(files));
                return zip;
            default:
                var bulk = Path.Combine(root, "bulk.zip");
                File.WriteAllBytes(bulk, Zip(("20240301_tablet.zip", Zip(files))));
                return bulk;
        }
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("label zip")]
    [InlineData("bulk zip")]
    public async Task A_tablet_label_gives_its_pills_with_their_look_and_photos(string form)
    {
        await using var app = await MedAtlasApp.StartAsync();
        var stampBefore = await PillsStampAsync(app);

        var (exitCode, output) = await ImportAsync(app, TabletInput(app, form));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+1\b", output);
        // The back photo is referenced but not shipped: the pill is stored without it, and the summary says so.
        Assert.Matches(@"warnings\s+1\b", output);
        Assert.Contains("pill image exampril-10-back.jpg of Exampril (AB;123) is not in the label's", output, StringComparison.Ordinal);

        var pills = await PillsAsync(app, TabletSetId);
        Assert.Equal(["AB;123", "AB;124"], pills.Select(p => p.Imprint));
        var tablet = pills[0];
        Assert.Equal("Exampril", tablet.ProductName);
        Assert.Equal("10 mg", tablet.Strength);
        Assert.Equal("Example Tablet Works Inc.", tablet.Labeler);
        Assert.Equal("99999-0201", tablet.ProductNdc);
        Assert.Equal(["99999-0201-30", "99999-0201-10"], tablet.PackageNdcs);
        Assert.Equal(["WHITE"], tablet.Colors);
        Assert.Equal("ROUND", tablet.Shape);
        Assert.Equal(9m, tablet.SizeMm);
        Assert.Equal(2, tablet.Score);
        Assert.Equal("NOT COATED", tablet.Coating);
        Assert.False(tablet.IsSynthetic);
        Assert.Equal(ContentOrigin.Imported, tablet.Origin);
        Assert.Equal(await LabelDrugAsync(app, TabletSetId), tablet.DrugId);
        var photo = Assert.Single(tablet.Images);
        Assert.Equal("exampril-10.png", photo.FileName);
        Assert.Equal("image/png", photo.ContentType);
        Assert.Equal(Png(255, 255, 255), photo.Content);

        // The 20 mg tablet's SPLIMAGE names an observationMedia (#MM2), which names the file.
        var yellow = pills[1];
        Assert.Equal(["YELLOW"], yellow.Colors);
        Assert.Equal("OVAL", yellow.Shape);
        Assert.Equal(11.5m, yellow.SizeMm);
        Assert.Equal(1, yellow.Score);
        Assert.Null(yellow.Coating);
        Assert.Equal("exampril-20.png", Assert.Single(yellow.Images).FileName);
        Assert.Equal(Png(255, 230, 0), yellow.Images[0].Content);

        Assert.True(await PillsStampAsync(app) > stampBefore);
    }

    [Fact]
    public async Task A_two_tone_capsule_is_one_pill_and_liquids_and_vaginal_tablets_are_not_pills()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, _) = await ImportAsync(app, Fixture("capsule.xml"));

        Assert.Equal(0, exitCode);
        var capsule = Assert.Single(await PillsAsync(app, CapsuleSetId));
        Assert.Equal("Sleepexample", capsule.ProductName);
        Assert.Equal("EX 25", capsule.Imprint);
        // "blue" by its code, "white" by its name alone (that value has no code): both as the SPL colour names.
        Assert.Equal(["BLUE", "WHITE"], capsule.Colors);
        Assert.Equal("CAPSULE", capsule.Shape);
        Assert.Equal(18m, capsule.SizeMm);
        Assert.Equal("25 mg", capsule.Strength);
        Assert.Equal("Example Consumer Health LLC", capsule.Labeler);
        Assert.Equal(["88888-0301-24"], capsule.PackageNdcs);
        Assert.Empty(capsule.Images);
    }

    [Fact]
    public async Task Each_kit_part_is_a_pill_and_a_part_also_sold_alone_is_one_pill()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, _) = await ImportAsync(app, Fixture("kit.xml"));

        Assert.Equal(0, exitCode);
        var pills = await PillsAsync(app, KitSetId);
        Assert.Equal(["TX;25", "TX;50"], pills.Select(p => p.Imprint));

        // The 25 mg part is the 25 mg product: one pill, under the product's NDC, found in the bottle and the kit.
        var alone = pills[0];
        Assert.Equal("77777-0425", alone.ProductNdc);
        Assert.Equal(["77777-0425-60", "77777-0400-01"], alone.PackageNdcs);
        Assert.Equal(["ORANGE"], alone.Colors);
        Assert.Equal("25 mg", alone.Strength);

        // The 50 mg part comes only in the kit: traced through the kit's NDC.
        var part = pills[1];
        Assert.Equal("Topexample", part.ProductName);
        Assert.Equal("77777-0400", part.ProductNdc);
        Assert.Equal(["77777-0400-01"], part.PackageNdcs);
        Assert.Equal("50 mg", part.Strength);
        Assert.Equal(["PINK"], part.Colors);
        Assert.Equal("OVAL", part.Shape);
        Assert.Equal(10m, part.SizeMm);
        Assert.All(pills, p => Assert.Equal("Example Neuro Inc.", p.Labeler));
    }

    [Fact]
    public async Task A_product_listed_twice_is_one_pill_and_a_lower_case_colour_is_normalised()
    {
        await using var app = await MedAtlasApp.StartAsync();

        await ImportAsync(app, Fixture("repeated.xml"));

        var pill = Assert.Single(await PillsAsync(app, RepeatedSetId));
        Assert.Equal("FX10", pill.Imprint);
        Assert.Equal(["PINK"], pill.Colors);
        Assert.Equal("66666-0500", pill.ProductNdc);
        Assert.Equal(["66666-0500-30"], pill.PackageNdcs);
        Assert.Equal("10 mg", pill.Strength);
    }

    [Fact]
    public async Task The_same_version_changes_nothing_and_a_newer_version_replaces_the_pills()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, TabletInput(app, "label zip"));
        var first = await PillsAsync(app, TabletSetId);
        var stamp = await PillsStampAsync(app);

        var (_, againOutput) = await ImportAsync(app, TabletInput(app, "label zip"));

        Assert.Matches(@"unchanged\s+1\b", againOutput);
        Assert.Equal(first.Select(p => p.Id), (await PillsAsync(app, TabletSetId)).Select(p => p.Id));
        Assert.Equal(stamp, await PillsStampAsync(app));

        // Version 2 relabels the 10 mg tablet's imprint; the 20 mg tablet is as before, but is a new row all the same.
        var v2 = Path.Combine(app.Database.DataDirectory, "tablet-v2.xml");
        var text = await File.ReadAllTextAsync(Fixture("tablet.xml"), Ct);
        await File.WriteAllTextAsync(v2, text.Replace("<versionNumber value=\"1\"/>", "<versionNumber value=\"2\"/>", StringComparison.Ordinal)
            .Replace("d1a0c8a2-0101-4c6e-9a51-000000000001", "d1a0c8a2-0101-4c6e-9a51-000000000002", StringComparison.Ordinal)
            .Replace(" AB ; 123 ", "AB;123;V2", StringComparison.Ordinal), Ct);

        var (exitCode, output) = await ImportAsync(app, TabletInput(app, "folder", xml: v2));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"updated\s+1\b", output);
        var second = await PillsAsync(app, TabletSetId);
        Assert.Equal(["AB;123;V2", "AB;124"], second.Select(p => p.Imprint));
        Assert.Empty(second.Select(p => p.Id).Intersect(first.Select(p => p.Id)));
        Assert.True(await PillsStampAsync(app) > stamp);
        // The old pills' photos went with them.
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<PillImage>().CountAsync(Ct)));

        // Version 1 again is older news: nothing changes.
        var stampAfter = await PillsStampAsync(app);
        await ImportAsync(app, TabletInput(app, "label zip"));
        Assert.Equal(["AB;123;V2", "AB;124"], (await PillsAsync(app, TabletSetId)).Select(p => p.Imprint));
        Assert.Equal(stampAfter, await PillsStampAsync(app));
    }

    [Fact]
    public async Task A_label_stored_before_pills_were_read_gets_them_when_imported_again()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, Fixture("kit.xml"));
        await app.WithDbAsync(db => db.Set<Pill>().ExecuteDeleteAsync(Ct));

        var (_, output) = await ImportAsync(app, Fixture("kit.xml"));

        Assert.Matches(@"unchanged\s+1\b", output);
        var pills = await PillsAsync(app, KitSetId);
        Assert.Equal(["TX;25", "TX;50"], pills.Select(p => p.Imprint));
        var drugId = await LabelDrugAsync(app, KitSetId);
        Assert.All(pills, p => Assert.Equal(drugId, p.DrugId));
    }

    [Fact]
    public async Task The_real_sample_labels_give_their_nine_tablets()
    {
        var samples = SharedData.Require("dailymed-spl-samples");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, _) = await ImportAsync(app, samples);

        Assert.Equal(0, exitCode);
        var pills = (await PillsAsync(app)).Where(p => p.Origin == ContentOrigin.Imported).ToList();
        // Lipitor (4), its repackaged 20 mg (1), Viagra (3), haloperidol (1); Humira's kits and the cough syrup are not pills.
        Assert.Equal(9, pills.Count);
        Assert.Equal(
            ["MYLAN;327", "PD;155;10", "PD;156;20", "PD;156;20", "PD;157;40", "PD;158;80", "VGR100;Pfizer", "VGR25;Pfizer", "VGR50;Pfizer"],
            pills.Select(p => p.Imprint).Order(StringComparer.Ordinal));
        var lipitor = pills.Where(p => p.SetId == "c6e131fe-e7df-4876-83f7-9156fc4e8228").ToList();
        Assert.Equal(["PD;155;10", "PD;156;20", "PD;157;40", "PD;158;80"], lipitor.Select(p => p.Imprint));
        Assert.Equal(["10 mg", "20 mg", "40 mg", "80 mg"], lipitor.Select(p => p.Strength));
        Assert.Equal([10m, 12m, 15m, 19m], lipitor.Select(p => p.SizeMm));
        Assert.All(lipitor, p => Assert.Equal(["WHITE"], p.Colors));
        Assert.All(lipitor, p => Assert.Equal("OVAL", p.Shape));
        Assert.All(lipitor, p => Assert.Equal("Parke-Davis Div of Pfizer Inc", p.Labeler));
        var atorvastatin = await app.WithDbAsync(db => db.Set<Drug>().Where(d => d.IngredientKey == "atorvastatin").Select(d => d.Id).SingleAsync(Ct));
        Assert.All(pills.Where(p => p.Imprint.StartsWith("PD;", StringComparison.Ordinal)), p => Assert.Equal(atorvastatin, p.DrugId));
        var haloperidol = Assert.Single(pills, p => p.Imprint == "MYLAN;327");
        Assert.Equal(["ORANGE"], haloperidol.Colors);
        Assert.Equal(("ROUND", 9m, 2), (haloperidol.Shape, haloperidol.SizeMm, haloperidol.Score));
        // These labels' SPLs name no SPLIMAGE (the Viagra label's observationMedia are figures, not pill photos).
        Assert.All(pills, p => Assert.Empty(p.Images));
    }

    [Fact]
    public async Task The_real_label_zips_give_their_47_pills_once_each()
    {
        var zips = SharedData.Require("dailymed-spl-zips");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, _) = await ImportAsync(app, zips);

        Assert.Equal(0, exitCode);
        var pills = await PillsAsync(app);
        // 49 imprinted listings: the Fycompa starter kit's two parts are also sold alone, so 47 pills.
        Assert.Equal(47, pills.Count);
        Assert.All(pills, p => Assert.NotEqual("", p.Imprint));
        Assert.All(pills, p => Assert.Single(p.Colors));
        Assert.All(pills, p => Assert.NotNull(p.Shape));

        var fycompa = pills.Where(p => p.SetId == "71cf3309-e182-473c-8b0b-280cabd0e122").ToList();
        Assert.Equal(["10;296", "12;297", "2;275", "4;277", "6;294", "8;295"], fycompa.Select(p => p.Imprint).Order(StringComparer.Ordinal));
        Assert.Contains("62856-270-14", fycompa.Single(p => p.Imprint == "2;275").PackageNdcs);
        Assert.Equal("62856-272", fycompa.Single(p => p.Imprint == "2;275").ProductNdc);

        // Tri-Previfem: four tablets of one pack, the inert one without a strength, all under the pack's NDC.
        var previfem = pills.Where(p => p.SetId == "dd15dbd7-75b7-416e-af55-1e90c2bab051").ToList();
        Assert.Equal(["93;743", "93;746", "93;747", "93;748"], previfem.Select(p => p.Imprint));
        Assert.All(previfem, p => Assert.Equal("0603-7663", p.ProductNdc));
        Assert.Null(previfem[0].Strength);
        Assert.Equal("norgestimate 0.18 mg / ethinyl estradiol 0.035 mg", previfem[1].Strength);

        // Lower-case colours ("pink", "white", "red") are stored as the SPL names.
        Assert.Equal(["WHITE"], Assert.Single(pills, p => p.Imprint == "25mg").Colors);
        Assert.Equal(["RED"], Assert.Single(pills, p => p.Imprint == "112;GG;336").Colors);
        Assert.All(pills.Where(p => p.Imprint == "9R"), p => Assert.Equal(["PINK"], p.Colors));
        Assert.Equal(2, pills.Count(p => p.Imprint == "9R"));
        Assert.Equal(["T;2", "T;4", "T;I"], pills.Where(p => p.Imprint.StartsWith("T;", StringComparison.Ordinal)).Select(p => p.Imprint));
        // The zips' jpgs are cartons and figures, which no SPLIMAGE names.
        Assert.All(pills, p => Assert.Empty(p.Images));

        var stamp = await PillsStampAsync(app);
        var (againExit, againOutput) = await ImportAsync(app, zips);
        Assert.Equal(0, againExit);
        Assert.Matches(@"unchanged\s+89\b", againOutput);
        Assert.Equal(pills.Select(p => p.Id).Order(), (await PillsAsync(app)).Select(p => p.Id).Order());
        Assert.Equal(stamp, await PillsStampAsync(app));
    }

    /// <summary>
    /// The issue's acceptance test: every real imprint, typed the ways people type what they read off a pill,
    /// finds that pill first (pills with the very same imprint may share first place).
    /// </summary>
    [Fact]
    public async Task Every_real_imprint_typed_in_forgiving_ways_finds_its_pill_first()
    {
        var samples = SharedData.Require("dailymed-spl-samples");
        var zips = SharedData.Require("dailymed-spl-zips");
        await using var app = await MedAtlasApp.StartAsync();
        Assert.Equal(0, (await ImportAsync(app, samples)).ExitCode);
        Assert.Equal(0, (await ImportAsync(app, zips)).ExitCode);
        // Imported in this process: the site would see the stamp within seconds; the test wants it now.
        app.Services.GetRequiredService<DataStamps>().Invalidate();
        using var client = app.CreateClient();

        var pills = (await PillsAsync(app)).Where(p => p.Imprint.Length > 0).ToList();
        Assert.Equal(56, pills.Count);
        var failures = new List<string>();
        foreach (var pill in pills)
        {
            var blocks = pill.Imprint.Split(';');
            var typings = new[]
            {
                pill.Imprint.ToLowerInvariant(),
                string.Join(' ', blocks),
                string.Join('-', blocks),
                string.Join(' ', blocks.Reverse()),
                string.Concat(blocks),
            };
            foreach (var typed in typings.Distinct(StringComparer.Ordinal))
            {
                using var response = await client.GetAsync($"/api/v1/pills?imprint={Uri.EscapeDataString(typed)}&pageSize=100", Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                var items = json.RootElement.GetProperty("items").EnumerateArray()
                    .Select(i => (Id: i.GetProperty("id").GetInt32(), Imprint: i.GetProperty("imprint").GetString()!))
                    .ToList();
                var at = items.FindIndex(i => i.Id == pill.Id);
                // Ahead of it may only be pills with the same imprint (a repackager's, or two store brands of one tablet).
                if (at < 0 || items.Take(at).Any(i => Compact(i.Imprint) != Compact(pill.Imprint)))
                {
                    failures.Add($"\"{typed}\" for {pill.Imprint} ({pill.ProductName}): " +
                        (at < 0 ? "not found" : $"at {at + 1}, after {string.Join(", ", items.Take(at).Select(i => i.Imprint))}"));
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} typings did not find their pill first:\n{string.Join('\n', failures)}");
    }

    private static string Compact(string imprint) =>
        string.Concat(imprint.Split(';').Order(StringComparer.Ordinal)).ToUpperInvariant();

    private static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A 2x2 PNG of one colour, made here so no picture file sits in the repository.</summary>
    private static byte[] Png(byte red, byte green, byte blue)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 2);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 2);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < 2; row++)
                zlib.Write([0, red, green, blue, red, green, blue]);
        }

        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream stream, string type, byte[] data)
        {
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            stream.Write(number);
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            stream.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
            stream.Write(number);
        }

        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }

            return ~crc;
        }
    }
}
