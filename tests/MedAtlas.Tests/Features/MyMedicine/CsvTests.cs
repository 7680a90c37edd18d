using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MedAtlas.Tests.Features.MyMedicine.ImportPage;
using static MedAtlas.Tests.Features.MyMedicine.MyMedicineFixtures;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>
/// CSV out and back in, over HTTP as a person does it: download the list, upload a file on the import page, read the
/// preview, confirm. Bad files (wrong columns, junk, 10 MB, bad rows) get a message beside the file field and save nothing.
/// </summary>
public sealed partial class CsvTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "name,drug,strength,dose,dose_unit,frequency,frequency_count,route,start_date,end_date,prescriber,pharmacy,ndc,lot,quantity,days_supply,remind_days_before,status,stopped_on,stop_reason,notes";

    [Fact]
    public async Task Export_is_a_UTF8_CSV_download_with_a_header_row_and_a_file_name_from_the_profile()
    {
        var owner = await app.CreateAccountAsync("csv-export-{n}@example.org", "Csv Exporter");
        var profileId = await app.CreateProfileAsync(owner, "Zoë & Dad");
        await app.AddMedicineAsync(owner, profileId, "Atorvastatin", Medicine("Atorvastatin") with
        {
            Strength = "20 mg", DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1,
            Route = "by mouth", StartDate = new DateOnly(2024, 3, 1), Ndc = "0071-0155-23", Notes = "At night, with \"water\", not juice",
        });
        using var client = await app.SignInAsync(owner);

        var response = await client.GetAsync($"/my/profiles/{profileId}/export/csv", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"medicines-zoë-dad-{DateTime.UtcNow:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        // The byte-order mark that makes Excel read the file as UTF-8.
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = text[1..].Split("\r\n");
        Assert.Equal(Header, lines[0]);
        Assert.StartsWith("Atorvastatin,atorvastatin,20 mg,1,tablet,TimesADay,1,by mouth,2024-03-01,,,,00071-0155-23,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",active,,,\"At night, with \"\"water\"\", not juice\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exported_list_imports_back_into_another_profile_as_the_same_medicines()
    {
        var owner = await app.CreateAccountAsync("csv-trip-{n}@example.org", "Round Tripper");
        var from = await app.CreateProfileAsync(owner, "Dad", Relationship.Parent, 1950);
        await app.AddMedicineAsync(owner, from, "metformin", Medicine("metformin") with
        {
            Strength = "500 mg", DoseAmount = 2, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 2, Route = "by mouth",
            StartDate = new DateOnly(2023, 1, 15), Prescriber = "Dr. Okafor", Pharmacy = "Main Street Pharmacy", Ndc = "0093-1048-01", LotNumber = "ab123",
            Quantity = 120, DaysSupply = 30, RemindDaysBefore = 5, Notes = "With breakfast and dinner.\nSecond line, with a comma",
        });
        await app.AddMedicineAsync(owner, from, "Grandma's herbal tea", Medicine("x") with { DoseAmount = 1, DoseUnit = "other", Frequency = DoseFrequency.AsNeeded });
        var paused = await app.AddMedicineAsync(owner, from, "ibuprofen", Medicine("ibuprofen") with { Strength = "200 mg", Frequency = DoseFrequency.EveryHours, FrequencyCount = 6 });
        var stopped = await app.AddMedicineAsync(owner, from, "amoxicillin", Medicine("amoxicillin") with { Strength = "500 mg", StartDate = new DateOnly(2025, 1, 2), EndDate = new DateOnly(2025, 1, 12) });
        await app.SetStatusAsync(owner, from, paused, MedicineStatus.Paused, null, "Stomach ache");
        await app.SetStatusAsync(owner, from, stopped, MedicineStatus.Stopped, new DateOnly(2025, 1, 12), "Course finished");
        var to = await app.CreateProfileAsync(owner, "Dad again", Relationship.Parent, 1950);
        using var client = await app.SignInAsync(owner);

        var csv = await client.GetByteArrayAsync($"/my/profiles/{from}/export/csv", Ct);
        var preview = await UploadAsync(client, to, "dad.csv", csv);
        var previewText = Html.Text(preview);

        Assert.Contains("4 medicines will be added to Dad again's list", previewText, StringComparison.Ordinal);
        Assert.Contains("Will be added as paused", previewText, StringComparison.Ordinal);
        Assert.Contains("Will be added as stopped 12 Jan 2025", previewText, StringComparison.Ordinal);
        Assert.Contains("Grandma's herbal tea, 1 other, when needed not in the catalogue: not checked for interactions", previewText, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(to));

        var confirmed = await ConfirmAsync(client, to, preview);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/my/profiles/{to}", confirmed.RedirectPath());
        var original = await MedicinesAsync(from);
        var imported = await MedicinesAsync(to);
        Assert.Equal(original.Select(Comparable), imported.Select(Comparable));
        Assert.All(imported, m => Assert.Contains(m.Changes, c => c.Summary.StartsWith("Imported from a CSV file: ", StringComparison.Ordinal)));
        // What the person downloads now is what they downloaded before, row for row.
        var again = await client.GetByteArrayAsync($"/my/profiles/{to}/export/csv", Ct);
        Assert.Equal(Encoding.UTF8.GetString(csv), Encoding.UTF8.GetString(again));
    }

    [Fact]
    public async Task Confirming_saves_every_row_once_and_a_second_click_adds_nothing_more()
    {
        var (client, profileId) = await NewProfileAsync();
        var preview = await UploadAsync(client, profileId, "list.csv", $"name,strength\nLisinopril,10 mg\nAmlodipine,5 mg\nLevothyroxine,50 mcg\n");

        Assert.Equal(0, await CountAsync(profileId));
        var first = await ConfirmAsync(client, profileId, preview);
        var second = await ConfirmAsync(client, profileId, preview);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("list changed since this preview", Html.Text(await second.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(profileId));
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_and_case_and_with_semicolons()
    {
        var (client, profileId) = await NewProfileAsync();

        var preview = await UploadAsync(client, profileId, "export.csv", "Dose Unit;DOSE;Name;Frequency;frequency_count\ntablets;1;Atorvastatin;times a day;1\n");
        var confirmed = await ConfirmAsync(client, profileId, preview);

        Assert.Contains("Atorvastatin, 1 tablet, once a day", Html.Text(preview), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var saved = Assert.Single(await MedicinesAsync(profileId));
        Assert.Equal(("tablet", 1m, DoseFrequency.TimesADay, 1), (saved.DoseUnit, saved.DoseAmount, saved.Frequency, saved.FrequencyCount));
        Assert.Equal("atorvastatin", saved.DrugSlug);
    }

    [Fact]
    public async Task Wrong_columns_are_named_beside_the_file_field_and_nothing_is_saved()
    {
        var (client, profileId) = await NewProfileAsync();

        var page = await UploadAsync(client, profileId, "meds.csv", "Medication,Amount,name\nAspirin,81 mg,x\n");

        Assert.Contains("These columns are not ones MedAtlas reads: ‘Medication’, ‘Amount’. The first line must be the header: name, drug, strength", FieldError(page), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", page, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task Binary_junk_is_not_a_CSV_file()
    {
        var (client, profileId) = await NewProfileAsync();
        var junk = new byte[200_000];
        new Random(9).NextBytes(junk);

        var page = await UploadAsync(client, profileId, "list.csv", junk);

        Assert.StartsWith("This is not a CSV file", FieldError(page), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task Ten_megabytes_are_refused_by_size_beside_the_file_field()
    {
        var (client, profileId) = await NewProfileAsync();
        var line = Encoding.ASCII.GetBytes("name,dose\nlots of junk,lots\n");
        var junk = Enumerable.Range(0, 10 * 1024 * 1024).Select(i => line[i % line.Length]).ToArray();

        var response = await UploadResponseAsync(client, profileId, "junk.csv", junk);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This file is 10.0 MB; MedAtlas imports files up to 1 MB.", FieldError(page), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task A_body_over_the_pages_limit_gets_the_friendly_error_page_and_saves_nothing()
    {
        var (client, profileId) = await NewProfileAsync();

        var response = await UploadResponseAsync(client, profileId, "huge.csv", new byte[13 * 1024 * 1024]);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));

        // Anti-forgery cannot read a form over the limit, so the page never runs: the site's own error page answers.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That request did not work", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task A_file_that_is_neither_CSV_nor_FHIR_says_which_formats_MedAtlas_reads()
    {
        var (client, profileId) = await NewProfileAsync();

        var page = await UploadAsync(client, profileId, "list.xlsx", "PK this is a workbook");

        Assert.Contains("MedAtlas reads CSV and FHIR R4 (JSON) files.", FieldError(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_with_a_negative_or_a_wordy_dose_are_named_and_hold_the_whole_file_back()
    {
        var (client, profileId) = await NewProfileAsync();

        var page = await UploadAsync(client, profileId, "list.csv", "name,dose,dose_unit,start_date\nLisinopril,1,tablet,2024-02-01\nMetformin,-5,tablet,\nIbuprofen,lots,tablet,\nAmlodipine,1,tablet,1/2/2024\n");
        var text = Html.Text(page);

        Assert.Contains("3 rows have problems (see the table below). Nothing has been added", FieldError(page), StringComparison.Ordinal);
        Assert.Contains("3 rows of 4 have problems", text, StringComparison.Ordinal);
        Assert.Contains("dose ‘-5’: Enter the dose as a number above 0", text, StringComparison.Ordinal);
        Assert.Contains("the dose ‘lots’ is not a number", text, StringComparison.Ordinal);
        Assert.Contains("the start_date ‘1/2/2024’ is not a date written as YYYY-MM-DD", text, StringComparison.Ordinal);
        // The good row is shown, but nothing can be added until the file is fixed.
        Assert.Contains("Lisinopril, 1 tablet Will be added", text, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", page, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task Row_numbers_are_the_spreadsheet_rows_with_the_header_as_row_1()
    {
        var (client, profileId) = await NewProfileAsync();

        var page = Html.Text(await UploadAsync(client, profileId, "list.csv", "name,dose\nA,1\n\"B\nstill B\",1\nC,lots\n"));

        Assert.Contains("4 Not added the dose ‘lots’ is not a number", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formula_cells_are_defused_in_the_export_and_come_back_as_typed()
    {
        var owner = await app.CreateAccountAsync("csv-formula-{n}@example.org", "Formula Tester");
        var profileId = await app.CreateProfileAsync(owner, "Sam");
        await app.AddMedicineAsync(owner, profileId, "=HYPERLINK(\"http://evil.example\",\"click\")", Medicine("x") with
        {
            Prescriber = "@Dr Evil", Pharmacy = "+1 555 0100", Notes = "-2 if dizzy",
        });
        using var client = await app.SignInAsync(owner);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/my/profiles/{profileId}/export/csv", Ct));
        var to = await app.CreateProfileAsync(owner, "Sam 2");
        var confirmed = await ConfirmAsync(client, to, await UploadAsync(client, to, "sam.csv", csv));

        var row = csv.Split("\r\n")[1];
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", row, StringComparison.Ordinal);
        Assert.Contains(",'@Dr Evil,'+1 555 0100,", row, StringComparison.Ordinal);
        Assert.EndsWith(",'-2 if dizzy", row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var back = Assert.Single(await MedicinesAsync(to));
        Assert.Equal(("=HYPERLINK(\"http://evil.example\",\"click\")", "@Dr Evil", "+1 555 0100", "-2 if dizzy"), (back.Name, back.Prescriber, back.Pharmacy, back.Notes));
    }

    [Fact]
    public async Task A_file_with_more_medicines_than_a_profile_keeps_is_refused_whole()
    {
        var (client, profileId) = await NewProfileAsync();
        var csv = "name\n" + string.Concat(Enumerable.Range(1, 500).Select(i => $"Medicine {i}\n"));

        var page = await UploadAsync(client, profileId, "many.csv", csv);

        Assert.Contains("This file lists 500 medicines; a profile keeps at most 150.", FieldError(page), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(profileId));
    }

    [Fact]
    public async Task A_file_that_would_overfill_the_profile_is_refused_before_the_preview()
    {
        var owner = await app.CreateAccountAsync("csv-full-{n}@example.org", "Full List");
        var profileId = await app.CreateProfileAsync(owner);
        for (var i = 0; i < 3; i++)
            await app.AddMedicineAsync(owner, profileId, $"Medicine {i}");
        using var client = await app.SignInAsync(owner);

        var page = await UploadAsync(client, profileId, "many.csv", "name\n" + string.Concat(Enumerable.Range(1, 148).Select(i => $"More {i}\n")));

        Assert.Contains("This file lists 148 medicines and Sam's list has 3; a profile keeps at most 150", FieldError(page), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(profileId));
    }

    [Fact]
    public async Task A_preview_sealed_for_another_profile_or_changed_is_refused_and_saves_nothing()
    {
        var owner = await app.CreateAccountAsync("csv-seal-{n}@example.org", "Seal Tester");
        var first = await app.CreateProfileAsync(owner, "First");
        var second = await app.CreateProfileAsync(owner, "Second");
        using var client = await app.SignInAsync(owner);
        var preview = await UploadAsync(client, first, "list.csv", "name\nAspirin\n");
        var token = AccountTestClient.TokenIn(preview)!;
        var sealedFile = SealedValue(preview);

        var elsewhere = await client.PostWithTokenAsync($"/my/profiles/{second}/import?handler=Confirm", token, new() { ["Sealed"] = sealedFile });
        var changed = await client.PostWithTokenAsync($"/my/profiles/{first}/import?handler=Confirm", token, new() { ["Sealed"] = sealedFile[..^4] + "AAAA" });

        Assert.Contains("Upload the file again", FieldError(await elsewhere.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Upload the file again", FieldError(await changed.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(first));
        Assert.Equal(0, await CountAsync(second));
    }

    [Fact]
    public async Task Another_account_gets_404_on_print_card_export_and_import()
    {
        var owner = await app.CreateAccountAsync("csv-owner-{n}@example.org", "Owner Person");
        var other = await app.CreateAccountAsync("csv-other-{n}@example.org", "Other Person");
        var profileId = await app.CreateProfileAsync(owner, "Private Sam");
        await app.AddMedicineAsync(owner, profileId, "atorvastatin");
        using var asOwner = await app.SignInAsync(owner);
        using var asOther = await app.SignInAsync(other);
        var preview = await UploadAsync(asOwner, profileId, "list.csv", "name\nAspirin\n");
        var otherToken = await asOther.GetFormTokenAsync("/account");

        foreach (var path in new[] { "print", "card", "export/csv", "import" })
        {
            var response = await asOther.GetAsync($"/my/profiles/{profileId}/{path}", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Private Sam", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "print", "card", "import", "import?handler=Confirm" })
        {
            var response = await asOther.PostWithTokenAsync($"/my/profiles/{profileId}/{path}", otherToken, new() { ["Sealed"] = SealedValue(preview) });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path}: {(int)response.StatusCode}");
        }

        var upload = await UploadResponseAsync(asOther, profileId, "list.csv", Encoding.UTF8.GetBytes("name\nAspirin\n"), otherToken);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(1, await CountAsync(profileId));
        // A visitor is sent to sign in.
        using var visitor = app.NewClient();
        var anonymous = await visitor.GetAsync($"/my/profiles/{profileId}/export/csv", Ct);
        Assert.Equal("/sign-in", anonymous.RedirectPath());
    }

    [Fact]
    public async Task A_caregiver_who_may_only_view_can_print_and_export_but_not_import()
    {
        var owner = await app.CreateAccountAsync("csv-own-{n}@example.org", "Owner Person");
        var viewer = await app.CreateAccountAsync("csv-view-{n}@example.org", "Viewing Sister");
        var manager = await app.CreateAccountAsync("csv-manage-{n}@example.org", "Managing Brother");
        var profileId = await app.CreateProfileAsync(owner, "Dad", Relationship.Parent, 1948);
        await app.AddMedicineAsync(owner, profileId, "atorvastatin");
        await app.WithDbAsync(async db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profileId, AccountId = viewer.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profileId, AccountId = manager.Id, Access = CaregiverAccess.Manage, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        using var asViewer = await app.SignInAsync(viewer);
        using var asManager = await app.SignInAsync(manager);

        Assert.Equal(HttpStatusCode.OK, (await asViewer.GetAsync($"/my/profiles/{profileId}/print", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asViewer.GetAsync($"/my/profiles/{profileId}/export/csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.GetAsync($"/my/profiles/{profileId}/import", Ct)).StatusCode);
        var upload = await UploadResponseAsync(asViewer, profileId, "list.csv", Encoding.UTF8.GetBytes("name\nAspirin\n"), await asViewer.GetFormTokenAsync("/account"));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);

        var confirmed = await ConfirmAsync(asManager, profileId, await UploadAsync(asManager, profileId, "list.csv", "name\nAspirin\n"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, await CountAsync(profileId));
        // The owner sees what the caregivers did.
        var log = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().Where(e => e.ProfileId == profileId).OrderBy(e => e.Id).Select(e => e.AccountName + ": " + e.Action + " " + e.Detail).ToListAsync(Ct));
        Assert.Contains("Viewing Sister: printed Opened the list to print", log);
        Assert.Contains("Viewing Sister: exported Downloaded the list as CSV", log);
        Assert.Contains("Managing Brother: changed Added Aspirin", log);
    }

    private async Task<(HttpClient Client, Guid ProfileId)> NewProfileAsync()
    {
        var owner = await app.CreateAccountAsync("csv-{n}@example.org", "Csv Person");
        var profileId = await app.CreateProfileAsync(owner);
        return (await app.SignInAsync(owner), profileId);
    }

    private Task<int> CountAsync(Guid profileId) => app.WithDbAsync(db => db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == profileId, Ct));

    private Task<List<SavedMedicine>> MedicinesAsync(Guid profileId) =>
        app.WithDbAsync(db => db.Set<SavedMedicine>().AsNoTracking().Include(m => m.Changes).Where(m => m.ProfileId == profileId).OrderBy(m => m.Name).ToListAsync(Ct));

    private static string Comparable(SavedMedicine m) => string.Join("|",
        m.Name, m.DrugSlug, m.Strength, m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount, m.Route, m.StartDate, m.EndDate, m.Prescriber, m.Pharmacy,
        m.Ndc, m.LotNumber, m.Quantity, m.DaysSupply, m.RemindDaysBefore, m.Status, m.StoppedOn, m.StopReason, m.Notes);
}
