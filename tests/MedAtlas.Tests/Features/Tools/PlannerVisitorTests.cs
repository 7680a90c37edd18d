using System.Net;
using System.Text;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Tools.Planner;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>
/// The visitor's planner at /tools/planner: the log lives in the address. Every change is a POST answered 303 with
/// the new address; a garbled or too long log is refused whole with a message, never a 500.
/// </summary>
public sealed class PlannerVisitorTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private const string Day = "2026-11-30";

    private readonly HttpClient client = app.NewClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PostAsync(string handler, Dictionary<string, string> fields, string? log)
    {
        fields["date"] = Day;
        fields["log"] = log ?? "";
        using var response = await client.PostFormAsync("/tools/planner", fields, $"/tools/planner?handler={handler}");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        // Cookie-free: the change is in the address it answers with, not in a cookie.
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies), string.Join("; ", cookies ?? []));
        return response.RedirectPathAndQuery()!;
    }

    private static string LogIn(string address) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("https://localhost"), address).Query)["log"] ?? "";

    [Fact]
    public async Task A_food_and_an_activity_go_into_the_address_and_come_back_on_the_page()
    {
        await PlannerTestFoods.EnsureAsync(app);
        var page = await client.GetStringAsync("/tools/planner", Ct);
        Assert.Contains("Nothing you enter is stored on this site.", page, StringComparison.Ordinal);
        Assert.Contains("Sign in</a> to keep the planner in a profile", page, StringComparison.Ordinal);

        var afterFood = await PostAsync("AddFood", new() { ["FoodId"] = PlannerTestFoods.Banana, ["Meal"] = "Lunch", ["PortionSeq"] = "1", ["Quantity"] = "2" }, null);
        Assert.StartsWith("/tools/planner?log=1", afterFood, StringComparison.Ordinal);
        Assert.EndsWith($"&date={Day}", afterFood.Split('#')[0], StringComparison.Ordinal);
        var afterExercise = await PostAsync("AddExercise", new() { ["ActivityCode"] = "17190", ["Minutes"] = "30", ["WeightKg"] = "70" }, LogIn(afterFood));

        using var shown = await client.GetAsync(afterExercise, Ct);
        var text = Html.Text(await shown.Content.ReadAsStringAsync(Ct));
        Assert.True(shown.Headers.CacheControl?.NoStore);
        // Two medium bananas, 236 g: 89 × 2.36 = 210.04 kcal, 22.84 × 2.36 = 53.9 g carbohydrate. Walking: 3.5 × 70 × 0.5 = 122.5, so 123 kcal.
        Assert.Contains("Plannertest banana, raw 2 × 1 medium (7\" to 7-7/8\" long) (236 g) 210 kcal 53.9 g", text, StringComparison.Ordinal);
        Assert.Contains("Carbohydrate at lunch: 53.9 g", text, StringComparison.Ordinal);
        Assert.Contains("30 min: 123 kcal", text, StringComparison.Ordinal);
        Assert.Contains("210 kcal eaten − 123 kcal from exercise = 87 kcal net", text, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 210 kcal 123 kcal 87 kcal 53.9 g", text, StringComparison.Ordinal);

        // Remove the food (line 0): the address no longer has it; the activity stays.
        var afterRemove = await PostAsync("RemoveFood", new() { ["id"] = "0" }, LogIn(afterExercise));
        var left = AnonymousLog.Decode(LogIn(afterRemove)).Log!;
        Assert.Empty(left.Foods);
        Assert.Single(left.Exercise);
        Assert.Equal(70, left.WeightKg);
    }

    [Fact]
    public async Task Goals_worked_out_on_the_visitors_page_are_kept_in_the_address()
    {
        var address = await PostAsync("Calculate", new()
        {
            ["Goals.WeightKg"] = "70", ["Goals.HeightCm"] = "165", ["Goals.AgeYears"] = "40", ["Goals.EquationSex"] = "female", ["Goals.Activity"] = "Moderate",
        }, null);

        var text = Html.Text(await client.GetStringAsync(address, Ct));

        Assert.Contains("= 1,370.25 kcal a day", text, StringComparison.Ordinal);
        Assert.Contains("Calories 0 kcal 2,120 kcal goal 2,120 kcal left", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_on_the_visitors_page_is_shown_beside_the_field_and_the_address_is_unchanged()
    {
        await PlannerTestFoods.EnsureAsync(app);
        var fields = new Dictionary<string, string> { ["FoodId"] = PlannerTestFoods.Banana, ["Meal"] = "Lunch", ["PortionSeq"] = "1", ["Quantity"] = "many", ["date"] = Day, ["log"] = "" };

        using var response = await client.PostFormAsync("/tools/planner", fields, "/tools/planner?handler=AddFood");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Quantity-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter a number, like 45 or 7.5.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1!!!not base64")]
    [InlineData("2ZiAyMDI2MTEzMCBCIDk5MDAxIDEgMQ")]
    [InlineData("1____")]
    public async Task A_garbled_log_says_it_could_not_be_read_and_starts_empty(string log)
    {
        using var response = await client.GetAsync($"/tools/planner?log={Uri.EscapeDataString(log)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains(AnonymousLog.Unreadable, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f 20261130 X 99001 1 1\n")]        // no such meal
    [InlineData("f 20261130 B 99001 1 500\n")]      // 500 portions
    [InlineData("f 20261331 B 99001 1 1\n")]        // no 31st of month 13
    [InlineData("e 20261130 17190 601\n")]          // 601 minutes
    [InlineData("g 1 2 3 4 5 6 7\n")]               // typed goals without their details
    [InlineData("w 70\nw 71\n")]                    // two weights
    [InlineData("x whatever\n")]
    public void The_log_is_read_strictly(string lines)
    {
        var value = "1" + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lines));

        Assert.Equal(AnonymousLog.Unreadable, AnonymousLog.Decode(value).Problem);
    }

    [Fact]
    public void A_log_round_trips_and_keeps_two_weeks()
    {
        var log = new AnonymousLog(
            [new(new DateOnly(2026, 11, 1), Meal.Dinner, "99001", 0, 150.5), new(new DateOnly(2026, 11, 30), Meal.Breakfast, "99002", 1, 0.5)],
            [new(new DateOnly(2026, 11, 30), "17190", 45)], 72.5,
            new AnonymousGoals(165, 40, "female", ActivityLevel.Active, false, new(2000, 250, 80, 60, 28, 2300, 50)));

        var read = AnonymousLog.Decode(log.Encode()).Log!;

        Assert.Equal(log.Foods.Skip(1), read.Foods); // 1 November is more than 14 days before the 30th
        Assert.Equal(log.Exercise, read.Exercise);
        Assert.Equal((72.5, log.Goals), (read.WeightKg!.Value, read.Goals));
    }

    [Fact]
    public async Task A_log_longer_than_the_cap_is_refused_with_a_clear_message()
    {
        using var response = await client.GetAsync("/tools/planner?log=1" + new string('A', AnonymousLog.MaxLength), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("longer than 4,000 characters", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}
