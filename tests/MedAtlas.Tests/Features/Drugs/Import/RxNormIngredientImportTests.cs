using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Drugs.Import;

/// <summary>
/// <c>import rxnorm-ingredients</c> over a small crosswalk written in the FDA UNII-RxNorm file's format
/// (tests/fixtures/unii-rxnorm-crosswalk), and over the real April 2014 file; then what <see cref="DrugCodes"/> gives
/// the catalogue's drugs from it.
/// </summary>
public sealed class RxNormIngredientImportTests
{
    private const string RealFile = "unii-rxnorm-crosswalk/FDA_RXNORM_DRUGBANK_CHEBI_COMBINED_MAPPING_04042014_TRIADS.tsv";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => SharedData.Fixture("unii-rxnorm-crosswalk", name);

    private static async Task<IReadOnlyDictionary<string, string>> CodesAsync(MedAtlasApp app, params string[] slugs)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DrugCodes>().RxCuiForAsync(slugs, Ct);
    }

    private static Task<Dictionary<string, string>> StoredAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<IngredientCode>().AsNoTracking().ToDictionaryAsync(c => c.Ingredient, c => c.RxCui, Ct));

    [Fact]
    public async Task Single_ingredient_drugs_get_their_ingredient_code_and_ambiguous_terms_none()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "rxnorm-ingredients", Fixture("crosswalk.tsv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+9\b", output);
        Assert.Matches(@"added\s+5\b", output);
        Assert.Matches(@"rejected\s+2\b", output);
        Assert.Matches(@"ambiguous\s+1\b", output);
        Assert.Matches(@"skipped\s+1\b", output);
        Assert.Contains("line 11: 'None' is not an RxCUI (digits only) for WARFARIN", output, StringComparison.Ordinal);
        Assert.Contains("line 12: 2 tab-separated fields where the header has 6", output, StringComparison.Ordinal);

        Assert.Equal(
            new Dictionary<string, string> { ["atorvastatin"] = "83367", ["amoxicillin"] = "723", ["ibuprofen"] = "5640", ["metformin"] = "6809", ["lisinopril"] = "29046" },
            await StoredAsync(app));
        // A combination has no ingredient code of its own; a drug the file does not name has none either.
        Assert.Equal(
            new Dictionary<string, string> { ["atorvastatin"] = "83367", ["amoxicillin"] = "723" },
            await CodesAsync(app, "atorvastatin", "amoxicillin", "amoxicillin-clavulanate", "simvastatin", "warfarin", "no-such-drug"));
        var source = await app.WithDbAsync(db => db.Set<IngredientCode>().Where(c => c.Ingredient == "atorvastatin").Select(c => c.Source).SingleAsync(Ct));
        Assert.Equal("FDA UNII-RxNorm crosswalk (crosswalk.tsv)", source);
    }

    [Fact]
    public async Task Importing_the_crosswalk_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "rxnorm-ingredients", Fixture("crosswalk.tsv"));

        var (exitCode, output) = await app.RunCommandAsync("import", "rxnorm-ingredients", Fixture("crosswalk.tsv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+5\b", output);
    }

    [Fact]
    public async Task A_term_that_becomes_ambiguous_loses_the_code_an_earlier_file_gave_it()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "rxnorm-ingredients", Fixture("unambiguous.tsv"));
        Assert.Equal("9990001", (await StoredAsync(app))["examplamab"]);

        var (exitCode, output) = await app.RunCommandAsync("import", "rxnorm-ingredients", Fixture("crosswalk.tsv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"ambiguous\s+1\b", output);
        Assert.DoesNotContain("examplamab", (await StoredAsync(app)).Keys);
        Assert.Equal("83367", (await StoredAsync(app))["atorvastatin"]);
    }

    [Theory]
    [InlineData("icd10cm/good.csv", "This is not the UNII-RxNorm crosswalk")]
    [InlineData("ddinter/folder", "folder is a folder")]
    public async Task A_file_of_another_format_is_refused_and_nothing_is_written(string fixture, string message)
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "rxnorm-ingredients", SharedData.Fixture(fixture.Split('/')));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(app));
    }

    [Fact]
    public async Task The_real_April_2014_crosswalk_codes_the_starter_catalogue()
    {
        var file = SharedData.Require(RealFile);
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "rxnorm-ingredients", file);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+18,568\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        // Each term has one row in this file, so none is ambiguous; salts and brands are terms of their own.
        Assert.Matches(@"ambiguous\s+0\b", output);
        var codes = await CodesAsync(app, "atorvastatin", "metformin", "acetaminophen", "lisinopril", "hydrocodone-acetaminophen", "amoxicillin-clavulanate");
        Assert.Equal("83367", codes["atorvastatin"]);
        Assert.Equal("6809", codes["metformin"]);
        Assert.Equal("161", codes["acetaminophen"]);
        Assert.Equal("29046", codes["lisinopril"]);
        Assert.False(codes.ContainsKey("hydrocodone-acetaminophen"));
        Assert.False(codes.ContainsKey("amoxicillin-clavulanate"));
    }
}
