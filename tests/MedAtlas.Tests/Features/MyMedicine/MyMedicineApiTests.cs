using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>The personal API as a script sees it: with a token made on /account/tokens, or with the sign-in cookie.</summary>
public sealed class MyMedicineApiTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Person(TestAccount Account, HttpClient Browser, HttpClient Script) : IDisposable
    {
        public void Dispose()
        {
            Browser.Dispose();
            Script.Dispose();
        }
    }

    /// <summary>An account signed in (the cookie) and a script with a token it made on the tokens page.</summary>
    private async Task<Person> PersonAsync(string name)
    {
        var account = await app.CreateAccountAsync("api-{n}@example.org", name);
        var browser = await app.SignInAsync(account);
        return new Person(account, browser, app.BearerClient(await browser.MakeTokenAsync()));
    }

    private static string Medicines(Guid profileId) => $"/api/v1/my/profiles/{profileId}/medicines";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static StringContent Raw(string body, string type = "application/json") => new(body, Encoding.UTF8, type);

    /// <summary>The messages a 400 problem gives for one field, after checking it is problem+json.</summary>
    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {text}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }

    private Task<int> CountAsync(Guid profileId) =>
        app.WithDbAsync(db => db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == profileId, Ct));

    [Fact]
    public async Task The_profile_list_shows_owned_and_shared_profiles_with_active_counts_and_the_worst_interaction()
    {
        using var owner = await PersonAsync("Olive Owner");
        using var helper = await PersonAsync("Hal Helper");
        var dad = await app.CreateProfileAsync(owner.Account, "Dad", Relationship.Parent, 1950);
        await app.AddMedicineAsync(owner.Account, dad, "warfarin");
        await app.AddMedicineAsync(owner.Account, dad, "aspirin");
        var stopped = await app.AddMedicineAsync(owner.Account, dad, "atorvastatin");
        await app.WithDbAsync(async db =>
        {
            (await db.Set<SavedMedicine>().SingleAsync(m => m.Id == stopped, Ct)).Status = MedicineStatus.Stopped;
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = dad, AccountId = helper.Account.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        var helpersOwn = await app.CreateProfileAsync(helper.Account, "Me", Relationship.Self, 1980);

        var ownerList = await JsonAsync(await owner.Script.GetAsync("/api/v1/my/profiles", Ct));
        var helperList = await JsonAsync(await helper.Browser.GetAsync("/api/v1/my/profiles", Ct));

        var mine = Assert.Single(ownerList.EnumerateArray());
        Assert.Equal(dad, mine.GetProperty("id").GetGuid());
        Assert.Equal("Dad", mine.GetProperty("name").GetString());
        Assert.Equal("parent", mine.GetProperty("relationship").GetString());
        Assert.Equal("owner", mine.GetProperty("role").GetString());
        Assert.Equal(2, mine.GetProperty("activeMedicines").GetInt32());
        Assert.Equal("major", mine.GetProperty("worstInteraction").GetString());
        Assert.Equal([helpersOwn, dad], helperList.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal("viewer", helperList[1].GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, helperList[0].GetProperty("worstInteraction").ValueKind);
    }

    [Fact]
    public async Task A_profile_made_through_the_API_answers_201_with_its_address_and_is_listed()
    {
        using var person = await PersonAsync("Nia New-Profile");

        var made = await person.Script.PostAsJsonAsync("/api/v1/my/profiles", new { name = "  Little   Sam ", relationship = "child", birthYear = 2019, sex = "female" }, Ct);
        var body = await JsonAsync(made);
        var fetched = await person.Script.GetAsync(made.Headers.Location, Ct);
        var list = await JsonAsync(await person.Script.GetAsync("/api/v1/my/profiles", Ct));

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal("Little Sam", body.GetProperty("name").GetString());
        Assert.Equal("female", body.GetProperty("sex").GetString());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(body.GetProperty("id").GetGuid(), Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("""{"name":"Dad","birthYear":1700}""", "birthYear", "from 1900")]
    [InlineData("""{"name":"Dad","birthYear":"NEXT"}""", "birthYear", "whole number")]
    [InlineData("""{"name":"Dad","relationship":"cousin"}""", "relationship", "otherRelative")]
    [InlineData("""{"name":"Dad","sex":"male","pregnant":true}""", "pregnant", "male")]
    [InlineData("""{"name":"Dad","pregnant":"yes"}""", "pregnant", "true or false")]
    [InlineData("""{"relationship":"parent"}""", "name", "Enter a name")]
    public async Task A_bad_profile_answers_400_naming_the_field_and_makes_nothing(string json, string field, string message)
    {
        using var person = await PersonAsync("Pat Bad-Profile");

        var response = await person.Script.PostAsync("/api/v1/my/profiles", Raw(json), Ct);

        Assert.Contains(await ErrorsAsync(response, field), m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Profile>().CountAsync(p => p.AccountId == person.Account.Id, Ct)));
    }

    [Fact]
    public async Task A_birth_year_next_year_is_refused()
    {
        using var person = await PersonAsync("Yara Year");

        var response = await person.Script.PostAsJsonAsync("/api/v1/my/profiles", new { name = "Baby", birthYear = DateTime.UtcNow.Year + 1 }, Ct);

        Assert.NotEmpty(await ErrorsAsync(response, "birthYear"));
    }

    [Fact]
    public async Task A_profile_shows_its_allergies_and_medicines_with_checked_and_the_run_out_date()
    {
        using var person = await PersonAsync("Pia Profile");
        var sam = await app.CreateProfileAsync(person.Account);
        await app.AddAllergyAsync(sam, AllergyKind.Class, "penicillins", "Penicillins", "hives");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.AddMedicineAsync(person.Account, sam, "amoxicillin", MyMedicineFixtures.Medicine("amoxicillin") with
        {
            DoseAmount = 1, DoseUnit = "capsule", Frequency = DoseFrequency.TimesADay, FrequencyCount = 3, StartDate = today, DaysSupply = 10,
        });
        await app.AddMedicineAsync(person.Account, sam, "Grandma's tonic");

        var response = await person.Script.GetAsync($"/api/v1/my/profiles/{sam}", Ct);
        var profile = await JsonAsync(response);
        var medicines = profile.GetProperty("medicines").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sam", profile.GetProperty("name").GetString());
        Assert.Equal(2016, profile.GetProperty("birthYear").GetInt32());
        Assert.Equal("hives", profile.GetProperty("allergies")[0].GetProperty("reaction").GetString());
        Assert.True(medicines["Amoxicillin"].GetProperty("checked").GetBoolean());
        Assert.Equal("amoxicillin", medicines["Amoxicillin"].GetProperty("drugSlug").GetString());
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), medicines["Amoxicillin"].GetProperty("runsOutOn").GetString());
        Assert.Equal("1 capsule, 3 times a day", medicines["Amoxicillin"].GetProperty("doseText").GetString());
        Assert.Equal("timesADay", medicines["Amoxicillin"].GetProperty("frequency").GetString());
        Assert.False(medicines["Grandma's tonic"].GetProperty("checked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, medicines["Grandma's tonic"].GetProperty("drugSlug").ValueKind);
    }

    [Fact]
    public async Task Adding_with_a_token_answers_201_with_its_address_and_the_medicine_is_on_the_list()
    {
        using var person = await PersonAsync("Ada Adder");
        var sam = await app.CreateProfileAsync(person.Account);

        var added = await person.Script.PostAsJsonAsync(Medicines(sam), new
        {
            name = "Lipitor", strength = "20 mg", doseAmount = 1, doseUnit = "tablet", frequency = "timesADay", frequencyCount = 1,
            ndc = "0071-0155-23", startDate = "2025-01-15", quantity = 30,
        }, Ct);
        var body = await JsonAsync(added);
        var fetched = await person.Script.GetAsync(added.Headers.Location, Ct);
        var listed = await JsonAsync(await person.Script.GetAsync(Medicines(sam), Ct));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"/api/v1/my/profiles/{sam}/medicines/{body.GetProperty("id").GetGuid()}", added.Headers.Location!.OriginalString);
        Assert.Equal("atorvastatin", body.GetProperty("drugSlug").GetString());
        Assert.True(body.GetProperty("checked").GetBoolean());
        Assert.Equal("00071-0155-23", body.GetProperty("ndc").GetString());
        Assert.Equal("2025-02-14", body.GetProperty("runsOutOn").GetString());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("Lipitor", (await JsonAsync(fetched)).GetProperty("name").GetString());
        Assert.Single(listed.EnumerateArray());
    }

    [Fact]
    public async Task A_name_the_catalogue_does_not_know_is_kept_as_typed_and_marked_not_checked()
    {
        using var person = await PersonAsync("Una Unknown");
        var sam = await app.CreateProfileAsync(person.Account);
        await app.AddMedicineAsync(person.Account, sam, "warfarin");

        var added = await person.Script.PostAsJsonAsync(Medicines(sam), new { name = "Dr Bloggs' herbal drops" }, Ct);
        var checks = await JsonAsync(await person.Script.GetAsync($"/api/v1/my/profiles/{sam}/checks", Ct));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.False((await JsonAsync(added)).GetProperty("checked").GetBoolean());
        Assert.Contains("Dr Bloggs' herbal drops", checks.GetProperty("notChecked").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData("""{"name":"aspirin","doseAmount":-5}""", "doseAmount", "above 0")]
    [InlineData("""{"name":"aspirin","doseAmount":"lots"}""", "doseAmount", "Enter a number")]
    [InlineData("""{"name":"aspirin","daysSupply":2.5}""", "daysSupply", "whole number")]
    [InlineData("""{"name":"aspirin","startDate":"next Tuesday"}""", "startDate", "YYYY-MM-DD")]
    [InlineData("""{"name":"aspirin","frequency":"hourly"}""", "frequency", "timesADay")]
    [InlineData("""{"name":"aspirin","frequency":"timesADay"}""", "frequencyCount", "how many times a day")]
    [InlineData("""{"name":"aspirin","doseUnit":"spoonful"}""", "doseUnit", "tablet, capsule")]
    [InlineData("""{"name":"aspirin","ndc":"12"}""", "ndc", "NDC")]
    [InlineData("""{"name":"aspirin","dose":5}""", "dose", "no field “dose”")]
    [InlineData("""{"name":""}""", "name", "Enter the medicine's name")]
    [InlineData("""{"strength":"20 mg"}""", "name", "Enter the medicine's name")]
    [InlineData("""{"name":"aspirin",""", "body", "not valid JSON")]
    [InlineData("""["aspirin"]""", "body", "JSON object")]
    [InlineData("null", "body", "JSON object")]
    [InlineData("", "body", "JSON object")]
    public async Task Bad_input_answers_400_problem_json_naming_the_field_and_saves_nothing(string json, string field, string message)
    {
        using var person = await PersonAsync("Bea Bad-Input");
        var sam = await app.CreateProfileAsync(person.Account);

        var response = await person.Script.PostAsync(Medicines(sam), Raw(json), Ct);

        Assert.Contains(await ErrorsAsync(response, field), m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(sam));
    }

    [Fact]
    public async Task A_profile_full_of_medicines_refuses_one_more_with_a_message_and_keeps_what_it_has()
    {
        using var person = await PersonAsync("Fay Full");
        var sam = await app.CreateProfileAsync(person.Account);
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Set<SavedMedicine>().AddRange(Enumerable.Range(0, MedicineRules.MaxMedicinesPerProfile).Select(i => new SavedMedicine
            {
                Id = Guid.NewGuid(), ProfileId = sam, Name = $"Old medicine {i}", Status = MedicineStatus.Stopped, CreatedAt = now, UpdatedAt = now,
            }));
            return await db.SaveChangesAsync(Ct);
        });

        var response = await person.Script.PostAsJsonAsync(Medicines(sam), new { name = "aspirin" }, Ct);

        Assert.Contains(await ErrorsAsync(response, "name"), m => m.Contains($"at most {MedicineRules.MaxMedicinesPerProfile} medicines", StringComparison.Ordinal));
        Assert.Equal(MedicineRules.MaxMedicinesPerProfile, await CountAsync(sam));
    }

    [Fact]
    public async Task A_body_over_64_KB_is_refused_unread()
    {
        using var person = await PersonAsync("Lola Large");
        var sam = await app.CreateProfileAsync(person.Account);

        var response = await person.Script.PostAsync(Medicines(sam), Raw($$"""{"name":"aspirin","notes":"{{new string('x', 70_000)}}"}"""), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync(sam));
    }

    [Fact]
    public async Task Put_replaces_the_medicine_and_its_history_says_what_changed()
    {
        using var person = await PersonAsync("Uma Update");
        var sam = await app.CreateProfileAsync(person.Account);
        var id = await app.AddMedicineAsync(person.Account, sam, "atorvastatin", MyMedicineFixtures.Medicine("atorvastatin") with { Strength = "10 mg", Notes = "with dinner" });
        var path = $"{Medicines(sam)}/{id}";

        var updated = await person.Script.PutAsJsonAsync(path, new { name = "atorvastatin", strength = "20 mg" }, Ct);
        var bad = await person.Script.PutAsJsonAsync(path, new { name = "atorvastatin", quantity = 0 }, Ct);
        var now = await JsonAsync(await person.Script.GetAsync(path, Ct));
        var history = await app.WithDbAsync(db => db.Set<MedicineChange>().Where(c => c.MedicineId == id).Select(c => c.Summary).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Contains(await ErrorsAsync(bad, "quantity"), m => m.Contains("above 0", StringComparison.Ordinal));
        Assert.Equal("20 mg", now.GetProperty("strength").GetString());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("notes").ValueKind);
        Assert.Contains(history, h => h.Contains("Strength: 10 mg → 20 mg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_pause_and_resume_change_the_status_and_a_future_stop_date_is_refused()
    {
        using var person = await PersonAsync("Stan Stop");
        var sam = await app.CreateProfileAsync(person.Account);
        var id = await app.AddMedicineAsync(person.Account, sam, "ibuprofen");
        var path = $"{Medicines(sam)}/{id}";
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var future = await person.Script.PostAsJsonAsync(path + "/stop", new { date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5) }, Ct);
        var paused = await JsonAsync(await person.Script.PostAsync(path + "/pause", Raw("""{"reason":"stomach ache"}"""), Ct));
        var resumed = await JsonAsync(await person.Script.PostAsync(path + "/resume", Raw(""), Ct));
        var stopped = await person.Script.PostAsJsonAsync(path + "/stop", new { date = yesterday, reason = "Finished the course" }, Ct);
        var body = await JsonAsync(stopped);

        Assert.Contains(await ErrorsAsync(future, "date"), m => m.Contains("not in the future", StringComparison.Ordinal));
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal("stomach ache", paused.GetProperty("stopReason").GetString());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", body.GetProperty("status").GetString());
        Assert.Equal(yesterday.ToString("yyyy-MM-dd"), body.GetProperty("stoppedOn").GetString());
        Assert.Equal("Finished the course", body.GetProperty("stopReason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("runsOutOn").ValueKind);
    }

    [Fact]
    public async Task The_checks_show_interactions_allergies_and_what_was_not_checked()
    {
        using var person = await PersonAsync("Cara Checks");
        var sam = await app.CreateProfileAsync(person.Account);
        await app.AddAllergyAsync(sam, AllergyKind.Class, "nsaids", "NSAIDs", "swelling");
        await app.AddMedicineAsync(person.Account, sam, "warfarin");
        await app.AddMedicineAsync(person.Account, sam, "aspirin");
        await app.AddMedicineAsync(person.Account, sam, "naproxen");
        await app.AddMedicineAsync(person.Account, sam, "Homemade syrup");

        var response = await person.Script.GetAsync($"/api/v1/my/profiles/{sam}/checks", Ct);
        var checks = await JsonAsync(response);
        var interactions = checks.GetProperty("interactions").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(interactions[0].GetProperty("severity").GetString(), checks.GetProperty("worstInteraction").GetString());
        Assert.Contains(interactions, i => new[] { i.GetProperty("a").GetProperty("slug").GetString(), i.GetProperty("b").GetProperty("slug").GetString() }.Order().SequenceEqual(["aspirin", "warfarin"])
            && i.GetProperty("severity").GetString() == "major");
        Assert.Contains(checks.GetProperty("allergies").EnumerateArray(), a => a.GetProperty("drug").GetProperty("slug").GetString() == "naproxen");
        Assert.Equal(["Homemade syrup"], checks.GetProperty("notChecked").EnumerateArray().Select(n => n.GetString()));
        Assert.StartsWith("/interaction-checker?drugs=", checks.GetProperty("checkerUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_of_one_candidate_warns_of_its_allergy_and_interaction_and_of_a_duplicate()
    {
        using var person = await PersonAsync("Cody Candidate");
        var sam = await app.CreateProfileAsync(person.Account);
        await app.AddAllergyAsync(sam, AllergyKind.Class, "nsaids", "NSAIDs");
        var warfarin = await app.AddMedicineAsync(person.Account, sam, "warfarin");
        var checks = $"/api/v1/my/profiles/{sam}/checks";

        var naproxen = await JsonAsync(await person.Browser.GetAsync(checks + "?drug=naproxen", Ct));
        var aspirin = await JsonAsync(await person.Script.GetAsync(checks + "?drug=Aspirin", Ct));
        var again = await JsonAsync(await person.Script.GetAsync(checks + "?drug=Jantoven", Ct));
        var editing = await JsonAsync(await person.Script.GetAsync(checks + $"?drug=warfarin&editing={warfarin}", Ct));
        var unknown = await JsonAsync(await person.Script.GetAsync(checks + "?drug=zzqx", Ct));
        var typo = await JsonAsync(await person.Script.GetAsync(checks + "?drug=asprin", Ct));

        Assert.True(naproxen.GetProperty("checked").GetBoolean());
        Assert.Equal("naproxen", naproxen.GetProperty("drug").GetProperty("slug").GetString());
        Assert.Equal("allergy", naproxen.GetProperty("warnings")[0].GetProperty("kind").GetString());
        Assert.Contains(aspirin.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "interaction" && w.GetProperty("severity").GetString() == "major");
        Assert.Equal("major", aspirin.GetProperty("worstInteraction").GetString());
        Assert.Contains(again.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "alreadyListed");
        Assert.DoesNotContain(editing.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "alreadyListed");
        Assert.False(unknown.GetProperty("checked").GetBoolean());
        Assert.Empty(unknown.GetProperty("warnings").EnumerateArray());
        Assert.Equal("aspirin", typo.GetProperty("didYouMean").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("?drug=", "drug")]
    [InlineData("?drug=%20%20", "drug")]
    [InlineData("?drug=aspirin&editing=yesterday", "editing")]
    public async Task A_bad_candidate_check_answers_400_naming_the_parameter(string query, string field)
    {
        using var person = await PersonAsync("Quin Query");
        var sam = await app.CreateProfileAsync(person.Account);

        var response = await person.Script.GetAsync($"/api/v1/my/profiles/{sam}/checks{query}", Ct);

        Assert.NotEmpty(await ErrorsAsync(response, field));
    }

    [Fact]
    public async Task Another_account_gets_404_problem_json_on_every_route_with_a_token_or_the_cookie()
    {
        using var a = await PersonAsync("Ann Owner");
        using var b = await PersonAsync("Ben Other");
        var profile = await app.CreateProfileAsync(a.Account, "Ann's son");
        var medicine = await app.AddMedicineAsync(a.Account, profile, "atorvastatin");
        var bProfile = await app.CreateProfileAsync(b.Account, "Ben");
        var one = $"{Medicines(profile)}/{medicine}";
        var mixed = $"{Medicines(bProfile)}/{medicine}";
        var failures = new List<string>();

        foreach (var (who, client) in new[] { ("token", b.Script), ("cookie", b.Browser) })
        {
            var requests = new (string Method, string Path, string? Body)[]
            {
                ("GET", $"/api/v1/my/profiles/{profile}", null),
                ("GET", Medicines(profile), null),
                ("POST", Medicines(profile), """{"name":"aspirin"}"""),
                ("GET", one, null),
                ("PUT", one, """{"name":"aspirin"}"""),
                ("POST", one + "/stop", "{}"),
                ("POST", one + "/pause", "{}"),
                ("POST", one + "/resume", "{}"),
                ("GET", $"/api/v1/my/profiles/{profile}/checks", null),
                ("GET", $"/api/v1/my/profiles/{profile}/checks?drug=aspirin", null),
                ("GET", mixed, null),
                ("PUT", mixed, """{"name":"aspirin"}"""),
                ("POST", mixed + "/stop", "{}"),
                ("GET", $"/api/v1/my/profiles/{Guid.NewGuid()}", null),
            };
            foreach (var (method, path, body) in requests)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Raw(body) };
                var response = await client.SendAsync(request, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{who} {method} {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                if (text.Contains("Ann", StringComparison.Ordinal) || text.Contains("torvastatin", StringComparison.OrdinalIgnoreCase))
                    failures.Add($"{who} {method} {path} shows A's data: {text}");
            }

            var list = await client.GetStringAsync("/api/v1/my/profiles", Ct);
            if (list.Contains(profile.ToString(), StringComparison.Ordinal))
                failures.Add($"{who}: B's profile list shows A's profile");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var kept = await app.WithDbAsync(db => db.Set<SavedMedicine>().SingleAsync(m => m.Id == medicine, Ct));
        Assert.Equal(MedicineStatus.Active, kept.Status);
        Assert.Equal("Atorvastatin", kept.Name);
        Assert.Equal(1, await CountAsync(profile));
    }

    [Fact]
    public async Task A_caregiver_who_may_view_reads_the_profile_but_every_change_is_404_and_the_owner_sees_the_views()
    {
        using var owner = await PersonAsync("Oona Owner");
        using var viewer = await PersonAsync("Vic Viewer");
        var profile = await app.CreateProfileAsync(owner.Account, "Grandpa", Relationship.Grandparent, 1940);
        var medicine = await app.AddMedicineAsync(owner.Account, profile, "warfarin");
        await app.WithDbAsync(async db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profile, AccountId = viewer.Account.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        var read = await viewer.Script.GetAsync($"/api/v1/my/profiles/{profile}", Ct);
        var checks = await viewer.Script.GetAsync($"/api/v1/my/profiles/{profile}/checks", Ct);
        var add = await viewer.Script.PostAsJsonAsync(Medicines(profile), new { name = "aspirin" }, Ct);
        var stop = await viewer.Script.PostAsJsonAsync($"{Medicines(profile)}/{medicine}/stop", new { reason = "no" }, Ct);
        var put = await viewer.Script.PutAsJsonAsync($"{Medicines(profile)}/{medicine}", new { name = "aspirin" }, Ct);
        var log = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().Where(e => e.ProfileId == profile).Select(e => new { e.AccountId, e.Action }).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("viewer", (await JsonAsync(read)).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, checks.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stop.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(1, await CountAsync(profile));
        Assert.Contains(log, e => e.AccountId == viewer.Account.Id && e.Action == "viewed");
    }

    [Fact]
    public async Task A_caregiver_who_may_manage_adds_through_the_API_and_the_change_is_logged()
    {
        using var owner = await PersonAsync("Mona Owner");
        using var manager = await PersonAsync("Max Manager");
        var profile = await app.CreateProfileAsync(owner.Account, "Mum", Relationship.Parent, 1955);
        await app.WithDbAsync(async db =>
        {
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = profile, AccountId = manager.Account.Id, Access = CaregiverAccess.Manage, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        var add = await manager.Script.PostAsJsonAsync(Medicines(profile), new { name = "metformin" }, Ct);
        var log = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().Where(e => e.ProfileId == profile && e.Action == "changed").Select(e => e.AccountId).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Contains(manager.Account.Id, log);
    }

    [Fact]
    public async Task With_the_cookie_a_write_must_be_JSON_so_a_cross_site_form_cannot_make_one()
    {
        using var person = await PersonAsync("Cole Cookie");
        var sam = await app.CreateProfileAsync(person.Account);
        var id = await app.AddMedicineAsync(person.Account, sam, "ibuprofen");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "aspirin" });

        var formAdd = await person.Browser.PostAsync(Medicines(sam), form, Ct);
        var textStop = await person.Browser.PostAsync($"{Medicines(sam)}/{id}/stop", Raw("{}", "text/plain"), Ct);
        var noBodyPause = await person.Browser.PostAsync($"{Medicines(sam)}/{id}/pause", null, Ct);
        var jsonAdd = await person.Browser.PostAsJsonAsync(Medicines(sam), new { name = "aspirin" }, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formAdd.StatusCode);
        Assert.Equal("application/problem+json", formAdd.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, textStop.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noBodyPause.StatusCode);
        Assert.Equal(HttpStatusCode.Created, jsonAdd.StatusCode);
        Assert.Equal(MedicineStatus.Active, await app.WithDbAsync(db => db.Set<SavedMedicine>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync(Ct)));
        Assert.Equal(2, await CountAsync(sam));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_personal_API_with_summaries_and_the_token_scheme()
    {
        using var visitor = app.NewClient();

        var document = await JsonAsync(await visitor.GetAsync("/openapi/v1.json", Ct));
        var paths = document.GetProperty("paths");
        var profiles = paths.GetProperty("/api/v1/my/profiles").GetProperty("get");
        var add = paths.GetProperty("/api/v1/my/profiles/{profileId}/medicines").GetProperty("post");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("personalAccessToken");

        Assert.Equal("ListMyProfiles", profiles.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(profiles.GetProperty("summary").GetString()));
        Assert.True(profiles.GetProperty("security")[0].TryGetProperty("personalAccessToken", out _));
        Assert.True(add.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(add.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(add.GetProperty("responses").TryGetProperty("201", out _));
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        foreach (var path in new[] { "/api/v1/my/profiles/{profileId}", "/api/v1/my/profiles/{profileId}/medicines/{medicineId}", "/api/v1/my/profiles/{profileId}/medicines/{medicineId}/stop", "/api/v1/my/profiles/{profileId}/checks" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        Assert.False(paths.GetProperty("/api/v1/drugs/{slug}").GetProperty("get").TryGetProperty("security", out _));
    }
}
