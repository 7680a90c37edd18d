using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Interactions;

/// <summary>
/// Issue 19, part 6: one rule for what a list of medicines may be (how many names, how long, which characters), so the
/// checker page never takes what the API refuses. The page says why next to the list; the API answers a 400
/// problem+json naming <c>drugs</c>.
/// </summary>
public sealed class CheckerLimitsTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RefusedLists => new()
    {
        { "warfarin," + new string('a', 201), "at most 200 characters" },
        { string.Join(",", Enumerable.Range(0, 31).Select(i => $"drug{i}")), "at most 30 medicines" },
        { "warfarin,ibu\u0001profen", "a control or formatting character" },
        { "warfarin,\u202Eneforpubi", "a control or formatting character" },
    };

    [Theory]
    [MemberData(nameof(RefusedLists))]
    public async Task The_API_refuses_the_list_naming_drugs(string drugs, string message)
    {
        var response = await client.GetAsync($"/api/v1/interactions?drugs={Uri.EscapeDataString(drugs)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("drugs")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusedLists))]
    public async Task The_page_refuses_the_same_list_and_says_why_beside_it(string drugs, string message)
    {
        var response = await client.GetAsync($"/interaction-checker?drugs={Uri.EscapeDataString(drugs)}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("<p class=\"field-error\" role=\"alert\">[^<]*" + System.Text.RegularExpressions.Regex.Escape(message), html);
        // What could be checked still is: the page lists warfarin (or the first 30 names) and offers to go on.
        Assert.Contains("Your list", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_of_200_characters_is_taken_by_both()
    {
        var drugs = "warfarin," + new string('a', 200);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/interactions?drugs={drugs}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/interaction-checker?drugs={drugs}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Adding_a_name_of_201_characters_is_refused_beside_the_field()
    {
        var response = await client.GetAsync($"/interaction-checker?drugs=warfarin&add={new string('b', 201)}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("<p id=\"add-error\" class=\"field-error\">[^<]*at most 200 characters", html);
    }
}
