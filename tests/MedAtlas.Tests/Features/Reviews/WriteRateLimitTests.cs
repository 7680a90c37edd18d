using System.Net;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary><c>Reviews:WritesPerHour</c>: the write and edit forms' POSTs per account; showing the form stays free.</summary>
public sealed class WriteRateLimitTests(WriteRateLimitTests.LimitedApp app) : IClassFixture<WriteRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : WriteApp
    {
        public LimitedApp() => WithSetting("Reviews:WritesPerHour", "2");
    }

    [Fact]
    public async Task The_third_post_in_an_hour_is_refused_for_that_account_only()
    {
        var (_, client) = await app.WriterAsync("Busy Writer");
        var (_, other) = await app.WriterAsync("Calm Writer");

        var first = await WriteApp.PostReviewAsync(client, [new("Input.Text", "too short")]);
        var second = await WriteApp.PostReviewAsync(client, WriteApp.Valid());
        var third = await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid().Where(f => f.Key != "Input.Condition"), new("Input.Condition", "anxiety")]);
        var otherAccount = await WriteApp.PostReviewAsync(other, WriteApp.Valid());

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.Redirect, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/drugs/sertraline/reviews/write", TestContext.Current.CancellationToken)).StatusCode);
    }
}
