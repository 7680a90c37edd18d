using System.IO.Compression;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Drugs.Import;

/// <summary>
/// <c>import dailymed</c>: SPL labels from an XML file, a label zip, a bulk zip of label zips or a folder, filed
/// under the drug with their active ingredients. Hand-written fixtures in tests/fixtures/dailymed, and the real
/// DailyMed files in ../shared/data when they are there.
/// </summary>
public sealed class DailyMedImportTests
{
    private const string QuinaprilSetId = "5e7d1f00-aaaa-4bbb-8ccc-000000000001";
    private const string RepackSetId = "5e7d1f00-aaaa-4bbb-8ccc-000000000003";
    private const string ComboSetId = "5e7d1f00-aaaa-4bbb-8ccc-000000000004";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => SharedData.Fixture("dailymed", name);


    private static Task<(int ExitCode, string Output)> ImportAsync(MedAtlasApp app, string path) =>
        app.RunCommandAsync("import", "dailymed", path);

    private static Task<DrugLabel> LabelAsync(MedAtlasApp app, string setId) =>
        app.WithDbAsync(db => db.Set<DrugLabel>().Include(l => l.Sections).Include(l => l.Drug).ThenInclude(d => d.Names)
            .AsSplitQuery().SingleAsync(l => l.SetId == setId, Ct));

    private static Task<long> DrugsStampAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<DataStamp>().Where(s => s.Name == "drugs").Select(s => s.Version).FirstOrDefaultAsync(Ct));

    private static Task<int> CountAsync<T>(MedAtlasApp app)
        where T : class =>
        app.WithDbAsync(db => db.Set<T>().CountAsync(Ct));

    private static string Section(DrugLabel label, string loinc) =>
        label.Sections.Single(s => s.LoincCode == loinc).Html;

    [Fact]
    public async Task A_label_imports_with_its_products_labeler_and_sections()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var stampBefore = await DrugsStampAsync(app);

        var (exitCode, output) = await ImportAsync(app, Fixture("rx-v1.xml"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Import of dailymed from rx-v1.xml finished", output, StringComparison.Ordinal);
        Assert.Matches(@"read\s+1\b", output);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"rejected\s+0\b", output);

        var label = await LabelAsync(app, QuinaprilSetId);
        Assert.Equal("d1a0c8a2-0001-4c6e-9a51-000000000001", label.DocumentId);
        Assert.Equal(1, label.Version);
        Assert.Equal(new DateOnly(2024, 1, 5), label.EffectiveDate);
        Assert.Equal("TESTAPRIL® (quinapril hydrochloride) tablets, for oral use Initial U.S. Approval: 1991", label.Title);
        Assert.Equal("Example Pharmaceuticals Inc.", label.Labeler);
        Assert.Equal("HUMAN PRESCRIPTION DRUG LABEL", label.DocumentType);
        Assert.False(label.IsRepackager);
        Assert.Equal(ContentOrigin.Imported, label.Origin);

        Assert.Equal(["99999-0101", "99999-0102"], label.Products.Select(p => p.Ndc));
        var tablet = label.Products[0];
        Assert.Equal("Testapril", tablet.Name);
        Assert.Equal("TABLET, FILM COATED", tablet.DosageForm);
        Assert.Equal("ORAL", tablet.Route);
        Assert.Equal(["QUINAPRIL HYDROCHLORIDE 10 mg"], tablet.Ingredients);
        Assert.Equal(["QUINAPRIL HYDROCHLORIDE 20 mg"], label.Products[1].Ingredients);

        // The product data section is data, not words: it is not stored as a section.
        Assert.Equal(
            ["34066-1", "34067-9", "34068-7", "43685-7", "42229-5", "51945-4"],
            label.Sections.OrderBy(s => s.Position).Select(s => s.LoincCode));
        Assert.Equal(
            ["WARNING: FETAL TOXICITY", "1 INDICATIONS AND USAGE", "2 DOSAGE AND ADMINISTRATION", "5 WARNINGS AND PRECAUTIONS", "Untitled section", "Package label: principal display panel"],
            label.Sections.OrderBy(s => s.Position).Select(s => s.Title));

        Assert.Equal(
            "<ul><li>When pregnancy is detected, stop <strong>Testapril</strong> as soon as possible.</li><li>Drugs that act on the renin-angiotensin system can cause injury and death to the developing fetus.</li></ul>",
            Section(label, "34066-1"));
        var dosage = Section(label, "34068-7");
        Assert.Contains("<table><caption>Table 1: Starting dose</caption><thead><tr><th>Patient</th><th>Starting dose<sup>1</sup></th></tr></thead>", dosage, StringComparison.Ordinal);
        Assert.Contains("<td colspan=\"2\">Adjust at intervals of about 2 weeks<sup>1</sup>.</td>", dosage, StringComparison.Ordinal);
        Assert.Contains("</table><p><sup>1</sup> Taken once a day.</p>", dosage, StringComparison.Ordinal);
        Assert.Contains("<p>Use H<sub>2</sub>O to swallow; 10<sup>3</sup> is a thousand.<br>See the boxed warning.</p>", dosage, StringComparison.Ordinal);
        Assert.DoesNotContain("Figure 1", dosage, StringComparison.Ordinal);
        Assert.DoesNotContain("style", dosage, StringComparison.Ordinal);
        Assert.DoesNotContain("href", dosage, StringComparison.Ordinal);

        var warnings = Section(label, "43685-7");
        Assert.Contains("<em>Read all of this section.</em> <u>Important:</u> <strong><em>both</em></strong> &lt;script&gt;alert(1)&lt;/script&gt;", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", warnings, StringComparison.Ordinal);
        Assert.Contains("<h4>5.1 Angioedema</h4><ol><li>Swelling of the face, lips or tongue can happen.</li>", warnings, StringComparison.Ordinal);
        Assert.Equal("<p>Rx only</p>", Section(label, "42229-5"));
        Assert.Equal("", Section(label, "51945-4"));

        var drug = label.Drug;
        Assert.Equal("Quinapril", drug.Name);
        Assert.Equal("quinapril", drug.IngredientKey);
        Assert.Equal(DrugKind.Prescription, drug.Kind);
        Assert.Equal(ContentOrigin.Imported, drug.Origin);
        Assert.Contains(drug.Names, n => n is { Name: "Testapril", Type: DrugNameType.Brand, Origin: ContentOrigin.Imported });
        Assert.Equal(["tablet, film coated"], drug.Forms);
        Assert.Equal(["10 mg", "20 mg"], drug.Strengths);
        Assert.Equal(["oral"], drug.Routes);
        Assert.True(await DrugsStampAsync(app) > stampBefore);
    }

    [Fact]
    public async Task Importing_the_same_label_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, Fixture("rx-v1.xml"));
        var stamp = await DrugsStampAsync(app);
        var sections = await CountAsync<DrugLabelSection>(app);

        var (exitCode, output) = await ImportAsync(app, Fixture("rx-v1.xml"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Equal(stamp, await DrugsStampAsync(app));
        Assert.Equal(sections, await CountAsync<DrugLabelSection>(app));
        Assert.Equal(1, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task A_newer_version_replaces_the_older_one()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, Fixture("rx-v1.xml"));

        var (exitCode, output) = await ImportAsync(app, Fixture("rx-v2.xml"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"updated\s+1\b", output);
        var label = await LabelAsync(app, QuinaprilSetId);
        Assert.Equal(2, label.Version);
        Assert.Equal("d1a0c8a2-0002-4c6e-9a51-000000000001", label.DocumentId);
        Assert.Equal(new DateOnly(2024, 6, 10), label.EffectiveDate);
        Assert.Contains("version 2 wording", Section(label, "34067-9"), StringComparison.Ordinal);
        Assert.Equal("<p>Store at 20° to 25°C (68° to 77°F).</p>", Section(label, "44425-7"));
        Assert.Equal("Storage and handling", label.Sections.Single(s => s.LoincCode == "44425-7").Title);
        // Recent Major Changes has its words only in the Highlights excerpt.
        Assert.Equal("<p>Indications and Usage, Heart Failure (1) 6/2024</p>", Section(label, "43683-2"));
        Assert.Equal(Enumerable.Range(0, 8), label.Sections.Select(s => s.Position).Order());
        // The old version's sections are gone, not kept beside the new ones.
        Assert.Equal(8, await CountAsync<DrugLabelSection>(app));
        Assert.Equal(1, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task An_older_version_after_a_newer_one_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, Fixture("rx-v2.xml"));
        var stamp = await DrugsStampAsync(app);

        var (exitCode, output) = await ImportAsync(app, Fixture("rx-v1.xml"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
        var label = await LabelAsync(app, QuinaprilSetId);
        Assert.Equal(2, label.Version);
        Assert.Contains("version 2 wording", Section(label, "34067-9"), StringComparison.Ordinal);
        Assert.Equal(stamp, await DrugsStampAsync(app));
    }

    [Fact]
    public async Task Both_versions_in_one_input_keep_the_newer_whatever_the_order()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "versions")).FullName;
        // Ordinal order reads "a-v2" before "b-v1".
        File.Copy(Fixture("rx-v2.xml"), Path.Combine(folder, "a-v2.xml"));
        File.Copy(Fixture("rx-v1.xml"), Path.Combine(folder, "b-v1.xml"));

        var (_, output) = await ImportAsync(app, folder);

        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Equal(2, (await LabelAsync(app, QuinaprilSetId)).Version);
        Assert.Equal(8, await CountAsync<DrugLabelSection>(app));
    }

    [Fact]
    public async Task A_repackagers_label_lands_on_the_same_drug()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await ImportAsync(app, Fixture("rx-v1.xml"));

        var (exitCode, output) = await ImportAsync(app, Fixture("repack.xml"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+1\b", output);
        var repack = await LabelAsync(app, RepackSetId);
        var original = await LabelAsync(app, QuinaprilSetId);
        Assert.True(repack.IsRepackager);
        Assert.False(original.IsRepackager);
        Assert.Equal("Example Repack LLC", repack.Labeler);
        Assert.Equal(original.DrugId, repack.DrugId);
        // The label has an empty title: the product's name stands in.
        Assert.Equal("Quinapril", repack.Title);
        Assert.Equal(["88888-0201"], repack.Products.Select(p => p.Ndc));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Drug>().CountAsync(d => d.IngredientKey == "quinapril", Ct)));
        // A generic product name is not added as a brand.
        Assert.DoesNotContain(repack.Drug.Names, n => n.Type == DrugNameType.Brand && n.Name != "Testapril");
    }

    [Fact]
    public async Task A_combination_product_is_one_drug_with_both_ingredients()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, _) = await ImportAsync(app, Fixture("combo.xml"));

        Assert.Equal(0, exitCode);
        var label = await LabelAsync(app, ComboSetId);
        Assert.Equal("HUMAN OTC DRUG LABEL", label.DocumentType);
        Assert.Equal(["ACETAMINOPHEN 500 mg", "DIPHENHYDRAMINE HYDROCHLORIDE 25 mg"], label.Products.Single().Ingredients);
        Assert.Equal("Keep out of reach of children", label.Sections.Single(s => s.LoincCode == "50565-1").Title);
        var drug = label.Drug;
        Assert.Equal("acetaminophen + diphenhydramine", drug.IngredientKey);
        Assert.Equal("Acetaminophen and diphenhydramine", drug.Name);
        Assert.Equal(DrugKind.Otc, drug.Kind);
        Assert.Contains(drug.Names, n => n is { Name: "Dozeaway PM", Type: DrugNameType.Brand });
        Assert.Equal(["acetaminophen 500 mg / diphenhydramine 25 mg"], drug.Strengths);
        var ingredients = await app.WithDbAsync(db => db.Set<DrugIngredient>().Where(i => i.DrugId == drug.Id).OrderBy(i => i.Position).Select(i => i.Name).ToListAsync(Ct));
        Assert.Equal(["acetaminophen", "diphenhydramine"], ingredients);
    }

    [Fact]
    public async Task A_label_zip_with_its_images_imports()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var zip = Path.Combine(app.Database.DataDirectory, "quinapril-label.zip");
        WriteZip(zip, ("rx-v1.xml", File.ReadAllBytes(Fixture("rx-v1.xml"))), ("testapril-01.jpg", [0xFF, 0xD8, 0xFF, 0xE0]));

        var (exitCode, output) = await ImportAsync(app, zip);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+1\b", output);
        Assert.Matches(@"added\s+1\b", output);
        Assert.Equal(1, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task A_bulk_zip_of_label_zips_imports_each_label_and_names_the_bad_one()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var dir = app.Database.DataDirectory;
        var bulk = Path.Combine(dir, "bulk.zip");
        WriteZip(bulk,
            ("prescription/quinapril.zip", LabelZip("rx-v1.xml")),
            ("prescription/repack.zip", LabelZip("repack.xml")),
            ("otc/dozeaway.zip", LabelZip("combo.xml")),
            ("other/indexing.zip", LabelZip("not-a-label.xml")),
            ("other/broken.zip", LabelZip("malformed.xml")),
            ("other/pictures-only.zip", Zip(("carton.jpg", [0xFF, 0xD8]))));

        var (exitCode, output) = await ImportAsync(app, bulk);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+6\b", output);
        Assert.Matches(@"added\s+3\b", output);
        Assert.Matches(@"rejected\s+3\b", output);
        Assert.Contains("bulk.zip/other/indexing.zip/not-a-label.xml: not a drug label: an SPL indexing document 'Indexing - Pharmacologic Class' (60685-5)", output, StringComparison.Ordinal);
        Assert.Contains("bulk.zip/other/broken.zip/malformed.xml: not well-formed XML", output, StringComparison.Ordinal);
        Assert.Contains("bulk.zip/other/pictures-only.zip: the zip holds no XML file", output, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task A_folder_is_searched_recursively_for_xml_and_zip_files()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "labels")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "rx", "2024"));
        File.Copy(Fixture("rx-v1.xml"), Path.Combine(folder, "rx", "2024", "quinapril.xml"));
        File.WriteAllBytes(Path.Combine(folder, "rx", "repack.zip"), LabelZip("repack.xml"));
        File.WriteAllBytes(Path.Combine(folder, "bulk.zip"), Zip(("dozeaway.zip", LabelZip("combo.xml"))));
        File.Copy(Fixture("malformed.xml"), Path.Combine(folder, "malformed.xml"));
        File.Copy(Fixture("not-spl.xml"), Path.Combine(folder, "feed.xml"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not an input", Ct);

        var (exitCode, output) = await ImportAsync(app, folder);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+5\b", output);
        Assert.Matches(@"added\s+3\b", output);
        Assert.Matches(@"rejected\s+2\b", output);
        Assert.Contains("malformed.xml: not well-formed XML", output, StringComparison.Ordinal);
        Assert.Contains("feed.xml: the root element is <rss>, not an HL7 SPL <document>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", output, StringComparison.Ordinal);
        Assert.Equal([QuinaprilSetId, RepackSetId, ComboSetId], await app.WithDbAsync(db => db.Set<DrugLabel>().Select(l => l.SetId).OrderBy(s => s).ToListAsync(Ct)));
    }

    [Theory]
    [InlineData("malformed.xml", "malformed.xml is not a DailyMed SPL label: not well-formed XML")]
    [InlineData("not-spl.xml", "not-spl.xml is not a DailyMed SPL label: the root element is <rss>")]
    [InlineData("README.md", "README.md is not a DailyMed SPL label: not well-formed XML")]
    public async Task A_file_that_is_not_SPL_is_refused_and_nothing_is_written(string fixture, string message)
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await ImportAsync(app, Fixture(fixture));

        Assert.Equal(2, exitCode);
        Assert.Contains("did not start", output, StringComparison.Ordinal);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task A_label_zip_with_a_broken_xml_a_zip_with_no_xml_and_an_empty_folder_are_refused()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var broken = Path.Combine(app.Database.DataDirectory, "broken.zip");
        File.WriteAllBytes(broken, LabelZip("malformed.xml"));
        var empty = Path.Combine(app.Database.DataDirectory, "pictures.zip");
        WriteZip(empty, ("carton.jpg", [0xFF, 0xD8]));

        var emptyFolder = Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "nothing-here")).FullName;
        await File.WriteAllTextAsync(Path.Combine(emptyFolder, "notes.txt"), "no labels", Ct);

        var (brokenExit, brokenOutput) = await ImportAsync(app, broken);
        var (emptyExit, emptyOutput) = await ImportAsync(app, empty);
        var (folderExit, folderOutput) = await ImportAsync(app, emptyFolder);

        Assert.Equal(2, brokenExit);
        Assert.Contains("broken.zip/malformed.xml is not a DailyMed SPL label: not well-formed XML", brokenOutput, StringComparison.Ordinal);
        Assert.Equal(2, emptyExit);
        Assert.Contains("pictures.zip holds no SPL XML file and no label zips", emptyOutput, StringComparison.Ordinal);
        Assert.Equal(2, folderExit);
        Assert.Contains("nothing-here holds no .xml or .zip files", folderOutput, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task An_SPL_document_that_is_not_a_label_is_a_rejected_row_and_alone_exits_non_zero()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await ImportAsync(app, Fixture("not-a-label.xml"));

        // Issue 19: nothing could be imported, so the run is refused (exit 3), still naming the row and its reason.
        Assert.Equal(3, exitCode);
        Assert.Contains("nothing could be imported: all rows of not-a-label.xml were rejected (1)", output, StringComparison.Ordinal);
        Assert.Matches(@"rejected\s+1\b", output);
        Assert.Contains("not-a-label.xml: not a drug label: an SPL indexing document", output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task The_real_sample_labels_import_and_the_indexing_document_is_rejected()
    {
        var samples = SharedData.Require("dailymed-spl-samples");
        await using var app = await MedAtlasApp.StartAsync();
        var atorvastatinBefore = await app.WithDbAsync(db => db.Set<Drug>().AsNoTracking().SingleAsync(d => d.IngredientKey == "atorvastatin", Ct));

        var (exitCode, output) = await ImportAsync(app, samples);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+7\b", output);
        Assert.Matches(@"added\s+6\b", output);
        Assert.Matches(@"rejected\s+1\b", output);
        Assert.Contains("METHOXSALEN.xml: not a drug label: an SPL indexing document 'Indexing - Pharmacologic Class' (60685-5)", output, StringComparison.Ordinal);

        // Pfizer's LIPITOR label and PD-Rx's repackaged one are one drug: the curated atorvastatin entry.
        var orig = await LabelAsync(app, "c6e131fe-e7df-4876-83f7-9156fc4e8228");
        var repack = await LabelAsync(app, "17a163ef-b349-4e32-bc8c-b02bac7f65d6");
        Assert.Equal(atorvastatinBefore.Id, orig.DrugId);
        Assert.Equal(orig.DrugId, repack.DrugId);
        Assert.False(orig.IsRepackager);
        Assert.True(repack.IsRepackager);
        Assert.Equal("Parke-Davis Div of Pfizer Inc", orig.Labeler);
        Assert.Equal("PD-Rx Pharmaceuticals, Inc.", repack.Labeler);
        Assert.Equal(["0071-0155", "0071-0156", "0071-0157", "0071-0158"], orig.Products.Select(p => p.Ndc));
        Assert.Equal("ATORVASTATIN CALCIUM TRIHYDRATE 10 mg", orig.Products[0].Ingredients.Single());
        Assert.StartsWith("<p>Therapy with lipid-altering agents should be only one component", Section(orig, "34067-9"), StringComparison.Ordinal);
        Assert.StartsWith("<h4>5.1 Skeletal Muscle</h4><p><strong>Rare cases of rhabdomyolysis", Section(orig, "43685-7"), StringComparison.Ordinal);
        Assert.Equal(37, orig.Sections.Count);
        Assert.StartsWith("These highlights do not include all the information needed to use LIPITOR", orig.Title, StringComparison.Ordinal);

        // A starter entry gains labels and names, never imported facts.
        var atorvastatin = await app.WithDbAsync(db => db.Set<Drug>().Include(d => d.Names).AsNoTracking().SingleAsync(d => d.Id == atorvastatinBefore.Id, Ct));
        Assert.Equal(ContentOrigin.Starter, atorvastatin.Origin);
        Assert.Equal(atorvastatinBefore.Name, atorvastatin.Name);
        Assert.Equal(atorvastatinBefore.Forms, atorvastatin.Forms);
        Assert.Equal(atorvastatinBefore.Strengths, atorvastatin.Strengths);
        Assert.Equal(atorvastatinBefore.Summary, atorvastatin.Summary);
        Assert.Equal(atorvastatinBefore.UpdatedAt, atorvastatin.UpdatedAt);
        Assert.Contains(atorvastatin.Names, n => n.Normalized == "lipitor");

        // The old-format label with no title is titled by its product.
        Assert.Equal("Haloperidol", (await LabelAsync(app, "0027b8a3-73bf-4005-a7e3-b035f451a861")).Title);
        // The Humira kits hold adalimumab in their parts; the alcohol swab is not an active ingredient.
        var humira = await LabelAsync(app, "608d4f0d-b19f-46d3-749a-7159aa5f933d");
        Assert.Equal("adalimumab", humira.Drug.IngredientKey);
        Assert.DoesNotContain(humira.Drug.Names, n => n.Normalized == "alcohol swabs");
        // The OTC cough syrup is filed as an OTC medicine with both its ingredients.
        var cough = await LabelAsync(app, "00f66f25-3469-4c16-9baf-fba21e9628bd");
        Assert.Equal("diphenhydramine + phenylephrine", cough.Drug.IngredientKey);
        Assert.Contains(cough.Drug.Names, n => n is { Name: "TRIAMINIC Childrens Night Time Cold and Cough", Type: DrugNameType.Brand });
        Assert.Equal(6, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task The_real_lipitor_labels_land_on_one_drug_in_either_order()
    {
        var repackFile = SharedData.Require(Path.Combine("dailymed-spl-samples", "lipitor-repack.xml"));
        var origFile = SharedData.Require(Path.Combine("dailymed-spl-samples", "lipitor-orig.xml"));
        await using var app = await MedAtlasApp.StartAsync();

        await ImportAsync(app, repackFile);
        await ImportAsync(app, origFile);

        var drugIds = await app.WithDbAsync(db => db.Set<DrugLabel>().Select(l => l.DrugId).Distinct().ToListAsync(Ct));
        Assert.Single(drugIds);
        Assert.Equal(2, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task The_real_DailyMed_label_zips_all_import_from_their_folder_and_again_as_a_bulk_zip()
    {
        var zips = SharedData.Require("dailymed-spl-zips");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await ImportAsync(app, zips);

        // 89 label zips, each a different set id, each with products and active ingredients: nothing to reject.
        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+89\b", output);
        Assert.Matches(@"added\s+89\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.Equal(89, await CountAsync<DrugLabel>(app));

        var labels = await app.WithDbAsync(db => db.Set<DrugLabel>().Include(l => l.Drug).AsNoTracking().ToListAsync(Ct));
        Assert.All(labels, l => Assert.NotEmpty(l.Products));
        Assert.Equal(7, labels.Count(l => l.DocumentType == "PLASMA DERIVATIVE"));
        // Repackagers: Aidarex (2), RemedyRepack, Preferred Pharmaceuticals name the source product's NDC.
        Assert.Equal(
            ["Aidarex Pharmaceuticals LLC", "Aidarex Pharmaceuticals LLC", "Preferred Pharmaceuticals, Inc.", "REMEDYREPACK INC."],
            labels.Where(l => l.IsRepackager).Select(l => l.Labeler).Order(StringComparer.Ordinal));
        // Kits file under their parts' ingredients: the Tri-Previfem pack, the Fycompa starter kit.
        Assert.Equal("ethinyl estradiol + norgestimate", labels.Single(l => l.Title.StartsWith("TRI-PREVIFEM", StringComparison.Ordinal)).Drug.IngredientKey);
        Assert.Equal("perampanel", labels.Single(l => l.Products.Any(p => p.Name == "Fycompa" && p.DosageForm == "KIT")).Drug.IngredientKey);

        // The same labels as DailyMed's bulk form, a zip of the label zips: all already there.
        var bulk = Path.Combine(app.Database.DataDirectory, "dm_spl_monthly_update.zip");
        using (var archive = ZipFile.Open(bulk, ZipArchiveMode.Create))
        {
            foreach (var zip in Directory.EnumerateFiles(zips, "*.zip", SearchOption.AllDirectories))
                archive.CreateEntryFromFile(zip, Path.GetRelativePath(zips, zip).Replace('\\', '/'), CompressionLevel.NoCompression);
        }

        var (bulkExit, bulkOutput) = await ImportAsync(app, bulk);

        Assert.Equal(0, bulkExit);
        Assert.Matches(@"read\s+89\b", bulkOutput);
        Assert.Matches(@"unchanged\s+89\b", bulkOutput);
        Assert.Equal(89, await CountAsync<DrugLabel>(app));
    }

    [Fact]
    public async Task The_reader_keeps_products_packages_and_kit_parts_apart()
    {
        var humiraFile = SharedData.Require(Path.Combine("dailymed-spl-samples", "humira.xml"));
        var reader = new SplReader();

        async Task<SplDocument> ReadAsync(string path)
        {
            await using var stream = File.OpenRead(path);
            return (await reader.ReadAsync(stream, Ct)).Document!;
        }

        var quinapril = await ReadAsync(Fixture("rx-v1.xml"));
        Assert.Equal(["99999-0101-90"], quinapril.Products[0].PackageNdcs);
        Assert.Equal(new SplIngredient("QUINAPRIL HYDROCHLORIDE", "QUINAPRIL", "10 mg"), quinapril.Products[0].ActiveIngredients.Single());
        Assert.Equal("99999-0101", (await ReadAsync(Fixture("repack.xml"))).Products.Single().SourceNdc);

        var humira = await ReadAsync(humiraFile);
        var kit = humira.Products[0];
        Assert.True(kit.IsKit);
        Assert.Equal(["0074-3799-02", "0074-3799-71"], kit.PackageNdcs);
        Assert.Empty(kit.ActiveIngredients);
        Assert.Equal(["Humira", "Alcohol Swabs"], kit.Parts.Select(p => p.Name));
        Assert.Equal(new SplIngredient("ADALIMUMAB", "ADALIMUMAB", "40 mg/0.8 mL"), kit.Parts[0].ActiveIngredients.Single());
        Assert.Equal(["SUBCUTANEOUS"], kit.Parts[0].Routes);
        Assert.Empty(kit.Parts[1].ActiveIngredients);
        Assert.Equal("ADALIMUMAB", humira.ActiveIngredients().Single().Substance);
    }

    private static byte[] LabelZip(string fixture) =>
        Zip((fixture, File.ReadAllBytes(Fixture(fixture))), ("label-01.jpg", [0xFF, 0xD8, 0xFF, 0xE0]));

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    private static void WriteZip(string path, params (string Name, byte[] Content)[] entries) =>
        File.WriteAllBytes(path, Zip(entries));
}
