using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Features.MyMedicine;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Features.Tools;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>A profile's bolus settings: saved by its owner or a managing caregiver, filled in when they come back, never the readings.</summary>
public sealed class BolusSettingsTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Settings(Dictionary<string, string>? changes = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Carbs"] = "", ["CarbRatio"] = "12", ["Unit"] = "mmol/L", ["CurrentGlucose"] = "", ["TargetGlucose"] = "6.5",
            ["CorrectionFactor"] = "2.5", ["InsulinOnBoard"] = "", ["Increment"] = "0.5", ["MaxBolus"] = "15",
        };
        foreach (var (key, value) in changes ?? [])
            fields[key] = value;
        return fields;
    }

    private async Task<(TestAccount Owner, HttpClient AsOwner, Guid Profile, string Page)> OwnerWithSamAsync()
    {
        var owner = await app.CreateAccountAsync("bolus-{n}@example.org", "Olga Owner");
        var profile = await app.CreateProfileAsync(owner, "Sam");
        return (owner, await app.SignInAsync(owner), profile, $"/my/profiles/{profile}/bolus");
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string page, Dictionary<string, string> fields) =>
        client.PostFormAsync(page, fields, page + "?handler=Save");

    private Task<BolusSettings?> StoredAsync(Guid profile) =>
        app.WithDbAsync(db => db.Set<BolusSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.ProfileId == profile, Ct));

    private async Task<TestAccount> CaregiverAsync(Guid profile, CaregiverAccess access, string name)
    {
        var caregiver = await app.CreateAccountAsync("carer-{n}@example.org", name);
        await app.WithDbAsync(db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profile, AccountId = caregiver.Id, Access = access, GrantedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });
        return caregiver;
    }

    [Fact]
    public async Task Saved_settings_come_back_filled_in_and_the_readings_are_not_kept()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        var empty = Html.Text(await asOwner.GetStringAsync(page, Ct));
        Assert.Contains("No settings are saved for Sam yet.", empty, StringComparison.Ordinal);

        var saved = await SaveAsync(asOwner, page, Settings(new() { ["Carbs"] = "60", ["CurrentGlucose"] = "9.1" }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(page + "?done=saved", saved.RedirectPathAndQuery());
        var html = await asOwner.GetStringAsync(saved.RedirectPathAndQuery(), Ct);
        Assert.Contains("The settings are saved to Sam's profile.", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("name=\"CarbRatio\" value=\"12\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"TargetGlucose\" value=\"6.5\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"CorrectionFactor\" value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"MaxBolus\" value=\"15\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"mmol/L\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"0.5\" selected=\"selected\">", html, StringComparison.Ordinal);
        // The meal and the reading typed with the save are not kept.
        Assert.Contains("name=\"Carbs\" required", html, StringComparison.Ordinal);
        Assert.Contains("name=\"CurrentGlucose\" required", html, StringComparison.Ordinal);
        Assert.DoesNotContain("9.1", html, StringComparison.Ordinal);
        Assert.Contains("Correction factor 2.5 mmol/L per unit", Html.Text(html), StringComparison.Ordinal);

        var row = Assert.IsType<BolusSettings>(await StoredAsync(profile));
        Assert.Equal(("mmol/L", 12m, 6.5m, 2.5m, 0.5m, (decimal?)15m), (row.Unit, row.CarbRatio, row.TargetGlucose, row.CorrectionFactor, row.Increment, row.MaxBolus));
    }

    [Fact]
    public async Task Bad_settings_get_their_message_beside_the_field_and_nothing_is_saved()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();

        var response = await SaveAsync(asOwner, page, Settings(new() { ["CarbRatio"] = "abc", ["TargetGlucose"] = "20", ["Increment"] = "0.3", ["Carbs"] = "lots" }));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("id=\"CarbRatio-error\"><span class=\"visually-hidden\">Error: </span>Enter a number, like 45 or 7.5.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"TargetGlucose-error\"><span class=\"visually-hidden\">Error: </span>A target is between 3.9 and 13.9 mmol/L.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Increment-error\"><span class=\"visually-hidden\">Error: </span>Choose the step your pen or pump doses in", html, StringComparison.Ordinal);
        // The meal is not a setting: "lots" there does not stop a save, and it gets no message.
        Assert.DoesNotContain("Carbs-error", html, StringComparison.Ordinal);
        Assert.Contains("name=\"TargetGlucose\" value=\"20\"", html, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(profile));
    }

    [Fact]
    public async Task A_bad_change_leaves_the_saved_settings_as_they_were()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        await SaveAsync(asOwner, page, Settings());

        // 20 is a plausible factor in mg/dL, not in mmol/L: the unit and the factor are checked together.
        var response = await SaveAsync(asOwner, page, Settings(new() { ["CarbRatio"] = "8", ["CorrectionFactor"] = "50" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A correction factor is 0.3 to 22.2 mmol/L per unit.", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var row = Assert.IsType<BolusSettings>(await StoredAsync(profile));
        Assert.Equal((12m, 2.5m), (row.CarbRatio, row.CorrectionFactor));
    }

    [Fact]
    public async Task Remove_deletes_the_settings()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        await SaveAsync(asOwner, page, Settings());

        var removed = await asOwner.PostFormAsync(page, [], page + "?handler=Remove");

        Assert.Equal(page + "?done=removed", removed.RedirectPathAndQuery());
        Assert.Null(await StoredAsync(profile));
        var text = Html.Text(await asOwner.GetStringAsync(page + "?done=removed", Ct));
        Assert.Contains("The saved settings are removed from Sam's profile.", text, StringComparison.Ordinal);
        Assert.Contains("No settings are saved for Sam yet.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove saved settings", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_settings_and_calculates_but_cannot_save_or_remove()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        await SaveAsync(asOwner, page, Settings());
        var viewer = await CaregiverAsync(profile, CaregiverAccess.View, "Vic Viewer");
        using var asViewer = await app.SignInAsync(viewer);

        var html = await asViewer.GetStringAsync(page, Ct);
        Assert.Contains("name=\"CarbRatio\" value=\"12\"", html, StringComparison.Ordinal);
        Assert.Contains("Insulin-to-carb ratio 12 g per unit", Html.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("Save these settings", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove saved settings", html, StringComparison.Ordinal);

        var token = AccountTestClient.TokenIn(html)!;
        var save = await asViewer.PostWithTokenAsync(page + "?handler=Save", token, Settings(new() { ["CarbRatio"] = "5" }));
        var remove = await asViewer.PostWithTokenAsync(page + "?handler=Remove", token, []);
        var calculate = await asViewer.PostWithTokenAsync(page, token, Settings(new() { ["Carbs"] = "60", ["CurrentGlucose"] = "9" }));

        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(12m, (await StoredAsync(profile))!.CarbRatio);
        // 60/12 + (9 − 6.5)/2.5 = 5 + 1 = 6 units.
        Assert.Contains("<strong data-dose>6 units</strong>", await calculate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managing_caregivers_save_goes_in_the_access_log_without_the_numbers()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        var helper = await CaregiverAsync(profile, CaregiverAccess.Manage, "Max Manager");
        using var asHelper = await app.SignInAsync(helper);

        Assert.Contains("Save these settings to Sam", await asHelper.GetStringAsync(page, Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(asHelper, page, Settings(new() { ["CarbRatio"] = "13" }))).StatusCode);

        Assert.Equal(13m, (await StoredAsync(profile))!.CarbRatio);
        var log = Html.Text(await asOwner.GetStringAsync($"/my/profiles/{profile}/caregivers", Ct));
        Assert.Contains("changed: Saved the bolus calculator settings", log, StringComparison.Ordinal);
        Assert.Contains("viewed: Opened the bolus calculator settings", log, StringComparison.Ordinal);
        var details = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().Where(e => e.ProfileId == profile).Select(e => e.Detail).ToListAsync(Ct));
        Assert.DoesNotContain(details, d => d.Any(char.IsDigit));
    }

    [Fact]
    public async Task Another_account_gets_404_and_changes_nothing()
    {
        var (_, asOwner, profile, page) = await OwnerWithSamAsync();
        await SaveAsync(asOwner, page, Settings());
        var other = await app.CreateAccountAsync("other-{n}@example.org", "Otto Other");
        using var asOther = await app.SignInAsync(other);
        var token = await asOther.GetFormTokenAsync("/tools/bolus");

        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(page, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.PostWithTokenAsync(page + "?handler=Save", token, Settings(new() { ["CarbRatio"] = "5" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.PostWithTokenAsync(page + "?handler=Remove", token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.PostWithTokenAsync(page, token, Settings(new() { ["Carbs"] = "60", ["CurrentGlucose"] = "9" }))).StatusCode);
        Assert.Equal(12m, (await StoredAsync(profile))!.CarbRatio);
    }

    [Fact]
    public async Task The_profile_page_gives_the_same_dose_as_the_public_calculator()
    {
        var (_, asOwner, _, page) = await OwnerWithSamAsync();
        var meal = new Dictionary<string, string>
        {
            ["Carbs"] = "75", ["CarbRatio"] = "9", ["Unit"] = "mg/dL", ["CurrentGlucose"] = "210", ["TargetGlucose"] = "110",
            ["CorrectionFactor"] = "35", ["InsulinOnBoard"] = "1.2", ["Increment"] = "0.1", ["MaxBolus"] = "",
        };

        using var visitor = app.NewClient();
        var mine = await (await asOwner.PostFormAsync(page, meal)).Content.ReadAsStringAsync(Ct);
        var anyone = await (await visitor.PostFormAsync("/tools/bolus", meal)).Content.ReadAsStringAsync(Ct);

        // 75/9 + 100/35 − 1.2 = 8.333 + 2.857 − 1.2 = 9.99, down to 9.9.
        Assert.Contains("<strong data-dose>9.9 units</strong>", mine, StringComparison.Ordinal);
        Assert.Equal(Steps(anyone), Steps(mine));
    }

    private static string Steps(string html)
    {
        var start = html.IndexOf("<ol data-steps>", StringComparison.Ordinal);
        return html[start..html.IndexOf("</ol>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_public_calculator_links_a_signed_in_persons_settings_and_no_one_elses()
    {
        var (owner, asOwner, sam, page) = await OwnerWithSamAsync();
        var ada = await app.CreateProfileAsync(owner, "Ada", Relationship.Self, 1980);
        await SaveAsync(asOwner, page, Settings());
        var stranger = await app.CreateAccountAsync("stranger-{n}@example.org", "Stan Stranger");
        await app.CreateProfileAsync(stranger, "Zebedee");

        var response = await asOwner.GetAsync("/tools/bolus", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Your saved settings Use the settings saved for: Sam No settings saved yet: Save settings for Ada", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/my/profiles/{sam}/bolus\">Sam</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/my/profiles/{ada}/bolus\">Save settings for Ada</a>", html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Zebedee", html, StringComparison.Ordinal);

        using var visitor = app.NewClient();
        var visitorHtml = await visitor.GetStringAsync("/tools/bolus", Ct);
        Assert.DoesNotContain("Your saved settings", visitorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/my/profiles/", visitorHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_page_links_its_planner_and_bolus_settings()
    {
        var (_, asOwner, profile, _) = await OwnerWithSamAsync();

        var html = await asOwner.GetStringAsync($"/my/profiles/{profile}", Ct);

        Assert.Contains($"<a href=\"/my/profiles/{profile}/planner\">Food and fitness planner</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/my/profiles/{profile}/bolus\">Bolus calculator settings</a>", html, StringComparison.Ordinal);
    }
}
