using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Features.MyMedicine;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Features.Tools.Planner;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>
/// A profile's planner through HTTP, as its owner, a caregiver and a stranger use it. The figures are worked by hand
/// from <see cref="PlannerTestFoods"/>: a medium banana is 118 g (89 kcal and 22.84 g carbohydrate per 100 g), a
/// yogurt container 170 g (59 kcal, 3.6 g carbohydrate per 100 g, no sugars value).
/// </summary>
public sealed class PlannerPagesTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string Day = "2026-11-30";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Owner, Guid Profile, HttpClient Client)> OwnerAsync(decimal? weightKg = null)
    {
        await PlannerTestFoods.EnsureAsync(app);
        var owner = await app.CreateAccountAsync("planner-{n}@example.org", "Pat Planner");
        var profile = await app.CreateProfileAsync(owner, "Pat", Relationship.Self, 1986, Sex.Female);
        if (weightKg is not null)
            await app.WithDbAsync(db => db.Set<Profile>().Where(p => p.Id == profile).ExecuteUpdateAsync(s => s.SetProperty(p => p.WeightKg, weightKg), Ct));
        return (owner, profile, await app.SignInAsync(owner));
    }

    private static Dictionary<string, string> Food(string foodId, string seq, string quantity, string meal = "Breakfast") =>
        new() { ["FoodId"] = foodId, ["Meal"] = meal, ["PortionSeq"] = seq, ["Quantity"] = quantity, ["date"] = Day, ["q"] = "plannertest" };

    private static async Task<string> TextAsync(HttpClient client, string path) => Html.Text(await client.GetStringAsync(path, Ct));

    private Task<int> FoodLinesAsync(Guid profile) => app.WithDbAsync(db => db.Set<FoodLogEntry>().CountAsync(e => e.ProfileId == profile, Ct));

    [Fact]
    public async Task Adding_a_household_portion_shows_its_figures_and_the_days_totals()
    {
        var (_, profile, client) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";

        var search = await TextAsync(client, $"{page}?date={Day}&q=plannertest");
        Assert.Contains("Plannertest banana, raw", search, StringComparison.Ordinal);
        Assert.Contains("1 medium (7\" to 7-7/8\" long) (118 g)", search, StringComparison.Ordinal);

        var added = await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal($"{page}?date={Day}", added.RedirectPathAndQuery());
        var yogurt = await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Yogurt, "1", "1", "Snack"), $"{page}?handler=AddFood");
        Assert.Equal(HttpStatusCode.SeeOther, yogurt.StatusCode);

        var text = await TextAsync(client, $"{page}?date={Day}");
        // 118 g banana: 89 × 1.18 = 105.02 kcal, 22.84 × 1.18 = 26.95 g carbohydrate.
        Assert.Contains("Plannertest banana, raw 1 × 1 medium (7\" to 7-7/8\" long) (118 g) 105 kcal 27 g", text, StringComparison.Ordinal);
        Assert.Contains("Carbohydrate at breakfast: 27 g", text, StringComparison.Ordinal);
        Assert.Contains("Work out a bolus for it", text, StringComparison.Ordinal);
        // The day: 105.02 + 100.3 = 205.32 kcal; carbohydrate 26.95 + 6.12 = 33.07 g; sugars only the banana's 14.43 g.
        Assert.Contains("Calories 205 kcal", text, StringComparison.Ordinal);
        Assert.Contains("Carbohydrate 33.1 g", text, StringComparison.Ordinal);
        Assert.Contains("Sugars 14.4 g (sugars not known for 1 item)", text, StringComparison.Ordinal);
        Assert.Contains("Fibre 3.1 g (fibre not known for 1 item)", text, StringComparison.Ordinal);
        Assert.Contains("No daily goals yet", text, StringComparison.Ordinal);
        Assert.Contains("USDA National Nutrient Database for Standard Reference, Release 28", text, StringComparison.Ordinal);

        // The next day is empty; the link to it is on the page.
        var html = await client.GetStringAsync($"{page}?date={Day}", Ct);
        Assert.Contains($"href=\"{page}?date=2026-12-01\"", html, StringComparison.Ordinal);
        Assert.Contains("Calories 0 kcal", await TextAsync(client, $"{page}?date=2026-12-01"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "1", "Enter a number, like 45 or 7.5.")]
    [InlineData("0", "1", "Enter more than 0 portions.")]
    [InlineData("-2", "1", "Enter more than 0 portions.")]
    [InlineData("101", "1", "The planner takes up to 100 portions in one line.")]
    [InlineData("5001", "0", "The planner takes up to 5,000 g in one line.")]
    [InlineData("", "1", "Enter how many portions, like 1 or 0.5.")]
    public async Task A_bad_quantity_gets_a_message_beside_the_field_and_nothing_is_saved(string quantity, string seq, string message)
    {
        var (_, profile, client) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";

        using var response = await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, seq, quantity), $"{page}?handler=AddFood");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<p class=\"field-error\" id=\"Quantity-error\"><span class=\"visually-hidden\">Error: </span>{WebUtility.HtmlEncode(message)}</p>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Quantity\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await FoodLinesAsync(profile));
    }

    [Fact]
    public async Task An_unknown_food_or_portion_is_refused_with_a_message()
    {
        var (_, profile, client) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";

        var unknown = Html.Text(await (await client.PostFormAsync($"{page}?date={Day}", Food("98765", "1", "1"), $"{page}?handler=AddFood")).Content.ReadAsStringAsync(Ct));
        var portion = Html.Text(await (await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "9", "1"), $"{page}?handler=AddFood")).Content.ReadAsStringAsync(Ct));
        // 40 cups of 150 g are 6,000 g.
        var heavy = Html.Text(await (await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "2", "40"), $"{page}?handler=AddFood")).Content.ReadAsStringAsync(Ct));

        Assert.Contains("That food is not in the catalogue.", unknown, StringComparison.Ordinal);
        Assert.Contains("Choose one of the portions listed for Plannertest banana, raw.", portion, StringComparison.Ordinal);
        Assert.Contains("That is 6,000 g; the planner takes up to 5,000 g in one line.", heavy, StringComparison.Ordinal);
        Assert.Equal(0, await FoodLinesAsync(profile));
    }

    [Fact]
    public async Task Goals_from_Mifflin_St_Jeor_show_their_steps_and_the_day_against_them()
    {
        var (_, profile, client) = await OwnerAsync();
        var goals = $"/my/profiles/{profile}/planner/goals";
        var prefilled = await client.GetStringAsync(goals, Ct);
        Assert.Contains("name=\"Goals.AgeYears\" value=\"40\"", prefilled, StringComparison.Ordinal); // born 1986, now 2026
        Assert.Contains("value=\"female\" checked", prefilled, StringComparison.Ordinal);

        var saved = await client.PostFormAsync(goals, new()
        {
            ["Goals.WeightKg"] = "70", ["Goals.HeightCm"] = "165", ["Goals.AgeYears"] = "40", ["Goals.EquationSex"] = "female", ["Goals.Activity"] = "Moderate",
        }, $"{goals}?handler=Calculate");
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);

        var text = await TextAsync(client, goals);
        // BMR = 10·70 + 6.25·165 − 5·40 − 161 = 1370.25; × 1.55 = 2123.89, rounded to 2,120 kcal.
        Assert.Contains("= 1,370.25 kcal a day", text, StringComparison.Ordinal);
        Assert.Contains("1,370.25 × 1.55", text, StringComparison.Ordinal);
        Assert.Contains("2,120 kcal", text, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<PlannerGoals>().SingleAsync(g => g.ProfileId == profile, Ct));
        Assert.Equal((2120, 265, false), (stored.Kcal, stored.CarbsG, stored.Custom));

        var page = $"/my/profiles/{profile}/planner";
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Yogurt, "1", "1"), $"{page}?handler=AddFood");
        var day = await TextAsync(client, $"{page}?date={Day}");
        // 2,120 − 205.32 = 1,914.68; sodium 1.18 + 61.2 = 62.38 mg of 2,300; protein 1.29 + 17.32 = 18.61 g of at least 106 g.
        Assert.Contains("Calories 205 kcal 2,120 kcal goal 1,915 kcal left", day, StringComparison.Ordinal);
        Assert.Contains("Sodium 62 mg 2,300 mg limit 2,238 mg under the limit", day, StringComparison.Ordinal);
        Assert.Contains("Protein 18.6 g 106 g minimum 87.4 g more to reach the minimum", day, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_goals_are_saved_as_custom_and_a_teenager_gets_the_reason_instead_of_goals()
    {
        var (_, profile, client) = await OwnerAsync();
        var goals = $"/my/profiles/{profile}/planner/goals";

        var teen = await client.PostFormAsync(goals, new()
        {
            ["Goals.WeightKg"] = "55", ["Goals.HeightCm"] = "160", ["Goals.AgeYears"] = "15", ["Goals.EquationSex"] = "female", ["Goals.Activity"] = "Light",
        }, $"{goals}?handler=Calculate");
        var teenText = Html.Text(await teen.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, teen.StatusCode);
        Assert.Contains(DailyGoals.NotForChildren, teenText, StringComparison.Ordinal);
        Assert.Contains("You can still type goals", teenText, StringComparison.Ordinal);

        var bad = await client.PostFormAsync(goals, new() { ["Goals.Kcal"] = "lots", ["Goals.CarbsG"] = "200" }, $"{goals}?handler=SaveGoals");
        var badHtml = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Goals_Kcal-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("Enter a limit for sodium, in mg.", Html.Text(badHtml), StringComparison.Ordinal);

        var typed = await client.PostFormAsync(goals, new()
        {
            ["Goals.AgeYears"] = "15", ["Goals.Kcal"] = "1800", ["Goals.CarbsG"] = "225", ["Goals.ProteinG"] = "60", ["Goals.FatG"] = "60",
            ["Goals.FibreG"] = "25", ["Goals.SodiumMg"] = "2000", ["Goals.SugarsG"] = "45",
        }, $"{goals}?handler=SaveGoals");
        Assert.Equal(HttpStatusCode.SeeOther, typed.StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<PlannerGoals>().SingleAsync(g => g.ProfileId == profile, Ct));
        Assert.Equal((1800, 2000, true), (stored.Kcal, stored.SodiumMg, stored.Custom));
        Assert.Contains("goals typed in", await TextAsync(client, goals), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exercise_calories_use_the_profiles_weight_and_count_in_the_net()
    {
        var (_, profile, client) = await OwnerAsync(weightKg: 70);
        var page = $"/my/profiles/{profile}/planner";
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");

        var bad = await client.PostFormAsync($"{page}?date={Day}", new() { ["ActivityCode"] = "17190", ["Minutes"] = "601", ["date"] = Day }, $"{page}?handler=AddExercise");
        Assert.Contains("Enter between 1 and 600 minutes.", Html.Text(await bad.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var text = await client.PostFormAsync($"{page}?date={Day}", new() { ["ActivityCode"] = "17190", ["Minutes"] = "half an hour", ["date"] = Day }, $"{page}?handler=AddExercise");
        Assert.Contains("id=\"Minutes-error\"", await text.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var added = await client.PostFormAsync($"{page}?date={Day}", new() { ["ActivityCode"] = "17190", ["Minutes"] = "30", ["date"] = Day }, $"{page}?handler=AddExercise");
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);

        var day = await TextAsync(client, $"{page}?date={Day}");
        // MET 3.5 × 70 kg × 0.5 h = 122.5, to the nearest kcal 123; net 105.02 − 123 = −17.98.
        Assert.Contains("30 min: 123 kcal (MET 3.5 × 70 kg × 0.5 h)", day, StringComparison.Ordinal);
        Assert.Contains("105 kcal eaten − 123 kcal from exercise = -18 kcal net", day, StringComparison.Ordinal);
        Assert.Contains("Ainsworth BE", day, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_weight_the_exercise_form_asks_for_one()
    {
        var (_, profile, client) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";
        Assert.Contains("id=\"WeightKg\"", await client.GetStringAsync(page, Ct), StringComparison.Ordinal);

        var missing = await client.PostFormAsync(page, new() { ["ActivityCode"] = "17190", ["Minutes"] = "30", ["date"] = Day }, $"{page}?handler=AddExercise");
        Assert.Contains("Enter your weight in kilograms", Html.Text(await missing.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var added = await client.PostFormAsync(page, new() { ["ActivityCode"] = "17190", ["Minutes"] = "30", ["WeightKg"] = "80", ["date"] = Day }, $"{page}?handler=AddExercise");
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        // 3.5 × 80 × 0.5 = 140.
        Assert.Contains("30 min: 140 kcal", await TextAsync(client, $"{page}?date={Day}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_date_gets_a_message_and_today()
    {
        var (_, profile, client) = await OwnerAsync();

        using var response = await client.GetAsync($"/my/profiles/{profile}/planner?date=31-02-2026", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a date the planner can read", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_day_read_only_and_a_manager_logs_into_the_access_log()
    {
        var (_, profile, ownerClient) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";
        await ownerClient.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");
        var viewer = await app.CreateAccountAsync("planner-viewer-{n}@example.org", "Vic Viewer");
        var manager = await app.CreateAccountAsync("planner-manager-{n}@example.org", "Max Manager");
        await app.WithDbAsync(db =>
        {
            db.Add(new ProfileCaregiver { ProfileId = profile, AccountId = viewer.Id, Access = CaregiverAccess.View, GrantedAt = DateTime.UtcNow });
            db.Add(new ProfileCaregiver { ProfileId = profile, AccountId = manager.Id, Access = CaregiverAccess.Manage, GrantedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });

        using var asViewer = await app.SignInAsync(viewer);
        var seen = await asViewer.GetStringAsync($"{page}?date={Day}&q=plannertest", Ct);
        Assert.Contains("Plannertest banana, raw", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a food", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=RemoveFood", seen, StringComparison.Ordinal);
        var token = await asViewer.GetFormTokenAsync("/my/profiles/new");
        var entry = await app.WithDbAsync(db => db.Set<FoodLogEntry>().Where(e => e.ProfileId == profile).Select(e => e.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.PostWithTokenAsync($"{page}?handler=AddFood", token, Food(PlannerTestFoods.Banana, "1", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.PostWithTokenAsync($"{page}?handler=RemoveFood", token, new() { ["id"] = entry.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.PostWithTokenAsync($"{page}/goals?handler=SaveGoals", token, new() { ["Goals.Kcal"] = "2000" })).StatusCode);
        Assert.Equal(1, await FoodLinesAsync(profile));

        using var asManager = await app.SignInAsync(manager);
        var added = await asManager.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Yogurt, "1", "2", "Lunch"), $"{page}?handler=AddFood");
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal(2, await FoodLinesAsync(profile));
        var logged = await app.WithDbAsync(db => db.Set<ProfileAccessEntry>().Where(e => e.ProfileId == profile && e.AccountId == manager.Id).Select(e => e.Detail).ToListAsync(Ct));
        Assert.Contains($"Planner: added a food to {Day}", logged);
    }

    [Fact]
    public async Task Removing_an_entry_of_another_profile_answers_404()
    {
        var (owner, profile, client) = await OwnerAsync();
        var other = await app.CreateProfileAsync(owner, "Sam");
        var page = $"/my/profiles/{profile}/planner";
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");
        var entry = await app.WithDbAsync(db => db.Set<FoodLogEntry>().Where(e => e.ProfileId == profile).Select(e => e.Id).SingleAsync(Ct));

        var elsewhere = await client.PostFormAsync($"/my/profiles/{other}/planner", new() { ["id"] = entry.ToString() }, $"/my/profiles/{other}/planner?handler=RemoveFood");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(1, await FoodLinesAsync(profile));

        var removed = await client.PostFormAsync(page, new() { ["id"] = entry.ToString() }, $"{page}?handler=RemoveFood");
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Equal(0, await FoodLinesAsync(profile));
    }

    [Fact]
    public async Task The_week_is_an_svg_chart_with_a_table_and_the_goal_line()
    {
        var (_, profile, client) = await OwnerAsync(weightKg: 70);
        var page = $"/my/profiles/{profile}/planner";
        await client.PostFormAsync($"{page}/goals", new() { ["Goals.WeightKg"] = "70", ["Goals.HeightCm"] = "165", ["Goals.AgeYears"] = "40", ["Goals.EquationSex"] = "female", ["Goals.Activity"] = "Moderate" }, $"{page}/goals?handler=Calculate");
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "2", "2"), $"{page}?handler=AddFood");

        var html = await client.GetStringAsync($"{page}/week?date={Day}", Ct);

        Assert.Contains("role=\"img\" aria-labelledby=\"week-kcal-title week-kcal-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"week-carbs-title\">Carbohydrate eaten</title>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"chart-goal\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        var text = Html.Text(html);
        // Two cups of 150 g: 89 × 3 = 267 kcal, 22.84 × 3 = 68.52 g carbohydrate, on Monday 30 November.
        Assert.Contains("Mon 30 Nov 267 kcal 0 kcal 267 kcal 68.5 g", text, StringComparison.Ordinal);
        Assert.Contains("Tue 24 Nov 0 kcal 0 kcal 0 kcal 0 g", text, StringComparison.Ordinal);
        Assert.Contains("daily goals: 2,120 kcal and 265 g carbohydrate", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_has_the_planner_and_deleting_the_account_erases_it()
    {
        var (_, profile, client) = await OwnerAsync();
        var page = $"/my/profiles/{profile}/planner";
        await client.PostFormAsync($"{page}?date={Day}", Food(PlannerTestFoods.Banana, "1", "1"), $"{page}?handler=AddFood");

        var export = await client.GetStringAsync("/account/data?download=1", Ct);
        Assert.Contains("\"planner\"", export, StringComparison.Ordinal);
        Assert.Contains("Plannertest banana, raw", export, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" })).StatusCode);
        Assert.Equal(0, await FoodLinesAsync(profile));
    }
}
