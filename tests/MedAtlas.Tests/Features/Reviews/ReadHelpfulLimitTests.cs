using System.Net;
using MedAtlas.Tests.Features.Accounts;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>"Was this review helpful?" is rate-limited per account (Reviews:HelpfulVotesPerHour).</summary>
public sealed class ReadHelpfulLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Votes_over_the_hourly_limit_get_429_and_count_nothing()
    {
        await using var app = new ReadReviewsApp();
        app.WithSetting("Reviews:HelpfulVotesPerHour", "2");
        await app.InitializeAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add((await app.WriteAsync("atenolol", "high-blood-pressure", 4, $"Limit-{i}: steady blood pressure, a little tired in the first week.")).Id);
        var voter = await app.CreateAccountAsync("limited-{n}@example.org", "Limited Voter");
        using var client = await app.SignInAsync(voter);
        var token = await client.GetFormTokenAsync("/drugs/atenolol/reviews");

        var answers = new List<HttpStatusCode>();
        foreach (var id in ids)
        {
            var response = await client.PostWithTokenAsync("/drugs/atenolol/reviews?handler=Helpful", token,
                new() { ["review"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        var page = await client.GetStringAsync("/drugs/atenolol/reviews", Ct);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "1 person found this helpful"));
    }
}
