using System.Net;
using System.Text;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Features.MyMedicine.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MedAtlas.Tests.Features.MyMedicine.MyMedicineFixtures;
using R4 = Hl7.Fhir.Model;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>The app for the FHIR tests: the accounts app with the fixture RxNorm crosswalk imported, so catalogue drugs have codes.</summary>
public sealed class FhirApp : AccountsApp
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        CreateClient().Dispose();
        var (exitCode, output) = await RunCommandAsync("import", "rxnorm-ingredients", SharedData.Fixture("unii-rxnorm-crosswalk", "crosswalk.tsv"));
        if (exitCode != 0)
            throw new InvalidOperationException(output);
    }
}

/// <summary>
/// FHIR R4 in and out of My Medicine: the export (a document Bundle the SDK parses strictly, RxNorm where the catalogue
/// knows the code, text otherwise), who may download it, and the reader that imports such a Bundle or a US Core list
/// back, with a message for each kind of file it cannot read.
/// </summary>
public sealed class FhirTests(FhirApp app) : IClassFixture<FhirApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly FhirJsonDeserializer StrictParser =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, NarrativeValidationKind.FhirXhtml));

    private static string ExportPath(Guid profileId) => $"/my/profiles/{profileId}/export/fhir";

    private static string ApiPath(Guid profileId) => $"/api/v1/my/profiles/{profileId}/fhir";

    /// <summary>A grandmother's list: coded catalogue drugs, a combination, free text, as-needed, stopped; an allergy and a condition.</summary>
    private async Task<(TestAccount Owner, Guid ProfileId)> GrandmotherAsync()
    {
        var owner = await app.CreateAccountAsync("fhir-{n}@example.org", "Fhir Owner");
        var profileId = await app.CreateProfileAsync(owner, "Grandma Rose & <Co>", Relationship.Grandparent, 1950, Sex.Female);
        await app.AddMedicineAsync(owner, profileId, "atorvastatin", Medicine("atorvastatin") with
        {
            Strength = "20 mg", DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1, Route = "by mouth",
            StartDate = new DateOnly(2024, 3, 5), Ndc = "0071-0155-23", LotNumber = "AB123", Notes = "Take in the evening.",
        });
        await app.AddMedicineAsync(owner, profileId, "ibuprofen", Medicine("ibuprofen") with
        {
            DoseAmount = 200, DoseUnit = "mg", Frequency = DoseFrequency.AsNeeded, FrequencyCount = 3, Route = "by mouth",
        });
        await app.AddMedicineAsync(owner, profileId, "amoxicillin-clavulanate", Medicine("amoxicillin-clavulanate") with
        {
            DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.EveryHours, FrequencyCount = 12, StartDate = new DateOnly(2024, 4, 1), EndDate = new DateOnly(2024, 4, 10),
        });
        await app.AddMedicineAsync(owner, profileId, "Grandma's nettle tea", Medicine("Grandma's nettle tea") with { Frequency = DoseFrequency.TimesAWeek, FrequencyCount = 2 });
        var stopped = await app.AddMedicineAsync(owner, profileId, "lisinopril", Medicine("lisinopril") with { DoseAmount = 10, DoseUnit = "mg", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1 });
        await app.WithDbAsync(async db =>
        {
            var medicine = await db.Set<SavedMedicine>().SingleAsync(m => m.Id == stopped, Ct);
            (medicine.Status, medicine.StoppedOn, medicine.StopReason) = (MedicineStatus.Stopped, new DateOnly(2024, 5, 2), "dry cough");
            db.Set<ProfileCondition>().Add(new ProfileCondition { ProfileId = profileId, Name = "High blood pressure", ConditionSlug = "high-blood-pressure", AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        await app.AddAllergyAsync(profileId, AllergyKind.Class, "penicillins", "Penicillins", "hives");
        return (owner, profileId);
    }

    private static R4.Bundle ParseStrictly(string json)
    {
        var parsed = StrictParser.TryDeserializeResource(json, out var resource, out var issues);
        Assert.True(parsed, string.Join(Environment.NewLine, issues.Select(i => $"{i.ErrorCode}: {i.Message}")));
        return Assert.IsType<R4.Bundle>(resource);
    }

    private static T Resolve<T>(R4.Bundle bundle, R4.ResourceReference reference)
        where T : R4.Resource =>
        Assert.IsType<T>(Assert.Single(bundle.Entry, e => e.FullUrl == reference.Reference).Resource);

    private static R4.MedicationStatement StatementFor(R4.Bundle bundle, string name) =>
        Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<R4.MedicationStatement>(), s => string.Equals(((R4.CodeableConcept)s.Medication).Text, name, StringComparison.OrdinalIgnoreCase));

    private async Task<MedicineListFile> ReadAsync(byte[] bytes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = Assert.Single(scope.ServiceProvider.GetServices<IMedicineListReader>(), r => r.Format == "FHIR R4");
        using var stream = new MemoryStream(bytes);
        return await reader.ReadAsync(stream, Ct);
    }

    private Task<MedicineListFile> ReadAsync(string text) => ReadAsync(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task The_export_is_a_document_bundle_the_SDK_parses_strictly_and_validates()
    {
        var (owner, profileId) = await GrandmotherAsync();
        using var client = await app.SignInAsync(owner);

        var response = await client.GetAsync(ExportPath(profileId), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^medicines-grandma-rose-co-\d{4}-\d{2}-\d{2}\.fhir\.json$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bundle = ParseStrictly(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(bundle.Validate(NarrativeValidationKind.FhirXhtml, FhirAttributeValidator.Default));

        // A document: identified, timestamped, Composition first; every entry a unique urn:uuid; every reference resolves.
        Assert.Equal(R4.Bundle.BundleType.Document, bundle.Type);
        Assert.Equal("urn:ietf:rfc:3986", bundle.Identifier!.System);
        Assert.StartsWith("urn:uuid:", bundle.Identifier.Value, StringComparison.Ordinal);
        Assert.NotNull(bundle.Timestamp);
        Assert.All(bundle.Entry, e => Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", e.FullUrl));
        Assert.Equal(bundle.Entry.Count, bundle.Entry.Select(e => e.FullUrl).Distinct().Count());
        var composition = Assert.IsType<R4.Composition>(bundle.Entry[0].Resource);
        Assert.Equal(R4.CompositionStatus.Final, composition.Status);
        Assert.Equal(("http://loinc.org", "60591-5"), (composition.Type.Coding[0].System, composition.Type.Coding[0].Code));
        Assert.Equal("Medication list for Grandma Rose & <Co>", composition.Title);
        Assert.NotNull(composition.Date);
        var device = Resolve<R4.Device>(bundle, Assert.Single(composition.Author));
        Assert.Equal("MedAtlas", device.DeviceName[0].Name);

        var patient = Resolve<R4.Patient>(bundle, composition.Subject!);
        Assert.Equal("Grandma Rose & <Co>", patient.Name[0].Text);
        Assert.Equal("1950", patient.BirthDate);
        Assert.Equal(R4.AdministrativeGender.Female, patient.Gender);

        var medicines = composition.Section.Single(s => s.Code!.Coding[0].Code == "10160-0");
        var statements = bundle.Entry.Select(e => e.Resource).OfType<R4.MedicationStatement>().ToList();
        Assert.Equal(5, statements.Count);
        Assert.Equal(
            bundle.Entry.Where(e => e.Resource is R4.MedicationStatement).Select(e => e.FullUrl).Order(StringComparer.Ordinal),
            medicines.Entry.Select(r => r.Reference).Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal(composition.Subject!.Reference, s.Subject!.Reference));
        // The narrative shows each medicine, and what a person typed is escaped, not markup.
        Assert.Contains("<td>Atorvastatin</td><td>20 mg</td><td>1 tablet, once a day</td><td>by mouth</td><td>5 Mar 2024</td><td>taking</td>", medicines.Text!.Div, StringComparison.Ordinal);
        Assert.Contains("Grandma&#39;s nettle tea", medicines.Text!.Div, StringComparison.Ordinal);

        var allergies = composition.Section.Single(s => s.Code!.Coding[0].Code == "48765-2");
        var allergy = Resolve<R4.AllergyIntolerance>(bundle, Assert.Single(allergies.Entry));
        Assert.Equal(("Penicillins", "hives"), (allergy.Code!.Text, allergy.Reaction[0].Manifestation[0].Text));
        Assert.Equal([R4.AllergyIntolerance.AllergyIntoleranceCategory.Medication], allergy.Category.Select(c => c!.Value));
        var problems = composition.Section.Single(s => s.Code!.Coding[0].Code == "11450-4");
        Assert.Equal("High blood pressure", Resolve<R4.Condition>(bundle, Assert.Single(problems.Entry)).Code!.Text);
    }

    [Fact]
    public async Task Medicines_are_coded_with_RxNorm_where_the_catalogue_knows_the_ingredient_and_named_in_text_always()
    {
        var (owner, profileId) = await GrandmotherAsync();
        using var client = await app.SignInAsync(owner);

        var bundle = ParseStrictly(await client.GetStringAsync(ExportPath(profileId), Ct));

        var atorvastatin = StatementFor(bundle, "atorvastatin");
        var concept = (R4.CodeableConcept)atorvastatin.Medication;
        Assert.Equal(
            [("http://www.nlm.nih.gov/research/umls/rxnorm", "83367"), ("http://hl7.org/fhir/sid/ndc", "00071015523")],
            concept.Coding.Select(c => (c.System, c.Code)));
        Assert.Equal(R4.MedicationStatement.MedicationStatusCodes.Active, atorvastatin.Status);
        var dosage = Assert.Single(atorvastatin.Dosage);
        Assert.Equal("1 tablet, once a day", dosage.Text);
        Assert.Equal((1, 1m, R4.Timing.UnitsOfTime.D), (dosage.Timing!.Repeat!.Frequency, dosage.Timing.Repeat.Period, dosage.Timing.Repeat.PeriodUnit));
        var dose = Assert.IsType<R4.Quantity>(Assert.Single(dosage.DoseAndRate).Dose);
        Assert.Equal((1m, "tablet"), (dose.Value, dose.Unit));
        Assert.Equal("by mouth", dosage.Route!.Text);
        Assert.Equal("2024-03-05", Assert.IsType<R4.Period>(atorvastatin.Effective).Start);
        Assert.Equal("Take in the evening.", Assert.Single(atorvastatin.Note).Text);

        var ibuprofen = StatementFor(bundle, "ibuprofen");
        Assert.Equal("5640", ((R4.CodeableConcept)ibuprofen.Medication).Coding.Single().Code);
        var asNeeded = ibuprofen.Dosage.Single();
        Assert.True(Assert.IsType<R4.FhirBoolean>(asNeeded.AsNeeded).Value);
        Assert.Equal(3, asNeeded.Timing!.Repeat!.Frequency);
        var mg = Assert.IsType<R4.Quantity>(asNeeded.DoseAndRate[0].Dose);
        Assert.Equal((200m, "mg", "http://unitsofmeasure.org", "mg"), (mg.Value, mg.Unit, mg.System, mg.Code));

        // A combination has no ingredient code; a name the catalogue does not know is text alone.
        Assert.Empty(((R4.CodeableConcept)StatementFor(bundle, "amoxicillin-clavulanate").Medication).Coding);
        var tea = StatementFor(bundle, "Grandma's nettle tea");
        Assert.Empty(((R4.CodeableConcept)tea.Medication).Coding);
        Assert.Equal("twice a week", tea.Dosage.Single().Text);

        var stopped = StatementFor(bundle, "lisinopril");
        Assert.Equal(R4.MedicationStatement.MedicationStatusCodes.Stopped, stopped.Status);
        Assert.Equal("dry cough", Assert.Single(stopped.StatusReason).Text);
        Assert.Equal("2024-05-02", Assert.IsType<R4.Period>(stopped.Effective).End);
    }

    [Fact]
    public void The_validation_the_export_passes_does_find_a_broken_resource()
    {
        // Guards the test above: an empty result from Validate must mean something.
        var broken = new R4.Bundle { Type = R4.Bundle.BundleType.Document };
        broken.Entry.Add(new R4.Bundle.EntryComponent { FullUrl = "urn:uuid:5b1f3c1e-98c6-4e36-9d9b-0e8f5e2f7a10", Resource = new R4.MedicationStatement() });

        Assert.NotEmpty(broken.Validate(NarrativeValidationKind.FhirXhtml, FhirAttributeValidator.Default));
    }

    [Fact]
    public async Task An_exported_list_reads_back_as_the_same_medicines()
    {
        var (owner, profileId) = await GrandmotherAsync();
        using var client = await app.SignInAsync(owner);
        var bytes = await client.GetByteArrayAsync(ExportPath(profileId), Ct);
        var saved = await app.WithDbAsync(db => db.Set<SavedMedicine>().AsNoTracking().Where(m => m.ProfileId == profileId).ToListAsync(Ct));

        var file = await ReadAsync(bytes);

        Assert.Null(file.FileProblem);
        Assert.Equal("FHIR R4", file.Format);
        Assert.All(file.Rows, r => Assert.Null(r.Problem));
        var read = file.Rows.Select(r => r.Values!).ToList();
        // An RxNorm code finds the catalogue drug at once; a name without one (the combination) is found when it is added.
        Assert.Equal("atorvastatin", read.Single(v => v.Name == "Atorvastatin").DrugSlug);
        var stopped = Assert.Single(file.Rows, r => r.Status is not null);
        Assert.Equal(("Lisinopril", MedicineStatus.Stopped, "dry cough"), (stopped.Values!.Name, stopped.Status!.Status, stopped.Status.Reason));

        // Back in through the import page, as a person would: upload, preview, add.
        var copy = await app.CreateProfileAsync(owner, "Copy");
        var preview = await ImportPage.UploadAsync(client, copy, "grandmother.fhir.json", bytes);
        Assert.Contains($"{read.Count} medicines will be added", Html.Text(preview), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await ImportPage.ConfirmAsync(client, copy, preview)).StatusCode);

        // Only what FHIR's MedicationStatement carries comes back: strength, lot, prescriber, pharmacy and supply stay behind.
        static object Carried(SavedMedicine m) =>
            (m.Name, m.DrugSlug, m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount, m.Route, m.StartDate, m.EndDate, m.Ndc, m.Notes, m.Status, m.StoppedOn, m.StopReason);
        var copied = await app.WithDbAsync(db => db.Set<SavedMedicine>().AsNoTracking().Where(m => m.ProfileId == copy).ToListAsync(Ct));
        Assert.Equal(
            saved.OrderBy(m => m.Name, StringComparer.Ordinal).Select(Carried),
            copied.OrderBy(m => m.Name, StringComparer.Ordinal).Select(Carried));
    }

    [Fact]
    public async Task The_API_answers_the_same_document()
    {
        var (owner, profileId) = await GrandmotherAsync();
        using var client = await app.SignInAsync(owner);

        var response = await client.GetAsync(ApiPath(profileId), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = ParseStrictly(await response.Content.ReadAsStringAsync(Ct));
        Assert.IsType<R4.Composition>(bundle.Entry[0].Resource);
        Assert.Equal(5, bundle.Entry.Count(e => e.Resource is R4.MedicationStatement));
        var openApi = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("Export a profile as a FHIR R4 document Bundle", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_account_gets_404_on_both_export_routes_and_a_visitor_must_sign_in()
    {
        var (_, profileId) = await GrandmotherAsync();
        var other = await app.CreateAccountAsync("fhir-other-{n}@example.org", "Other Person");
        using var asOther = await app.SignInAsync(other);
        using var visitor = app.NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(ExportPath(profileId), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(ApiPath(profileId), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(ExportPath(Guid.NewGuid()), Ct)).StatusCode);
        var page = await visitor.GetAsync(ExportPath(profileId), Ct);
        Assert.Equal((HttpStatusCode.Redirect, "/sign-in"), (page.StatusCode, page.RedirectPath()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync(ApiPath(profileId), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_caregivers_export_goes_into_the_profiles_access_log_and_the_owners_does_not()
    {
        var (owner, profileId) = await GrandmotherAsync();
        var helper = await app.CreateAccountAsync("fhir-helper-{n}@example.org", "Helpful Sibling");
        await app.WithDbAsync(db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profileId, AccountId = helper.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });
        using var asOwner = await app.SignInAsync(owner);
        using var asHelper = await app.SignInAsync(helper);

        Assert.Equal(HttpStatusCode.OK, (await asOwner.GetAsync(ExportPath(profileId), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asHelper.GetAsync(ExportPath(profileId), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asHelper.GetAsync(ApiPath(profileId), Ct)).StatusCode);

        var log = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().AsNoTracking().Where(e => e.ProfileId == profileId).ToListAsync(Ct));
        Assert.Equal(2, log.Count);
        Assert.All(log, e => Assert.Equal((helper.Id, "Helpful Sibling", "exported"), (e.AccountId, e.AccountName, e.Action)));
    }

    [Fact]
    public async Task A_US_Core_list_of_planned_MedicationRequests_imports_with_what_it_says()
    {
        var file = await ReadAsync(await File.ReadAllBytesAsync(SharedData.Fixture("fhir", "us-core-requests.json"), Ct));

        Assert.Null(file.FileProblem);
        Assert.Equal([2, 4, 5, 6], file.Rows.Select(r => r.Row));
        var metformin = file.Rows[0].Values!;
        Assert.Equal(("metformin", "metformin"), (metformin.Name, metformin.DrugSlug));
        Assert.Equal((500m, "mg", DoseFrequency.TimesADay, (int?)2, "by mouth"), (metformin.DoseAmount, metformin.DoseUnit, metformin.Frequency, metformin.FrequencyCount, metformin.Route));
        Assert.Equal((new DateOnly(2024, 2, 1), 60m, (int?)30, "Dr Ana Example"), (metformin.StartDate!.Value, metformin.Quantity!.Value, metformin.DaysSupply, metformin.Prescriber));
        Assert.Equal("Dose as written in the file: 500 mg twice a day with meals", metformin.Notes);

        var examplamab = file.Rows[1].Values!;
        Assert.Equal(("Examplamab 10 mg tablet", null, "LOT-42A"), (examplamab.Name, examplamab.DrugSlug, examplamab.LotNumber));
        Assert.Equal((1m, "tablet", DoseFrequency.NotStated), (examplamab.DoseAmount, examplamab.DoseUnit, examplamab.Frequency));
        Assert.Equal("Dose as written in the file: 1 tablet every other day", examplamab.Notes);

        Assert.Equal("Lisinopril 10 mg tablet: only planned medicines (intent=plan) are imported; this one is intent=order.", file.Rows[2].Problem);
        // A stopped request comes in stopped, not as a medicine taken now.
        Assert.Equal(MedicineStatus.Stopped, file.Rows[3].Status?.Status);
    }

    [Fact]
    public async Task An_R5_patient_summary_is_refused_as_R5()
    {
        var file = await ReadAsync(await File.ReadAllBytesAsync(SharedData.Fixture("fhir", "r5-ips.json"), Ct));

        Assert.Empty(file.Rows);
        Assert.Equal(
            "This is a FHIR R5 file (MedicationStatement.medication is an R5 CodeableReference, where R4 has medicationCodeableConcept or medicationReference). " +
            "MedAtlas reads FHIR R4: export the list as FHIR R4 from the app it came from.",
            file.FileProblem);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "", "This file is not JSON, so it is not a FHIR R4 file." },
        { "Name,Dose\natorvastatin,20 mg\n", "This file is not JSON, so it is not a FHIR R4 file." },
        { """{"name": "atorvastatin", "dose": "20 mg"}""", "This file is JSON but not FHIR: a FHIR file names its resourceType, and this one does not." },
        { """[{"resourceType": "Bundle"}]""", "This file is JSON but not FHIR" },
        { """{"resourceType": "Patient", "name": [{"text": "Sam"}]}""", "This is a single FHIR Patient, not a Bundle." },
        { """{"resourceType": "Prescription"}""", "“Prescription” is not a FHIR R4 resource type, so this is not a FHIR R4 file." },
        { """{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "InventoryItem", "status": "active"}}]}""", "This is a FHIR R5 file (it holds InventoryItem, a resource R4 does not have)." },
        { """{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": {"text": "Aspirin"}, "subject": {"reference": "Patient/1"}, "effective": {"start": "2024-01-01"}}}]}""", "This file is not FHIR R4: Choice element 'effective' should be suffixed by a type." },
        { """{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Patient", "name": [{"text": "Sam"}]}}]}""", "This FHIR Bundle holds no MedicationStatement or MedicationRequest, so there is no medicine list in it." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_an_R4_medicine_list_is_refused_with_what_it_is(string content, string message)
    {
        var file = await ReadAsync(content);

        Assert.Empty(file.Rows);
        Assert.NotNull(file.FileProblem);
        Assert.StartsWith(message, file.FileProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_unread()
    {
        var file = await ReadAsync(new byte[IMedicineListReader.MaxBytes + 1]);

        Assert.Equal("This file is larger than 1 MB. A FHIR medicine list is far smaller; is it the right file?", file.FileProblem);
    }

    [Fact]
    public async Task A_slightly_wrong_R4_file_is_still_read_and_a_bad_row_says_why()
    {
        // Another app's file: the status code is not R4's (the lenient parse keeps going) and one dose is negative.
        var file = await ReadAsync("""
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"resource": {"resourceType": "MedicationStatement", "status": "taking", "medicationCodeableConcept": {"text": "Aspirin"}, "subject": {"reference": "Patient/1"}}},
              {"resource": {"resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": {"text": "Warfarin"}, "subject": {"reference": "Patient/1"},
                "dosage": [{"doseAndRate": [{"doseQuantity": {"value": -5, "unit": "mg"}}]}]}}
            ]}
            """);

        Assert.Null(file.FileProblem);
        Assert.Equal("Aspirin", file.Rows[0].Values?.Name);
        Assert.Equal("Warfarin: Enter the dose as a number above 0, like 1 or 2.5 (or leave it empty).", file.Rows[1].Problem);
    }

    [Theory]
    [InlineData("list.json", "", true)]
    [InlineData("LIST.FHIR", "", true)]
    [InlineData("export.txt", "  \n{\"resourceType\"", true)]
    [InlineData("list.csv", "Name,Dose", false)]
    public void The_reader_recognises_FHIR_JSON_by_name_or_first_character(string name, string head, bool recognised)
    {
        var reader = new FhirMedicineListReader(null!, TimeProvider.System);

        Assert.Equal(recognised, reader.Recognises(name, Encoding.UTF8.GetBytes(head)));
    }
}
