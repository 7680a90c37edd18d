using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>Reviews where else they show: the drug page's section, the condition page's sort, and the JSON API. Each test uses its own drug or condition.</summary>
public sealed class ReadReviewElsewhereTests(ReadReviewsApp app) : IClassFixture<ReadReviewsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Words(string marker) => $"{marker}: it worked for me after a couple of weeks, with a few bumps at first.";

    [Fact]
    public async Task The_drug_page_shows_averages_top_side_effects_and_the_most_helpful_reviews_from_five_reviews()
    {
        using var visitor = app.NewClient();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await app.WriteAsync("metoprolol", "high-blood-pressure", 4, Words($"DrugPage-{i}"), input => input with
            {
                SideEffects = [new("Tiredness", false), .. i < 3 ? [new MedAtlas.Web.Features.Reviews.PickedSideEffect("Dizziness", false)] : Array.Empty<MedAtlas.Web.Features.Reviews.PickedSideEffect>(),
                    .. i < 2 ? [new MedAtlas.Web.Features.Reviews.PickedSideEffect("Cold hands", false)] : Array.Empty<MedAtlas.Web.Features.Reviews.PickedSideEffect>(),
                    .. i < 1 ? [new MedAtlas.Web.Features.Reviews.PickedSideEffect("Slow heartbeat", true)] : Array.Empty<MedAtlas.Web.Features.Reviews.PickedSideEffect>()],
            })).Id);
        }

        var four = Html.Text(await visitor.GetStringAsync("/drugs/metoprolol", Ct));
        Assert.Contains("Patient reviews", four);
        Assert.Contains("4 reviews.", four);
        Assert.Contains("Not enough reviews for an average yet", four);

        ids.Add((await app.WriteAsync("metoprolol", "angina", 1, Words("DrugPage-4"))).Id);
        var voters = new List<TestAccount>();
        for (var v = 0; v < 3; v++)
            voters.Add(await app.CreateAccountAsync("voter-{n}@example.org", $"Voter {v}"));
        // Most helpful: review 4 (3 votes), review 2 (2), review 0 (1).
        foreach (var voter in voters)
            await app.VoteAsync(ids[4], voter.Id);
        await app.VoteAsync(ids[2], voters[0].Id);
        await app.VoteAsync(ids[2], voters[1].Id);
        await app.VoteAsync(ids[0], voters[0].Id);

        var html = await visitor.GetStringAsync("/drugs/metoprolol", Ct);
        var text = Html.Text(html);
        Assert.Contains("5 reviews.", text);
        Assert.DoesNotContain("Not enough reviews for an average yet", text);
        Assert.Contains("Satisfaction 3.4 of 5", text);
        Assert.Contains("Tiredness: 4 reviews", text);
        Assert.Contains("Dizziness: 3 reviews", text);
        Assert.Contains("Cold hands: 2 reviews", text);
        Assert.DoesNotContain("Slow heartbeat: 1", text);
        var four4 = text.IndexOf("DrugPage-4", StringComparison.Ordinal);
        var two = text.IndexOf("DrugPage-2", StringComparison.Ordinal);
        var zero = text.IndexOf("DrugPage-0", StringComparison.Ordinal);
        Assert.True(four4 >= 0 && four4 < two && two < zero, "The three most helpful reviews, most helpful first.");
        Assert.DoesNotContain("DrugPage-1", text);
        Assert.DoesNotContain("DrugPage-3", text);
        Assert.Contains("/drugs/metoprolol/reviews", Html.AttributeValues(html, "href"));
        Assert.Contains($"/drugs/metoprolol/reviews/{ids[4]}", Html.AttributeValues(html, "href"));
        Assert.Contains("/drugs/metoprolol/reviews/write", Html.AttributeValues(html, "href"));
        Assert.Contains("not medical advice", text);
    }

    [Fact]
    public async Task A_condition_page_sorts_its_drugs_by_satisfaction_with_no_average_under_five_reviews()
    {
        // Asthma: albuterol rated 4.0 from 5 reviews, montelukast 2.0 from 5, fluticasone 2 reviews (5 stars, but too few).
        for (var i = 0; i < 5; i++)
        {
            await app.WriteAsync("albuterol", "asthma", i % 2 == 0 ? 5 : 3, Words($"Albuterol-{i}"));
            await app.WriteAsync("montelukast", "asthma", 2, Words($"Montelukast-{i}"));
        }

        await app.WriteAsync("fluticasone", "asthma", 5, Words("Fluticasone-0"));
        await app.WriteAsync("fluticasone", "asthma", 5, Words("Fluticasone-1"));
        // A review for another condition does not count on the asthma page.
        await app.WriteAsync("montelukast", "allergic-rhinitis", 5, Words("Montelukast-rhinitis"));
        using var visitor = app.NewClient();

        var plain = await visitor.GetStringAsync("/conditions/asthma", Ct);
        Assert.Contains("/conditions/asthma?sort=satisfaction#drugs-title", Html.AttributeValues(plain, "href"));
        Assert.DoesNotContain("Satisfaction 4.2", Html.Text(plain));

        var sorted = Html.Text(await visitor.GetStringAsync("/conditions/asthma?sort=satisfaction", Ct)).Replace(" :", ":", StringComparison.Ordinal);
        Assert.Contains("Albuterol", sorted);
        Assert.Contains("Satisfaction 4.2 of 5, 5 reviews", sorted);
        Assert.Contains("Satisfaction 2.0 of 5, 5 reviews", sorted);
        Assert.Contains("2 reviews: not enough for an average yet", sorted);
        Assert.DoesNotContain("Satisfaction 5.0", sorted);
        var albuterol = sorted.IndexOf("Satisfaction 4.2", StringComparison.Ordinal);
        var montelukast = sorted.IndexOf("Satisfaction 2.0", StringComparison.Ordinal);
        var fluticasone = sorted.IndexOf("2 reviews: not enough", StringComparison.Ordinal);
        var unreviewed = sorted.IndexOf("No reviews for this condition yet", StringComparison.Ordinal);
        Assert.True(albuterol < montelukast && montelukast < fluticasone && fluticasone < unreviewed,
            "Rated drugs by satisfaction first, then those with too few reviews, then the unreviewed.");
    }

    [Fact]
    public async Task The_API_lists_published_reviews_and_the_summary_and_names_a_bad_parameter()
    {
        var (first, writer) = await app.WriteAsync("amlodipine", "high-blood-pressure", 5, Words("Api-First"), i => i with
        {
            SideEffects = [new("Swollen ankles", false)], AgeRange = MedAtlas.Web.Features.Reviews.AgeRange.Age55To64,
        });
        var (hidden, _) = await app.WriteAsync("amlodipine", "angina", 2, Words("Api-Hidden"));
        await app.WriteAsync("amlodipine", null, 3, Words("Api-Other"));
        await app.SetStateAsync(hidden, MedAtlas.Web.Features.Moderation.ContentState.Published, MedAtlas.Web.Features.Moderation.ContentState.Hidden);
        using var client = app.CreateClient();

        var list = await client.GetAsync("/api/v1/drugs/amlodipine/reviews?sort=highest", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = await list.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(writer.Email, body, StringComparison.OrdinalIgnoreCase);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
            var items = json.RootElement.GetProperty("items");
            Assert.Equal(first, items[0].GetProperty("id").GetInt64());
            Assert.Contains("Api-First", items[0].GetProperty("text").GetString());
            Assert.Equal("high-blood-pressure", items[0].GetProperty("condition").GetString());
            Assert.Equal("55-64", items[0].GetProperty("age").GetString());
            Assert.Equal("Swollen ankles", items[0].GetProperty("sideEffects")[0].GetString());
            Assert.Equal(writer.DisplayName, items[0].GetProperty("author").GetString());
            Assert.Equal("other", items[1].GetProperty("condition").GetString());
        }

        using (var other = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/amlodipine/reviews?condition=other", Ct)))
            Assert.Equal(1, other.RootElement.GetProperty("total").GetInt32());
        using (var brand = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/norvasc/reviews", Ct)))
            Assert.Equal(2, brand.RootElement.GetProperty("total").GetInt32());

        using (var summary = JsonDocument.Parse(await client.GetStringAsync("/api/v1/drugs/amlodipine/reviews/summary", Ct)))
        {
            var overall = summary.RootElement.GetProperty("overall");
            Assert.Equal(2, overall.GetProperty("count").GetInt32());
            Assert.Equal(JsonValueKind.Null, overall.GetProperty("satisfaction").GetProperty("average").ValueKind);
            Assert.Equal([0, 0, 1, 0, 1], overall.GetProperty("satisfaction").GetProperty("stars").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(["high-blood-pressure", "other"],
                summary.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("condition").GetString()).Order());
            var effect = summary.RootElement.GetProperty("sideEffects")[0];
            Assert.Equal("Swollen ankles", effect.GetProperty("label").GetString());
            Assert.Equal(1, effect.GetProperty("count").GetInt32());
        }

        foreach (var (query, parameter) in new[] { ("sort=best", "sort"), ("page=0", "page"), ("page=two", "page"), ("condition=not-a-condition", "condition"), ("rating=6", "rating"), ("size=50", "size") })
        {
            var bad = await client.GetAsync($"/api/v1/drugs/amlodipine/reviews?{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{query} should name {parameter}.");
        }

        foreach (var path in new[] { "/api/v1/drugs/no-such-drug/reviews", "/api/v1/drugs/no-such-drug/reviews/summary" })
        {
            var missing = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
    }
}
