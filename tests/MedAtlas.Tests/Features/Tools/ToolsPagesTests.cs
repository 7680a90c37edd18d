using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Tools;

/// <summary>The calculators as plain forms, the way they work without JavaScript: post, read the answer and the messages.</summary>
public sealed class ToolsPagesTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.NewClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Meal(Dictionary<string, string>? changes = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Carbs"] = "60", ["CarbRatio"] = "10", ["Unit"] = "mg/dL", ["CurrentGlucose"] = "170", ["TargetGlucose"] = "120",
            ["CorrectionFactor"] = "40", ["InsulinOnBoard"] = "0.5", ["Increment"] = "0.5", ["MaxBolus"] = "",
        };
        foreach (var (key, value) in changes ?? [])
            fields[key] = value;
        return fields;
    }

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(string page, Dictionary<string, string> fields)
    {
        using var response = await client.PostFormAsync(page, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Tools_is_in_the_main_navigation()
    {
        var html = await client.GetStringAsync("/", Ct);

        Assert.Contains("<a href=\"/tools\">Tools</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tools_index_links_both_calculators()
    {
        var html = await client.GetStringAsync("/tools", Ct);

        Assert.Contains("href=\"/tools/bolus\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/bmi\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bolus_form_says_to_follow_the_care_team_and_how_IOB_and_rounding_work()
    {
        var text = Html.Text(await client.GetStringAsync("/tools/bolus", Ct));

        Assert.Contains("Follow the settings your diabetes care team gave you.", text, StringComparison.Ordinal);
        Assert.Contains("not medical advice", text, StringComparison.Ordinal);
        Assert.Contains("Insulin on board is taken off the whole dose, the carbohydrate part too", text, StringComparison.Ordinal);
        Assert.Contains("rounded down", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_form_gives_the_dose_with_every_step()
    {
        var (status, html) = await PostAsync("/tools/bolus", Meal());
        var text = Html.Text(html);

        // 60/10 + 50/40 − 0.5 = 6.75, down to 6.5.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<strong data-dose>6.5 units</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Carbohydrate: 60 g ÷ 10 g per unit = 6 units.", text, StringComparison.Ordinal);
        Assert.Contains("Correction: 170 − 120 = 50 mg/dL above target; 50 ÷ 40 mg/dL per unit = 1.25 units.", text, StringComparison.Ordinal);
        Assert.Contains("Total: 6 + 1.25 − 0.5 = 6.75 units.", text, StringComparison.Ordinal);
        Assert.Contains("Rounded down to the nearest 0.5 unit: 6.5 units.", text, StringComparison.Ordinal);
        Assert.Contains("Follow the settings your diabetes care team gave you.", text, StringComparison.Ordinal);
        // What was entered stays in the form.
        Assert.Contains("name=\"Carbs\" value=\"60\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"0.5\" selected=\"selected\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_get_their_message_beside_the_field_and_no_dose()
    {
        var (status, html) = await PostAsync("/tools/bolus", Meal(new() { ["CarbRatio"] = "0", ["CurrentGlucose"] = "5000", ["Carbs"] = "lots" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-dose", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"CarbRatio-error\"><span class=\"visually-hidden\">Error: </span>The ratio cannot be 0 or less", html, StringComparison.Ordinal);
        Assert.Contains("id=\"CurrentGlucose-error\"><span class=\"visually-hidden\">Error: </span>Glucose is read between 20 and 600 mg/dL.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Carbs-error\"><span class=\"visually-hidden\">Error: </span>Enter a number, like 45 or 7.5.", html, StringComparison.Ordinal);
        Assert.Contains("name=\"CurrentGlucose\" value=\"5000\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_low_glucose_gives_no_bolus_with_the_warning()
    {
        var (_, html) = await PostAsync("/tools/bolus", Meal(new() { ["CurrentGlucose"] = "62" }));

        Assert.Contains("<strong data-dose>0 units</strong>", html, StringComparison.Ordinal);
        Assert.Contains("treat the low first, no bolus", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_mmol_L_the_values_are_read_in_mmol_L_and_a_comma_is_a_decimal_point()
    {
        var (_, html) = await PostAsync("/tools/bolus", Meal(new()
        {
            ["Unit"] = "mmol/L", ["CurrentGlucose"] = "8,5", ["TargetGlucose"] = "6", ["CorrectionFactor"] = "2", ["Carbs"] = "45", ["CarbRatio"] = "15",
            ["InsulinOnBoard"] = "", ["Increment"] = "0.05",
        }));

        Assert.Contains("<strong data-dose>4.25 units</strong>", html, StringComparison.Ordinal);
        Assert.Contains("8.5 mmol/L × 18.016 = 153 mg/dL", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("<option value=\"mmol/L\" selected=\"selected\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Above_the_maximum_bolus_the_dose_is_shown_with_a_warning()
    {
        var (_, html) = await PostAsync("/tools/bolus", Meal(new() { ["MaxBolus"] = "5" }));

        Assert.Contains("<strong data-dose>6.5 units</strong>", html, StringComparison.Ordinal);
        Assert.Contains("6.5 units is more than the maximum bolus you set (5 units).", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var response = await client.PostAsync("/tools/bolus", new FormUrlEncodedContent(Meal()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BMI_in_metric_gives_the_adult_category_and_what_BMI_does_not_tell()
    {
        var (_, html) = await PostAsync("/tools/bmi", new() { ["Units"] = "metric", ["WeightKg"] = "95", ["HeightCm"] = "175", ["Age"] = "45" });
        var text = Html.Text(html);

        Assert.Contains("Your BMI is 31.0 ", text, StringComparison.Ordinal);
        Assert.Contains("For adults, that is in the Obesity (class I) range", text, StringComparison.Ordinal);
        Assert.Contains("cannot tell muscle from fat", text, StringComparison.Ordinal);
        Assert.Contains("Ethnicity changes what it means", text, StringComparison.Ordinal);
        Assert.Contains("older adults", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BMI_in_imperial_matches_metric()
    {
        var (_, html) = await PostAsync("/tools/bmi", new() { ["Units"] = "imperial", ["WeightLb"] = "154", ["HeightFt"] = "5", ["HeightIn"] = "9" });

        Assert.Contains("Your BMI is 22.7 ", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Healthy weight", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_gets_no_adult_category_but_the_percentile_note()
    {
        var (_, html) = await PostAsync("/tools/bmi", new() { ["Units"] = "metric", ["WeightKg"] = "60", ["HeightCm"] = "150", ["Age"] = "12" });
        var text = Html.Text(html);

        Assert.Contains("Your BMI is 26.7 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-category", html, StringComparison.Ordinal);
        Assert.Contains("BMI-for-age percentile", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BMI_refuses_a_height_in_metres_beside_the_field()
    {
        var (_, html) = await PostAsync("/tools/bmi", new() { ["Units"] = "metric", ["WeightKg"] = "70", ["HeightCm"] = "1.75" });

        Assert.DoesNotContain("Your BMI is", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("id=\"HeightCm-error\"><span class=\"visually-hidden\">Error: </span>Height is 40 to 250 cm.", html, StringComparison.Ordinal);
    }
}
