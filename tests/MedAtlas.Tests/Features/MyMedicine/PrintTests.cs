using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.Extensions.DependencyInjection;
using static MedAtlas.Tests.Features.MyMedicine.MyMedicineFixtures;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>
/// The list to print and the wallet card, as the HTML a browser prints (the one-page fit itself is measured in a real
/// Chromium: BrowserTests' PrintBrowserTests).
/// </summary>
public sealed class PrintTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_printed_list_shows_the_person_allergies_conditions_medicines_and_the_interaction_check()
    {
        var owner = await app.CreateAccountAsync("print-{n}@example.org", "Print Person");
        var profileId = await app.CreateProfileAsync(owner, "Grandpa Joe", Relationship.Grandparent, 1941, Sex.Male);
        await app.WithDbAsync(async db =>
        {
            var profile = await db.Set<Profile>().FindAsync([profileId], Ct);
            profile!.WeightKg = 72.5m;
            db.Set<ProfileCondition>().Add(new ProfileCondition { ProfileId = profileId, Name = "Atrial fibrillation", AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        await app.AddAllergyAsync(profileId, AllergyKind.Class, "penicillins", "Penicillins", "hives");
        await app.AddMedicineAsync(owner, profileId, "Warfarin", Medicine("x") with
        {
            Strength = "5 mg", DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1, Route = "by mouth",
            Prescriber = "Dr. Amani", StartDate = new DateOnly(2022, 6, 1), Notes = "INR checked monthly at the clinic",
        });
        await app.AddMedicineAsync(owner, profileId, "Ibuprofen", Medicine("x") with { Strength = "200 mg", DoseAmount = 2, DoseUnit = "tablet", Frequency = DoseFrequency.AsNeeded, FrequencyCount = 3 });
        var paused = await app.AddMedicineAsync(owner, profileId, "Simvastatin", Medicine("x") with { Strength = "20 mg" });
        var recent = await app.AddMedicineAsync(owner, profileId, "Amoxicillin");
        var old = await app.AddMedicineAsync(owner, profileId, "Prednisone");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SetStatusAsync(owner, profileId, paused, MedicineStatus.Paused, null, "Muscle aches");
        await app.SetStatusAsync(owner, profileId, recent, MedicineStatus.Stopped, today.AddDays(-10), "Rash");
        await app.SetStatusAsync(owner, profileId, old, MedicineStatus.Stopped, today.AddYears(-2), null);
        using var client = await app.SignInAsync(owner);

        var response = await client.GetAsync($"/my/profiles/{profileId}/print", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var text = Html.Text(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Medication list: Grandpa Joe", text, StringComparison.Ordinal);
        Assert.Contains("Born 1941 · Male · 72.5 kg", text, StringComparison.Ordinal);
        Assert.Contains($"Printed {today.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("Allergies Penicillins: hives", text, StringComparison.Ordinal);
        Assert.Contains("Conditions Atrial fibrillation", text, StringComparison.Ordinal);
        Assert.Contains("Medicines taken now (2)", text, StringComparison.Ordinal);
        Assert.Contains("Warfarin 5 mg 1 tablet, once a day by mouth Dr. Amani 1 Jun 2022 INR checked monthly at the clinic", text, StringComparison.Ordinal);
        Assert.Contains("Ibuprofen 200 mg 2 tablets, when needed, up to 3 times a day", text, StringComparison.Ordinal);
        Assert.Contains("Simvastatin 20 mg: paused: Muscle aches", text, StringComparison.Ordinal);
        Assert.Contains("Amoxicillin: stopped", text, StringComparison.Ordinal);
        Assert.Contains(": Rash", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Prednisone", text, StringComparison.Ordinal);
        // Warfarin with an NSAID is a major interaction in the starter rules.
        Assert.Contains("Checked for interactions by MedAtlas: 1 interaction, the worst major", text, StringComparison.Ordinal);
        Assert.Contains("Other medicines / notes", text, StringComparison.Ordinal);
        Assert.Contains("data-print hidden", html, StringComparison.Ordinal);
        Assert.Contains("/js/print-button", html, StringComparison.Ordinal);
        // The site's shell (and its text-size control) stays on screen; print.css hides it on paper.
        Assert.Contains("class=\"text-size\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_with_nothing_known_says_none_known_and_names_what_was_not_checked()
    {
        var owner = await app.CreateAccountAsync("print-none-{n}@example.org", "Print Person");
        var profileId = await app.CreateProfileAsync(owner, "Sam");
        await app.AddMedicineAsync(owner, profileId, "Atorvastatin");
        await app.AddMedicineAsync(owner, profileId, "Aunt Mae's tonic");
        using var client = await app.SignInAsync(owner);

        var text = Html.Text(await client.GetStringAsync($"/my/profiles/{profileId}/print", Ct));

        Assert.Contains("Checked for interactions by MedAtlas: none known; 1 medicine not in its catalogue, not checked.", text, StringComparison.Ordinal);
        Assert.Contains("Allergies None recorded.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wallet_card_has_the_name_birth_year_allergies_and_each_medicine_with_its_dose()
    {
        var owner = await app.CreateAccountAsync("card-{n}@example.org", "Card Person");
        var profileId = await app.CreateProfileAsync(owner, "Sam", birthYear: 2016);
        await app.AddAllergyAsync(profileId, AllergyKind.Drug, "amoxicillin", "Amoxicillin", "swelling of the face");
        await app.AddMedicineAsync(owner, profileId, "Albuterol", Medicine("x") with { DoseAmount = 2, DoseUnit = "puff", Frequency = DoseFrequency.AsNeeded });
        await app.AddMedicineAsync(owner, profileId, "Montelukast", Medicine("x") with { Strength = "5 mg", DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1 });
        using var client = await app.SignInAsync(owner);

        var response = await client.GetAsync($"/my/profiles/{profileId}/card", Ct);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Medicines card Sam Born 2016 Allergies: Amoxicillin (swelling of the face) In an emergency call:", text, StringComparison.Ordinal);
        Assert.Contains("Medicines taken now Albuterol: 2 puffs, when needed Montelukast 5 mg: 1 tablet, once a day", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_with_more_medicines_than_fit_says_how_many_more_instead_of_cutting_them()
    {
        var owner = await app.CreateAccountAsync("card-many-{n}@example.org", "Card Person");
        var profileId = await app.CreateProfileAsync(owner, "Dad", Relationship.Parent, 1950);
        for (var i = 1; i <= 20; i++)
            await app.AddMedicineAsync(owner, profileId, $"Medicine {i:00}");
        using var client = await app.SignInAsync(owner);

        var text = Html.Text(await client.GetStringAsync($"/my/profiles/{profileId}/card", Ct));

        Assert.Contains("Medicine 14", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Medicine 15", text, StringComparison.Ordinal);
        Assert.Contains("and 6 more: see the full medication list.", text, StringComparison.Ordinal);
    }
}
