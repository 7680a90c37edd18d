using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>Profiles and medicines through the pages, as a parent keeping a child's list would.</summary>
public sealed class MyMedicinePagesTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Account, HttpClient Client, string Profile)> ParentWithChildAsync(string child = "Sam")
    {
        var parent = await app.CreateAccountAsync("parent-{n}@example.org", "Pat Parent");
        var client = await app.SignInAsync(parent);
        var created = await client.PostFormAsync("/my/profiles/new", new()
        {
            ["Input.Name"] = child, ["Input.Relationship"] = "Child", ["Input.BirthYear"] = "2015", ["Input.Sex"] = "NotStated",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (parent, client, created.Headers.Location!.OriginalString);
    }

    private static async Task<(HttpResponseMessage Response, string? Page)> AddAsync(HttpClient client, string profile, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync(profile + "/medicines/new", fields);
        return (response, response.StatusCode == HttpStatusCode.Redirect ? await client.GetStringAsync(response.Headers.Location!.OriginalString, Ct) : null);
    }

    [Fact]
    public async Task A_new_profile_shows_on_my_medicine_with_its_medicine_count()
    {
        var (_, client, profile) = await ParentWithChildAsync("Robin");
        Assert.Matches("^/my/profiles/[0-9a-f-]{36}$", profile);
        await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin" });

        var my = Html.Text(await client.GetStringAsync("/my", Ct));
        Assert.Contains("Robin", my, StringComparison.Ordinal);
        Assert.Contains("1 active medicine", my, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_interacting_medicine_shows_the_interaction_on_the_next_page_and_on_the_profile()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var (first, _) = await AddAsync(client, profile, new() { ["Input.Name"] = "warfarin" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var (second, next) = await AddAsync(client, profile, new() { ["Input.Name"] = "Advil", ["Input.Strength"] = "200 mg", ["Input.DoseAmount"] = "1", ["Input.DoseUnit"] = "tablet", ["Input.Frequency"] = "AsNeeded" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var text = Html.Text(next!);
        Assert.True(text.Contains("Added Advil", StringComparison.Ordinal), text);
        Assert.Contains("Interactions (1)", text, StringComparison.Ordinal);
        Assert.Contains("Warfarin", text, StringComparison.Ordinal);

        var page = Html.Text(await client.GetStringAsync(profile, Ct));
        Assert.Contains("Safety check of the active list", page, StringComparison.Ordinal);
        Assert.True(page.Contains("Ibuprofen and Warfarin", StringComparison.Ordinal) || page.Contains("Warfarin and Ibuprofen", StringComparison.Ordinal), page);
        Assert.Contains("/interaction-checker?drugs=", await client.GetStringAsync(profile, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_check_answers_for_a_medicine_not_yet_saved()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        await AddAsync(client, profile, new() { ["Input.Name"] = "warfarin" });

        var fragment = Html.Text(await client.GetStringAsync(profile + "/medicines/new?handler=Check&name=ibuprofen", Ct));
        Assert.Contains("Safety check: Ibuprofen", fragment, StringComparison.Ordinal);
        Assert.Contains("Interactions (1)", fragment, StringComparison.Ordinal);

        // While typing, half a name is not "unknown" yet; once typed it is, and is said so.
        Assert.Equal("", (await client.GetStringAsync(profile + "/medicines/new?handler=Check&name=ibupr&partial=true", Ct)).Trim());
        Assert.Contains("not in the MedAtlas catalogue", Html.Text(await client.GetStringAsync(profile + "/medicines/new?handler=Check&name=Grandma%27s%20tonic", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_penicillin_allergy_warns_when_amoxicillin_is_added_and_an_NSAID_allergy_for_naproxen()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var allergy = await client.PostFormAsync(profile + "/edit", new() { ["AllergyName"] = "penicillin", ["Reaction"] = "hives" }, profile + "/edit?handler=Allergy");
        Assert.Equal(HttpStatusCode.Redirect, allergy.StatusCode);
        await client.PostFormAsync(profile + "/edit", new() { ["AllergyName"] = "NSAIDs" }, profile + "/edit?handler=Allergy");

        var edit = Html.Text(await client.GetStringAsync(profile + "/edit", Ct));
        Assert.Contains("Penicillins (a drug class", edit, StringComparison.Ordinal);
        Assert.Contains("Nonsteroidal anti-inflammatory drugs (NSAIDs) (a drug class", edit, StringComparison.Ordinal);

        var (_, amoxicillin) = await AddAsync(client, profile, new() { ["Input.Name"] = "amoxicillin" });
        var text = Html.Text(amoxicillin!);
        Assert.Contains("Allergy warning", text, StringComparison.Ordinal);
        Assert.Contains("Amoxicillin is one of the Penicillins; Sam is allergic to Penicillins.", text, StringComparison.Ordinal);
        Assert.Contains("Reaction recorded: hives.", text, StringComparison.Ordinal);

        var (_, naproxen) = await AddAsync(client, profile, new() { ["Input.Name"] = "naproxen" });
        Assert.Contains("allergic to Nonsteroidal anti-inflammatory drugs (NSAIDs)", Html.Text(naproxen!), StringComparison.Ordinal);

        var (_, atorvastatin) = await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin" });
        Assert.DoesNotContain("Allergy warning", Html.Text(atorvastatin!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_from_the_catalogue_warns_about_a_medicine_its_label_cautions_and_a_typed_one_is_not_checked()
    {
        var (_, client, profile) = await ParentWithChildAsync("Grandad");
        await client.PostFormAsync(profile + "/edit", new() { ["ConditionName"] = "High blood pressure" }, profile + "/edit?handler=Condition");
        await client.PostFormAsync(profile + "/edit", new() { ["ConditionName"] = "bad knees" }, profile + "/edit?handler=Condition");

        var (_, page) = await AddAsync(client, profile, new() { ["Input.Name"] = "ibuprofen" });
        var text = Html.Text(page!);
        Assert.Contains("With Grandad's conditions (1)", text, StringComparison.Ordinal);
        Assert.Contains("Ibuprofen with High blood pressure", text, StringComparison.Ordinal);
        Assert.Contains("Conditions typed in (bad knees) are not in the catalogue and were not checked.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_catalogue_does_not_know_is_kept_and_marked_not_checked()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var (response, page) = await AddAsync(client, profile, new() { ["Input.Name"] = "Grandma's herbal tonic" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("not checked", Html.Text(page!), StringComparison.Ordinal);
        Assert.Contains("Not checked: Grandma's herbal tonic", Html.Text(await client.GetStringAsync(profile, Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.DoseAmount", "-5", "Enter the dose as a number above 0")]
    [InlineData("Input.DoseAmount", "lots", "“lots” is not a number")]
    [InlineData("Input.DaysSupply", "2.5", "whole number of days")]
    [InlineData("Input.Ndc", "12345", "Enter the NDC as printed on the label")]
    [InlineData("Input.StartDate", "31/03/2026", "year-month-day")]
    [InlineData("Input.Name", "", "Enter the medicine's name.")]
    public async Task A_bad_value_gets_a_message_beside_its_field_and_nothing_is_saved(string field, string value, string message)
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var fields = new Dictionary<string, string> { ["Input.Name"] = "atorvastatin", [field] = value };
        var (response, _) = await AddAsync(client, profile, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(message, Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        var id = Guid.Parse(profile.Split('/')[^1]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == id, Ct)));
    }

    [Fact]
    public async Task A_profile_full_of_medicines_refuses_one_more_with_a_message()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var id = Guid.Parse(profile.Split('/')[^1]);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < MedicineRules.MaxMedicinesPerProfile; i++)
                db.Set<SavedMedicine>().Add(new SavedMedicine { Id = Guid.NewGuid(), ProfileId = id, Name = $"Old medicine {i}", Status = MedicineStatus.Stopped, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        var (response, _) = await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"A profile keeps at most {MedicineRules.MaxMedicinesPerProfile} medicines", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(MedicineRules.MaxMedicinesPerProfile, await app.WithDbAsync(db => db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == id, Ct)));
    }

    [Theory]
    [InlineData("1700")]
    [InlineData("next year")]
    public async Task A_birth_year_out_of_range_is_refused_beside_the_field(string year)
    {
        var parent = await app.CreateAccountAsync("parent-{n}@example.org", "Pat Parent");
        using var client = await app.SignInAsync(parent);
        if (year == "next year")
            year = (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostFormAsync("/my/profiles/new", new() { ["Input.Name"] = "Dad", ["Input.Relationship"] = "Parent", ["Input.BirthYear"] = year });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a birth year from 1900 to", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Profile>().CountAsync(p => p.AccountId == parent.Id, Ct)));
    }

    [Fact]
    public async Task Stopping_a_medicine_takes_it_off_the_check_and_keeps_its_history()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        await AddAsync(client, profile, new() { ["Input.Name"] = "warfarin" });
        var (added, _) = await AddAsync(client, profile, new() { ["Input.Name"] = "ibuprofen" });
        var medicine = added.Headers.Location!.OriginalString.Split('?')[0];

        var stopped = await client.PostFormAsync(medicine, new() { ["StoppedOn"] = "", ["Reason"] = "stomach upset" }, medicine + "?handler=Stop");
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);

        var page = Html.Text(await client.GetStringAsync(medicine, Ct));
        Assert.Contains("Stopped on", page, StringComparison.Ordinal);
        Assert.Contains("stomach upset", page, StringComparison.Ordinal);
        Assert.Contains("Added: Ibuprofen", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Interactions (", Html.Text(await client.GetStringAsync(profile, Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_dose_is_written_in_the_history()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var (added, _) = await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin", ["Input.DoseAmount"] = "10", ["Input.DoseUnit"] = "mg", ["Input.Frequency"] = "TimesADay", ["Input.FrequencyCount"] = "1" });
        var medicine = added.Headers.Location!.OriginalString.Split('?')[0];

        var edited = await client.PostFormAsync(medicine + "/edit", new() { ["Input.Name"] = "atorvastatin", ["Input.DoseAmount"] = "20", ["Input.DoseUnit"] = "mg", ["Input.Frequency"] = "TimesADay", ["Input.FrequencyCount"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Dose: 10 mg, once a day → 20 mg, once a day", Html.Text(await client.GetStringAsync(medicine, Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_shows_when_a_supply_runs_out()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin", ["Input.StartDate"] = today, ["Input.DaysSupply"] = "30" });
        await AddAsync(client, profile, new()
        {
            ["Input.Name"] = "amoxicillin", ["Input.StartDate"] = today, ["Input.Quantity"] = "21", ["Input.DoseAmount"] = "1", ["Input.DoseUnit"] = "capsule",
            ["Input.Frequency"] = "TimesADay", ["Input.FrequencyCount"] = "3",
        });

        var page = Html.Text(await client.GetStringAsync(profile, Ct));
        Assert.Contains("Runs out in 30 days", page, StringComparison.Ordinal);
        Assert.Contains("Runs out in 7 days", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_account_gets_404_for_the_profile_and_its_medicine()
    {
        var (_, client, profile) = await ParentWithChildAsync();
        var (added, _) = await AddAsync(client, profile, new() { ["Input.Name"] = "atorvastatin" });
        var medicine = added.Headers.Location!.OriginalString.Split('?')[0];
        var other = await app.CreateAccountAsync("other-{n}@example.org", "Olive Other");
        using var asOther = await app.SignInAsync(other);

        foreach (var path in new[] { profile, profile + "/edit", profile + "/medicines/new", medicine, medicine + "/edit", profile + "/medicines/new?handler=Check&name=warfarin" })
            Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(path, Ct)).StatusCode);
        Assert.DoesNotContain("Sam", Html.Text(await asOther.GetStringAsync("/my", Ct)), StringComparison.Ordinal);
    }
}
