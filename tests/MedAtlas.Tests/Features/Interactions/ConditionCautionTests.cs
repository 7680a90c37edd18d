using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.StarterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Interactions;

/// <summary>Issue 9, item 3: what the labels say about a medicine with a condition the person has, on the checker's API and page.</summary>
public sealed class ConditionCautionTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> CheckAsync(string drugs, string? conditions = null)
    {
        var url = $"/api/v1/interactions?drugs={Uri.EscapeDataString(drugs)}" + (conditions is null ? "" : $"&conditions={Uri.EscapeDataString(conditions)}");
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static List<JsonElement> Cautions(JsonElement report) => [.. report.GetProperty("conditionCautions").EnumerateArray()];

    private static JsonElement CautionFor(JsonElement report, string drug, string condition) =>
        Assert.Single(Cautions(report), c => c.GetProperty("drug").GetString() == drug && c.GetProperty("condition").GetString() == condition);

    private async Task<string> PageTextAsync(string query) => Html.Text(await client.GetStringAsync("/interaction-checker?" + query, Ct));

    [Fact]
    public async Task Ibuprofen_with_high_blood_pressure_comes_back_with_the_label_it_is_from()
    {
        var report = await CheckAsync("ibuprofen", "high-blood-pressure");

        var caution = CautionFor(report, "ibuprofen", "high-blood-pressure");
        Assert.Equal("High blood pressure", caution.GetProperty("conditionName").GetString());
        Assert.Equal("moderate", caution.GetProperty("severity").GetString());
        Assert.Contains("blood pressure", caution.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Ask your doctor", caution.GetProperty("management").GetString(), StringComparison.Ordinal);
        Assert.Contains(caution.GetProperty("references").EnumerateArray(), r => r.GetString()!.StartsWith("FDA Drug Facts label, ibuprofen", StringComparison.Ordinal));
        Assert.Equal("high-blood-pressure", Assert.Single(report.GetProperty("conditions").EnumerateArray()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task The_page_shows_the_caution_under_your_conditions_with_its_source()
    {
        var text = await PageTextAsync("drugs=ibuprofen&conditions=high-blood-pressure");

        Assert.Contains("Your conditions", text, StringComparison.Ordinal);
        Assert.Contains("Ibuprofen and High blood pressure Moderate", text, StringComparison.Ordinal);
        Assert.Contains("From: FDA Drug Facts label, ibuprofen tablets", text, StringComparison.Ordinal);
        Assert.Contains("1 caution with your conditions", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drug_with_no_statement_gives_none_and_the_page_does_not_call_it_safe()
    {
        var report = await CheckAsync("amoxicillin", "high-blood-pressure");
        var text = await PageTextAsync("drugs=amoxicillin&conditions=high-blood-pressure");

        Assert.Empty(Cautions(report));
        Assert.Contains("The catalogue knows of no cautions for these medicines with High blood pressure", text, StringComparison.Ordinal);
        Assert.Contains("That does not mean they are safe for you", text, StringComparison.Ordinal);
        Assert.Contains("0 cautions with your conditions", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_condition_is_a_400_on_the_API_with_the_closest_condition()
    {
        var response = await client.GetAsync("/api/v1/interactions?drugs=ibuprofen&conditions=hypertensoin", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("conditions");
        var message = Assert.Single(errors.EnumerateArray()).GetString()!;
        Assert.Contains("“hypertensoin” is not a condition in the catalogue", message, StringComparison.Ordinal);
        Assert.Contains("Did you mean High blood pressure (high-blood-pressure)?", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_condition_on_the_page_says_it_was_not_checked_and_offers_the_closest()
    {
        var response = await client.GetAsync("/interaction-checker?drugs=ibuprofen&conditions=hypertensoin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("“hypertensoin”: not a condition we know, so it was not checked.", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("conditions=high-blood-pressure", Uri.UnescapeDataString(string.Join(" ", Html.AttributeValues(html, "href"))), StringComparison.Ordinal);
        Assert.DoesNotContain("Your conditions Ibuprofen", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_conditions_are_refused_on_the_API_and_the_page()
    {
        var conditions = string.Join(",", Enumerable.Range(0, 21).Select(i => $"condition{i}"));
        var api = await client.GetAsync($"/api/v1/interactions?drugs=ibuprofen&conditions={conditions}", Ct);
        var page = await client.GetAsync($"/interaction-checker?drugs=ibuprofen&conditions={conditions}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("at most 20 conditions", Html.Text(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hypertension")]
    [InlineData("High blood pressure")]
    [InlineData("HIGH-BLOOD-PRESSURE")]
    public async Task A_condition_can_be_named_by_its_name_or_a_synonym(string named)
    {
        var report = await CheckAsync("pseudoephedrine", named);

        Assert.Equal("high-blood-pressure", CautionFor(report, "pseudoephedrine", "high-blood-pressure").GetProperty("condition").GetString());
    }

    [Fact]
    public async Task A_statement_about_the_ingredient_outranks_one_about_its_class()
    {
        // Propranolol's own label contraindicates it in asthma; the beta-blocker class statement is "major".
        var report = await CheckAsync("propranolol,metoprolol", "asthma");

        Assert.Equal("contraindicated", CautionFor(report, "propranolol", "asthma").GetProperty("severity").GetString());
        Assert.Equal("major", CautionFor(report, "metoprolol", "asthma").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_combination_product_is_cautioned_for_each_ingredient_that_has_a_statement()
    {
        var report = await CheckAsync("norco", "liver-disease,copd");

        Assert.Equal("acetaminophen", CautionFor(report, "hydrocodone-acetaminophen", "liver-disease").GetProperty("ingredient").GetString());
        Assert.Equal("hydrocodone", CautionFor(report, "hydrocodone-acetaminophen", "copd").GetProperty("ingredient").GetString());
    }

    [Fact]
    public async Task Cautions_come_worst_first()
    {
        var report = await CheckAsync("ibuprofen,sumatriptan,pseudoephedrine", "high-blood-pressure,coronary-artery-disease");

        var severities = Cautions(report).Select(c => InteractionSources.ParseSeverity(c.GetProperty("severity").GetString())!.Value).ToList();
        Assert.Equal("contraindicated", Cautions(report)[0].GetProperty("severity").GetString());
        Assert.Equal(severities.OrderDescending(), severities);
        Assert.True(severities.Count >= 5, "sumatriptan, ibuprofen and pseudoephedrine each with both conditions");
    }

    [Fact]
    public async Task Aspirin_is_not_cautioned_for_heart_disease_the_way_other_NSAIDs_are()
    {
        // "NSAIDs except aspirin raise the risk of heart attack": the statement names that group, not every NSAID.
        var report = await CheckAsync("aspirin,naproxen", "coronary-artery-disease,stomach-ulcer");

        Assert.Single(Cautions(report), c => c.GetProperty("drug").GetString() == "naproxen" && c.GetProperty("condition").GetString() == "coronary-artery-disease");
        Assert.DoesNotContain(Cautions(report), c => c.GetProperty("drug").GetString() == "aspirin" && c.GetProperty("condition").GetString() == "coronary-artery-disease");
        Assert.Equal("major", CautionFor(report, "aspirin", "stomach-ulcer").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Drug_drug_results_are_the_same_with_or_without_conditions()
    {
        const string drugs = "warfarin,ibuprofen,pseudoephedrine,propranolol,metformin";
        var without = await CheckAsync(drugs);
        var with = await CheckAsync(drugs, "asthma,high-blood-pressure,chronic-kidney-disease");

        foreach (var part in new[] { "checked", "unknown", "interactions", "duplicates", "foodAndAlcohol", "sourcesChecked" })
            Assert.Equal(without.GetProperty(part).GetRawText(), with.GetProperty(part).GetRawText());
        Assert.Empty(Cautions(without));
        Assert.NotEmpty(Cautions(with));
    }

    [Fact]
    public async Task Condition_statements_are_not_counted_or_listed_as_drug_interactions()
    {
        var drugRules = await app.WithDbAsync(db => db.Set<InteractionRule>().AsNoTracking()
            .CountAsync(r => r.Source == InteractionSources.MedAtlas && !r.A.StartsWith("condition:") && !r.B.StartsWith("condition:"), Ct));
        var report = await CheckAsync("ibuprofen,pseudoephedrine", "high-blood-pressure");
        var drugPage = Html.Text(await client.GetStringAsync("/drugs/ibuprofen/interactions", Ct));

        var medatlas = Assert.Single(report.GetProperty("sourcesChecked").EnumerateArray(), s => s.GetProperty("name").GetString() == "MedAtlas editorial starter set");
        Assert.Equal(drugRules, medatlas.GetProperty("rules").GetInt32());
        Assert.DoesNotContain("condition:", report.GetProperty("interactions").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("condition:", drugPage, StringComparison.Ordinal);
        var conditions = drugPage.IndexOf("Health conditions", StringComparison.Ordinal);
        Assert.True(conditions > 0, "the drug's interactions page has a conditions section");
        Assert.Contains("High blood pressure Moderate", drugPage[conditions..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drug_page_severity_filter_applies_to_its_conditions_too()
    {
        var contraindicated = Html.Text(await client.GetStringAsync("/drugs/propranolol/interactions?severity=contraindicated", Ct));
        var moderate = Html.Text(await client.GetStringAsync("/drugs/propranolol/interactions?severity=moderate", Ct));

        Assert.Contains("Asthma Contraindicated", contraindicated, StringComparison.Ordinal);
        Assert.DoesNotContain("Type 2 diabetes Moderate", contraindicated, StringComparison.Ordinal);
        Assert.Contains("Type 2 diabetes Moderate", moderate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_adds_a_condition_by_name_into_the_address_and_keeps_it_when_a_medicine_is_added()
    {
        var added = await client.GetAsync("/interaction-checker?drugs=ibuprofen&add-condition=hypertension", Ct);
        var medicine = await client.GetAsync("/interaction-checker?drugs=ibuprofen&conditions=asthma&add=Tylenol", Ct);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/interaction-checker?drugs=ibuprofen&conditions=high-blood-pressure", Uri.UnescapeDataString(added.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, medicine.StatusCode);
        Assert.Equal("/interaction-checker?drugs=ibuprofen,acetaminophen&conditions=asthma", Uri.UnescapeDataString(medicine.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_condition_that_cannot_be_added_is_explained_next_to_its_field()
    {
        var missed = await client.GetAsync("/interaction-checker?drugs=ibuprofen&add-condition=glaucomma", Ct);
        var twice = await client.GetAsync("/interaction-checker?drugs=ibuprofen&conditions=asthma&add-condition=Asthma", Ct);
        var missedHtml = await missed.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missed.StatusCode);
        Assert.Contains("id=\"condition-error\"", missedHtml, StringComparison.Ordinal);
        Assert.Contains("We could not find the condition “glaucomma”. Did you mean Glaucoma", Html.Text(missedHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("Asthma is already on your list.", Html.Text(await twice.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_condition_keeps_the_medicines_and_removing_a_medicine_keeps_the_conditions()
    {
        var html = await client.GetStringAsync("/interaction-checker?drugs=ibuprofen,warfarin&conditions=asthma,high-blood-pressure", Ct);

        var hrefs = Html.AttributeValues(html, "href").Select(Uri.UnescapeDataString).ToList();
        Assert.Contains("/interaction-checker?drugs=ibuprofen,warfarin&conditions=high-blood-pressure", hrefs);
        Assert.Contains("/interaction-checker?drugs=warfarin&conditions=asthma,high-blood-pressure", hrefs);
    }

    [Fact]
    public async Task Site_suggestions_can_be_limited_to_conditions()
    {
        var suggestions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/search/suggest?q=hyper&kind=condition", Ct)).RootElement.EnumerateArray().ToList();
        var bad = await client.GetAsync("/api/v1/search/suggest?q=hyper&kind=pill", Ct);

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.StartsWith("/conditions/", s.GetProperty("path").GetString(), StringComparison.Ordinal));
        Assert.Contains(suggestions, s => s.GetProperty("path").GetString() == "/conditions/high-blood-pressure");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Every_statement_in_the_starter_file_is_loaded()
    {
        var folder = new StarterDataFolder(Path.Combine(AppContext.BaseDirectory, "data", "seed", "interactions"));
        var file = await folder.ReadJsonArraysAsync<SeedCaution>("conditions.json", Ct);
        var loaded = await app.WithDbAsync(db => db.Set<InteractionRule>().AsNoTracking()
            .CountAsync(r => r.Origin == MedAtlas.Web.Infrastructure.Data.ContentOrigin.Starter && (r.A.StartsWith("condition:") || r.B.StartsWith("condition:")), Ct));

        Assert.InRange(file.Count, 15, 100);
        Assert.Equal(file.Count, loaded);
        Assert.All(file, c => Assert.NotEmpty(c.Sources!));
    }

    [Fact]
    public void The_starter_file_is_checked_for_unknown_names_and_missing_sources()
    {
        List<SeedCaution> cautions =
        [
            new("class:nsaids", "high-blood-pressure", "moderate", "s", "m", ["label"]),
            new("ibuprofin", "high-blood-pressure", "moderate", "s", "m", ["label"]),
            new("ibuprofen", "hypertensoin", "moderate", "s", "m", ["label"]),
            new("ibuprofen", "asthma", "moderate", "s", "m", null),
            new("Class:NSAIDs", "high-blood-pressure", "moderate", "s", "m", ["label"]),
        ];

        var error = Assert.Throws<InvalidDataException>(() => InteractionsStarterData.ValidateCautions(
            cautions, [], ["nsaids"], ["high-blood-pressure", "asthma"], ["ibuprofen"]));

        Assert.Contains("'ibuprofin' is no ingredient, class or group", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown condition 'hypertensoin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a summary, a management and sources", error.Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 problem(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_Medicine_warns_from_a_profile_s_conditions_when_a_medicine_is_added()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var safety = scope.ServiceProvider.GetRequiredService<MedicineSafety>();
        var profile = new Profile
        {
            AccountId = "not-saved",
            Name = "Sam",
            Conditions = [new ProfileCondition { Name = "High blood pressure", ConditionSlug = "high-blood-pressure" }, new ProfileCondition { Name = "Bad knees" }],
        };

        var check = await safety.CheckOneAsync(profile, [], "Sudafed", "pseudoephedrine", null, Ct);

        var caution = Assert.Single(check.Conditions);
        Assert.Equal("high-blood-pressure", caution.ConditionSlug);
        Assert.Equal(["Bad knees"], check.ConditionsNotChecked);
    }
}
