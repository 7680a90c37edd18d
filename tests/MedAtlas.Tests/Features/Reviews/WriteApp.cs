using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>
/// The app for the review-writing tests: the write limit lifted (one test account posts every bad input in turn;
/// <see cref="WriteRateLimitTests"/> sets its own), and helpers to make writers and post the form as a browser does.
/// </summary>
public class WriteApp : AccountsApp
{
    public WriteApp() => WithSetting("Reviews:WritesPerHour", "100000");

    /// <summary>
    /// A signed-in writer. <paramref name="established"/>: the account is older than <c>Moderation:NewAccountDays</c>
    /// (its review goes out at once, links clickable); otherwise it is new (its first review waits for a moderator).
    /// </summary>
    internal async Task<(TestAccount Account, HttpClient Client)> WriterAsync(string name, bool established = true, params string[] roles)
    {
        var account = await this.CreateAccountAsync("writer-{n}@example.org", name, roles: roles);
        if (established)
            await AgeAsync(account.Id, TimeSpan.FromDays(60));
        return (account, await this.SignInAsync(account));
    }

    internal Task AgeAsync(string accountId, TimeSpan age) =>
        WithDbAsync(db => db.Set<Account>().Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTime.UtcNow - age), TestContext.Current.CancellationToken));

    /// <summary>The fields of a complete, valid review for sertraline (depression); a test changes or removes what it tests.</summary>
    internal static List<KeyValuePair<string, string>> Valid(string? text = null) =>
    [
        new("Input.Condition", "depression"),
        new("Input.Effectiveness", "4"),
        new("Input.EaseOfUse", "5"),
        new("Input.Satisfaction", "3"),
        new("Input.Text", text ?? $"It took about six weeks to help, and the first days were hard. Review {Guid.NewGuid():N}"),
        new("Input.Role", "Patient"),
    ];

    /// <summary>Posts the write form (or <paramref name="path"/>'s form) with the token the page handed out, as a browser would.</summary>
    internal static async Task<HttpResponseMessage> PostReviewAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields, string path = "/drugs/sertraline/reviews/write")
    {
        var page = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AccountTestClient.TokenIn(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            ?? throw new InvalidOperationException($"No form on {path}.");
        return await client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
    }

    /// <summary>The id in a redirect to "/drugs/x/reviews#review-12" or "/drugs/x/reviews/12/saved".</summary>
    internal static long ReviewIdIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var match = System.Text.RegularExpressions.Regex.Match(location, @"(?:#review-|/reviews/)(\d+)");
        Assert.True(match.Success, location);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal Task<DrugReview?> ReviewAsync(long id) =>
        WithDbAsync(db => db.Set<DrugReview>().AsNoTracking().Include(r => r.SideEffects).FirstOrDefaultAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    internal Task<int> ReviewCountAsync(string accountId) =>
        WithDbAsync(db => db.Set<DrugReview>().CountAsync(r => r.AccountId == accountId, TestContext.Current.CancellationToken));

    /// <summary>A moderator's decision, through the store (the aggregates move with it).</summary>
    internal async Task SetStateAsync(long id, ContentState from, ContentState to)
    {
        await using var scope = Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ReviewStore>().SetStateAsync(id, from, to, TestContext.Current.CancellationToken));
    }

    internal static async Task<string> TextOfAsync(HttpResponseMessage response) =>
        Html.Text(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
}
