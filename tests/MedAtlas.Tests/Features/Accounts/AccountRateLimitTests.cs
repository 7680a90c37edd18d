using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>The account forms' rate limits, on an app whose limits are low enough to reach.</summary>
public sealed class AccountRateLimitTests : IAsyncLifetime
{
    private readonly MedAtlasApp app = new MedAtlasApp()
        .WithSetting("Accounts:RateLimits:sign-in", "3")
        .WithSetting("Accounts:RateLimits:reset", "2");

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Too_many_sign_ins_get_429_with_retry_after_and_a_friendly_page_while_the_form_still_shows()
    {
        using var visitor = new AccountVisitor(app);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await visitor.SignInAsync("someone@example.org", "a wrong password here");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await visitor.SignInAsync("someone@example.org", "a wrong password here");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var page = Html.Text(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Too many attempts", page, StringComparison.Ordinal);
        Assert.Contains("Try again in", page, StringComparison.Ordinal);

        using var form = await visitor.Http.GetAsync("/sign-in", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Password_reset_requests_are_limited_too()
    {
        using var visitor = new AccountVisitor(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await visitor.PostFormAsync("/forgot-password", new Dictionary<string, string> { ["Email"] = $"r{i}@example.org" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}
