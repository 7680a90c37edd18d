using System.IO.Compression;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Drugs.Import;

/// <summary>
/// <c>import drugsatfda</c> over small files in FDA's format (tests/fixtures/drugsatfda: CRLF, TABs, the trailing-TAB and
/// doubled-quote quirks), as the zip FDA publishes and as the folder it unpacks to, and over the real 2019 download.
/// </summary>
public sealed class DrugsAtFdaImportTests
{
    // Rows in good/Products.txt; newer/ changes one product's strength and adds one product.
    private const int GoodRows = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    /// <summary>The fixture folder zipped the way FDA ships it: the .txt files at the root of the archive.</summary>
    private static string Zip(MedAtlasApp app, string fixture, string name = "drugsatfda-test.zip") =>
        ZipFolder(SharedData.Fixture("drugsatfda", fixture), Path.Combine(app.Database.DataDirectory, name));

    private static string ZipFolder(string folder, string zip)
    {
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }

    private static Task<Drug> DrugAsync(MedAtlasApp app, string slug) =>
        app.WithDbAsync(db => db.Set<Drug>().AsNoTracking().Include(d => d.Names).Include(d => d.Ingredients).Include(d => d.Products)
            .AsSplitQuery().SingleAsync(d => d.Slug == slug, Ct));

    private static Task<long> DrugsStampAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<DataStamp>().Where(s => s.Name == "drugs").Select(s => s.Version).SingleAsync(Ct));

    private static IEnumerable<string> Names(Drug drug, DrugNameType type) => drug.Names.Where(n => n.Type == type).Select(n => n.Name).Order(StringComparer.Ordinal);

    [Fact]
    public async Task The_zip_as_FDA_publishes_it_imports_with_a_summary()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", Zip(app, "good"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Import of drugsatfda from drugsatfda-test.zip finished", output, StringComparison.Ordinal);
        Assert.Matches($@"read\s+{GoodRows}\b", output);
        Assert.Matches($@"added\s+{GoodRows}\b", output);
        Assert.Matches(@"rejected\s+0\b", output);

        var lipitor = await app.WithDbAsync(db => db.Set<DrugProduct>().AsNoTracking().Include(p => p.Drug)
            .SingleAsync(p => p.ApplicationNumber == "NDA020702" && p.ProductNumber == "001", Ct));
        Assert.Equal("atorvastatin", lipitor.Drug.Slug);
        Assert.Equal(("LIPITOR", "ATORVASTATIN CALCIUM", "10MG", "TABLET", "ORAL"), (lipitor.ProductName, lipitor.ActiveIngredients, lipitor.Strength, lipitor.DosageForm, lipitor.Route));
        Assert.Equal((MarketingStatus.Prescription, "SAMPLE PHARMA", true), (lipitor.MarketingStatus, lipitor.Sponsor, lipitor.IsReferenceDrug));

        // Padded values are trimmed; the doubled quotes of FDA's export are one pair in the name.
        var generic = await app.WithDbAsync(db => db.Set<DrugProduct>().AsNoTracking().SingleAsync(p => p.ApplicationNumber == "ANDA090001", Ct));
        Assert.Equal("EXAMPLE GENERICS", generic.Sponsor);
        Assert.Equal("DISULFIRAM", await app.WithDbAsync(db => db.Set<DrugProduct>().Where(p => p.ApplicationNumber == "ANDA090060").Select(p => p.ProductName).SingleAsync(Ct)));
        Assert.Contains("Hydro-Sample \"25\"", Names(await DrugAsync(app, "hydrochlorothiazide"), DrugNameType.Brand));

        // What a person sees: the drug's page, under its generic name and by its brand.
        using var client = app.CreateClient();
        var page = Html.Text(await client.GetStringAsync("/drugs/roflumilast", Ct));
        Assert.Contains("Daliresp", page, StringComparison.Ordinal);
        Assert.Contains("ANDA090002", page, StringComparison.Ordinal);
        Assert.Contains("NDA090010", page, StringComparison.Ordinal);
        using var byBrand = await client.GetAsync("/drugs/daliresp", Ct);
        Assert.EndsWith("/drugs/roflumilast", byBrand.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unpacked_folder_imports_the_same_as_the_zip()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", SharedData.Fixture("drugsatfda", "good"));

        Assert.Equal(0, exitCode);
        Assert.Matches($@"added\s+{GoodRows}\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.Equal(GoodRows, await app.WithDbAsync(db => db.Set<DrugProduct>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_combination_product_lands_on_one_drug_with_both_ingredients()
    {
        await using var app = await MedAtlasApp.StartAsync();

        await app.RunCommandAsync("import", "drugsatfda", Zip(app, "good"));

        var combination = await DrugAsync(app, "trandolapril-verapamil");
        Assert.Equal("Trandolapril and verapamil", combination.Name);
        Assert.Equal("trandolapril + verapamil", combination.IngredientKey);
        Assert.Equal(["trandolapril", "verapamil"], combination.Ingredients.OrderBy(i => i.Position).Select(i => i.Name));
        Assert.Equal(["ANDA090021", "NDA090020"], combination.Products.Select(p => p.ApplicationNumber).Order(StringComparer.Ordinal));
        Assert.Equal(["Tarka"], Names(combination, DrugNameType.Brand));
        Assert.Equal(["2MG;180MG", "4MG;240MG"], combination.Strengths);
        Assert.Equal(["tablet, extended release"], combination.Forms);

        // The single-ingredient starter entry stays single: the combination is not one of its products.
        var verapamil = await DrugAsync(app, "verapamil");
        Assert.Empty(verapamil.Products);
    }

    [Fact]
    public async Task A_generic_and_its_brand_land_on_one_drug_with_the_brand_as_a_name()
    {
        await using var app = await MedAtlasApp.StartAsync();

        await app.RunCommandAsync("import", "drugsatfda", Zip(app, "good"));

        var roflumilast = await DrugAsync(app, "roflumilast");
        Assert.Equal(ContentOrigin.Imported, roflumilast.Origin);
        Assert.Equal(DrugKind.Prescription, roflumilast.Kind);
        Assert.Equal(2, roflumilast.Products.Count);
        Assert.Equal(["Roflumilast"], Names(roflumilast, DrugNameType.Generic));
        Assert.Equal(["Daliresp"], Names(roflumilast, DrugNameType.Brand));
        Assert.Equal(["tablet"], roflumilast.Forms);
        Assert.Equal(["oral"], roflumilast.Routes);
        Assert.Equal(["250MCG", "500MCG"], roflumilast.Strengths);

        // A generic listed under its salt's name gives no brand, but the salt form becomes a name to search by.
        var dihydroergotamine = await DrugAsync(app, "dihydroergotamine");
        Assert.Empty(Names(dihydroergotamine, DrugNameType.Brand));
        Assert.Equal(["dihydroergotamine mesylate"], Names(dihydroergotamine, DrugNameType.Other));
        Assert.Equal(["intramuscular", "intravenous", "subcutaneous"], dihydroergotamine.Routes);
        Assert.Equal(["injectable"], dihydroergotamine.Forms);
    }

    [Fact]
    public async Task A_drug_sold_only_over_the_counter_is_OTC_and_a_starter_drug_keeps_its_own_words()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var starter = await DrugAsync(app, "atorvastatin");

        await app.RunCommandAsync("import", "drugsatfda", Zip(app, "good"));

        var tioconazole = await DrugAsync(app, "tioconazole");
        Assert.Equal(DrugKind.Otc, tioconazole.Kind);
        Assert.Equal(["Vagistat-1"], Names(tioconazole, DrugNameType.Brand));
        Assert.Equal(2, tioconazole.Products.Count);

        var atorvastatin = await DrugAsync(app, "atorvastatin");
        Assert.Equal(ContentOrigin.Starter, atorvastatin.Origin);
        Assert.Equal(3, atorvastatin.Products.Count);
        Assert.Equal(starter.Strengths, atorvastatin.Strengths);
        Assert.Equal(starter.Forms, atorvastatin.Forms);
        Assert.Equal(starter.UpdatedAt, atorvastatin.UpdatedAt);
        Assert.Equal(starter.Names.Count, atorvastatin.Names.Count);
        Assert.Single(atorvastatin.Names, n => n.Normalized == "lipitor");
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var zip = Zip(app, "good");
        await app.RunCommandAsync("import", "drugsatfda", zip);
        var stamp = await DrugsStampAsync(app);
        var drugs = await app.WithDbAsync(db => db.Set<Drug>().CountAsync(Ct));
        var names = await app.WithDbAsync(db => db.Set<DrugName>().CountAsync(Ct));

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", zip);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches($@"unchanged\s+{GoodRows}\b", output);
        Assert.Equal(stamp, await DrugsStampAsync(app));
        Assert.Equal(drugs, await app.WithDbAsync(db => db.Set<Drug>().CountAsync(Ct)));
        Assert.Equal(names, await app.WithDbAsync(db => db.Set<DrugName>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_newer_snapshot_updates_the_changed_product_and_adds_the_new_one()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "drugsatfda", Zip(app, "good"));
        var stamp = await DrugsStampAsync(app);

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", Zip(app, "newer", "drugsatfda-newer.zip"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+13\b", output);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"updated\s+1\b", output);
        Assert.Matches($@"unchanged\s+{GoodRows - 1}\b", output);
        Assert.True(await DrugsStampAsync(app) > stamp);
        var dihydroergotamine = await DrugAsync(app, "dihydroergotamine");
        Assert.Equal("4MG/ML", dihydroergotamine.Products.Single().Strength);
        var roflumilast = await DrugAsync(app, "roflumilast");
        Assert.Equal(["ANDA090002/001", "ANDA090002/002", "NDA090010/001"],
            roflumilast.Products.Select(p => $"{p.ApplicationNumber}/{p.ProductNumber}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Malformed_rows_are_rejected_with_their_line_and_reason_and_the_rest_imports()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", SharedData.Fixture("drugsatfda", "bad-rows"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+7\b", output);
        Assert.Matches(@"added\s+2\b", output);
        Assert.Matches(@"rejected\s+5\b", output);
        Assert.Contains("Products.txt line 3: 7 fields where the header has 8", output, StringComparison.Ordinal);
        Assert.Contains("Products.txt line 4: no active ingredient", output, StringComparison.Ordinal);
        Assert.Contains("Products.txt line 5: ApplNo '90030' is not a six-digit application number", output, StringComparison.Ordinal);
        Assert.Contains("Products.txt line 6: application 099999 is not in Applications.txt", output, StringComparison.Ordinal);
        Assert.Contains("Products.txt line 8: product 001 of ANDA090002 is listed twice (first on line 2)", output, StringComparison.Ordinal);
        var products = await app.WithDbAsync(db => db.Set<DrugProduct>().Select(p => p.ApplicationNumber).OrderBy(a => a).ToListAsync(Ct));
        Assert.Equal(["ANDA090002", "ANDA090060"], products);
    }

    public static TheoryData<string, string> WrongFiles => new()
    {
        { "zip-of-something-else", "it has no Products.txt, Applications.txt, MarketingStatus.txt" },
        { "not-drugsatfda.txt", "is not a Drugs@FDA download: it is neither a zip file nor a folder" },
        { "wrong-header", "Products.txt in wrong-header is not the Drugs@FDA file: its header should name the columns ApplNo, ProductNo" },
        { "Products.txt", "Products.txt alone is not enough" },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public async Task A_file_that_is_not_the_Drugs_at_FDA_download_is_refused_and_nothing_is_written(string input, string message)
    {
        await using var app = await MedAtlasApp.StartAsync();
        var stamp = await DrugsStampAsync(app);
        var path = input switch
        {
            "zip-of-something-else" => ZipOfSomethingElse(app),
            "Products.txt" => SharedData.Fixture("drugsatfda", "good", "Products.txt"),
            _ => SharedData.Fixture("drugsatfda", input),
        };

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", path);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Contains("did not start", output, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DrugProduct>().CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Drug>().CountAsync(d => d.Origin == ContentOrigin.Imported, Ct)));
        Assert.Equal(stamp, await DrugsStampAsync(app));
    }

    [Fact]
    public async Task A_damaged_zip_is_refused_by_its_crc_check_and_nothing_is_written()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var stamp = await DrugsStampAsync(app);

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", DamagedZip(app));

        // Issue 19: the framework's archive check refuses it before the importer reads a row.
        Assert.Equal(3, exitCode);
        Assert.Contains("drugsatfda-damaged.zip is not a whole zip (", output, StringComparison.Ordinal);
        Assert.Contains("was refused", output, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DrugProduct>().CountAsync(Ct)));
        Assert.Equal(stamp, await DrugsStampAsync(app));
    }

    /// <summary>The good download with bytes of Products.txt's compressed data overwritten, as a broken download leaves it.</summary>
    private static string DamagedZip(MedAtlasApp app)
    {
        var zip = Zip(app, "good", "drugsatfda-damaged.zip");
        var bytes = File.ReadAllBytes(zip);

        // The local header is 30 bytes, then the name and the extra field; the compressed data follows.
        var name = "Products.txt"u8.ToArray();
        var at = FindLocalHeader(bytes, name);
        var data = at + 30 + name.Length + BitConverter.ToUInt16(bytes, at + 28);
        for (var i = data + 2; i < data + 12; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(zip, bytes);
        return zip;
    }

    private static int FindLocalHeader(byte[] zip, byte[] name)
    {
        for (var at = 0; at + 30 + name.Length <= zip.Length; at++)
        {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4B && zip[at + 2] == 0x03 && zip[at + 3] == 0x04
                && BitConverter.ToUInt16(zip, at + 26) == name.Length && zip.AsSpan(at + 30, name.Length).SequenceEqual(name))
                return at;
        }

        throw new InvalidOperationException("Products.txt is not in the test zip");
    }

    private static string ZipOfSomethingElse(MedAtlasApp app)
    {
        var folder = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "something-else"));
        File.WriteAllText(Path.Combine(folder.FullName, "readme.txt"), "Photos from the holiday.\r\n");
        return ZipFolder(folder.FullName, Path.Combine(app.Database.DataDirectory, "holiday.zip"));
    }

    [Theory]
    [InlineData("LIPITOR", "ATORVASTATIN CALCIUM", "Lipitor")]
    [InlineData("ATORVASTATIN CALCIUM", "ATORVASTATIN CALCIUM", null)]
    [InlineData("ATORVASTATIN", "ATORVASTATIN CALCIUM", null)]
    [InlineData("ACETAMINOPHEN AND CODEINE PHOSPHATE", "ACETAMINOPHEN; CODEINE PHOSPHATE", null)]
    [InlineData("DEXTROSE 5% IN PLASTIC CONTAINER", "DEXTROSE", null)]
    [InlineData("HEPARIN SODIUM PRESERVATIVE FREE", "HEPARIN SODIUM", null)]
    [InlineData("KLOR-CON M20", "POTASSIUM CHLORIDE", "Klor-Con M20")]
    [InlineData("MS CONTIN", "MORPHINE SULFATE", "MS Contin")]
    [InlineData("TYLENOL W/ CODEINE", "ACETAMINOPHEN; CODEINE PHOSPHATE", "Tylenol w/ Codeine")]
    [InlineData("CIPRO", "CIPROFLOXACIN HYDROCHLORIDE", "Cipro")]
    [InlineData("CIPRO IN DEXTROSE 5% IN PLASTIC CONTAINER", "CIPROFLOXACIN", "Cipro in Dextrose 5%")]
    [InlineData("HUMULIN R", "INSULIN RECOMBINANT HUMAN", "Humulin R")]
    [InlineData("LO LOESTRIN FE", "ETHINYL ESTRADIOL; NORETHINDRONE ACETATE", "Lo Loestrin Fe")]
    [InlineData("ZYRTEC-D 12 HOUR", "CETIRIZINE HYDROCHLORIDE; PSEUDOEPHEDRINE HYDROCHLORIDE", "Zyrtec-D 12 Hour")]
    [InlineData("CHILDREN'S ALLERGY", "CETIRIZINE HYDROCHLORIDE", null)]
    [InlineData("ADVIL", "IBUPROFEN", "Advil")]
    [InlineData("OXYCODONE 2.5/APAP 500", "ACETAMINOPHEN; OXYCODONE HYDROCHLORIDE", null)]
    [InlineData("EPINEPHRINE (AUTOINJECTOR)", "EPINEPHRINE", null)]
    public void A_product_name_is_a_brand_only_when_it_is_more_than_its_ingredients(string drugName, string activeIngredient, string? brand)
    {
        Assert.Equal(brand, DrugsAtFdaImporter.BrandName(drugName, activeIngredient));
    }

    [Fact]
    public async Task The_2019_FDA_download_imports_whole_and_again_unchanged()
    {
        var file = SharedData.Require("fda-drugsatfda/drugsatfda20190702.zip");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "drugsatfda", file);

        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+39,473\b", output);
        // The five products whose application is missing from Applications.txt (040850, 040853, 071403, 077089, 200171):
        // without it their type (NDA, ANDA, BLA), and so their application number, is unknown.
        Assert.Matches(@"rejected\s+5\b", output);
        Assert.Matches(@"added\s+39,468\b", output);
        Assert.Contains("application 040850 is not in Applications.txt", output, StringComparison.Ordinal);
        Assert.Equal(39_468, await app.WithDbAsync(db => db.Set<DrugProduct>().CountAsync(Ct)));

        var lipitor = await app.WithDbAsync(db => db.Set<DrugProduct>().AsNoTracking()
            .Where(p => p.ApplicationNumber == "NDA020702").Select(p => new { p.ProductName, p.Drug.Slug, p.Drug.IngredientKey }).ToListAsync(Ct));
        Assert.NotEmpty(lipitor);
        Assert.All(lipitor, p => Assert.Equal(("LIPITOR", "atorvastatin", "atorvastatin"), (p.ProductName, p.Slug, p.IngredientKey)));
        var atorvastatin = await DrugAsync(app, "atorvastatin");
        Assert.Contains("Lipitor", Names(atorvastatin, DrugNameType.Brand));
        Assert.DoesNotContain(atorvastatin.Names, n => n.Type == DrugNameType.Brand && n.Normalized.StartsWith("atorvastatin", StringComparison.Ordinal));

        var (again, secondOutput) = await app.RunCommandAsync("import", "drugsatfda", file);

        TestContext.Current.TestOutputHelper?.WriteLine(secondOutput);
        Assert.Equal(0, again);
        Assert.Matches(@"unchanged\s+39,468\b", secondOutput);
        Assert.Matches(@"updated\s+0\b", secondOutput);
    }
}
