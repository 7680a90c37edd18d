using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Tools;

public sealed class ToolsApiTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.NewClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> PostAsync(string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(body);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, document.RootElement.Clone());
    }

    [Fact]
    public async Task A_bolus_is_answered_anonymously_with_the_steps_and_the_advice()
    {
        var (status, _, json) = await PostAsync("/api/v1/tools/bolus",
            """{"carbs": 60, "carbRatio": 10, "currentGlucose": 170, "targetGlucose": 120, "correctionFactor": 40, "insulinOnBoard": 0.5, "increment": 0.5}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6.5m, json.GetProperty("dose").GetDecimal());
        Assert.Equal("6.5 units", json.GetProperty("doseInWords").GetString());
        Assert.Equal(6.75m, json.GetProperty("exactDose").GetDecimal());
        Assert.Equal(6m, json.GetProperty("carbDose").GetDecimal());
        Assert.Equal(1.25m, json.GetProperty("correctionDose").GetDecimal());
        Assert.Equal("mg/dL", json.GetProperty("glucoseUnit").GetString());
        Assert.Equal("Rounded down to the nearest 0.5 unit: 6.5 units.", json.GetProperty("steps").EnumerateArray().Last().GetString());
        Assert.StartsWith("Follow the settings your diabetes care team gave you.", json.GetProperty("advice").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mmol_L_and_the_low_warning_come_through_the_API()
    {
        var (_, _, json) = await PostAsync("/api/v1/tools/bolus",
            """{"carbs": 30, "carbRatio": 10, "currentGlucose": 3.8, "targetGlucose": 6, "correctionFactor": 2, "glucoseUnit": "mmol/L"}""");

        Assert.Equal(0m, json.GetProperty("dose").GetDecimal());
        Assert.True(json.GetProperty("lowGlucose").GetBoolean());
        Assert.Contains("treat the low first, no bolus", json.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Above_the_maximum_the_dose_is_not_cut_and_is_flagged()
    {
        var (_, _, json) = await PostAsync("/api/v1/tools/bolus",
            """{"carbs": 120, "carbRatio": 5, "currentGlucose": 200, "targetGlucose": 100, "correctionFactor": 50, "maxBolus": 20}""");

        Assert.Equal(26m, json.GetProperty("dose").GetDecimal());
        Assert.True(json.GetProperty("aboveMaxBolus").GetBoolean());
    }

    [Theory]
    [InlineData("""{"carbs": 60, "carbRatio": 0, "currentGlucose": 120, "targetGlucose": 110, "correctionFactor": 50}""", "carbRatio", "cannot be 0")]
    [InlineData("""{"carbs": 60, "carbRatio": 10, "currentGlucose": 5000, "targetGlucose": 110, "correctionFactor": 50}""", "currentGlucose", "between 20 and 600")]
    [InlineData("""{"carbs": -10, "carbRatio": 10, "currentGlucose": 120, "targetGlucose": 110, "correctionFactor": 50}""", "carbs", "0 to 500")]
    [InlineData("""{"carbs": "lots", "carbRatio": 10, "currentGlucose": 120, "targetGlucose": 110, "correctionFactor": 50}""", "carbs", "Enter a number")]
    [InlineData("""{"carbs": 60, "carbRatio": 10, "currentGlucose": 120, "targetGlucose": 110, "correctionFactor": 50, "glucoseUnit": "mg"}""", "glucoseUnit", "mmol/L")]
    [InlineData("""{"carbs": 60, "carbRatio": 10, "currentGlucose": 120, "targetGlucose": 110, "correctionFactor": 50, "increment": 0.25}""", "increment", "0.05")]
    [InlineData("""{"carbs": 60, "ratio": 10}""", "ratio", "no field")]
    public async Task Bad_bolus_input_is_a_400_problem_naming_the_field(string body, string field, string reason)
    {
        var (status, mediaType, json) = await PostAsync("/api/v1/tools/bolus", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains(reason, json.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_to_the_API_is_refused()
    {
        using var response = await client.PostAsync("/api/v1/tools/bolus", new FormUrlEncodedContent(new Dictionary<string, string> { ["carbs"] = "60" }), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task BMI_answers_with_the_category_and_the_limits()
    {
        var (status, _, json) = await PostAsync("/api/v1/tools/bmi", """{"units": "imperial", "weightLb": 154, "heightFt": 5, "heightIn": 9}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(22.7m, json.GetProperty("bmi").GetDecimal());
        Assert.Equal("Healthy weight", json.GetProperty("category").GetString());
        Assert.Equal("adult", json.GetProperty("ageGroup").GetString());
        Assert.Contains("muscle", json.GetProperty("limits")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BMI_for_a_child_has_no_category()
    {
        var (_, _, json) = await PostAsync("/api/v1/tools/bmi", """{"weightKg": 60, "heightCm": 150, "age": 12}""");

        Assert.Equal("child-or-teen", json.GetProperty("ageGroup").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("category").ValueKind);
    }

    [Fact]
    public async Task BMI_refuses_a_height_in_metres()
    {
        var (status, _, json) = await PostAsync("/api/v1/tools/bmi", """{"weightKg": 70, "heightCm": 1.75}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("175 cm", json.GetProperty("errors").GetProperty("heightCm")[0].GetString(), StringComparison.Ordinal);
    }
}
