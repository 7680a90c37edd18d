using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Reviews;
using MedAtlas.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Moderation;

/// <summary>
/// The app for the moderation tests, sending its mail to the suite's SMTP sink, with helpers to arrange writers,
/// moderators and reviews. Reviews are created through the app's own <c>ReviewStore</c>; everything the tests
/// assert goes through HTTP (the report form, the queue, a case's forms, the author's page).
/// </summary>
public sealed partial class ModerationApp : AccountsApp
{
    private IReadOnlyList<(int Id, string Slug, string Name)>? drugs;

    public ModerationApp() => WithSmtpSink();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A confirmed account; a known writer's account is a month old, so their reviews are published at once.</summary>
    internal async Task<TestAccount> WriterAsync(string displayName, bool knownWriter = true)
    {
        var account = await this.CreateAccountAsync("writer-{n}@example.org", displayName);
        return knownWriter ? await MonthOldAsync(account) : account;
    }

    /// <summary>A Moderator; a month old, so their own reviews are published at once too.</summary>
    internal async Task<TestAccount> ModeratorAsync(string displayName) =>
        await MonthOldAsync(await this.CreateAccountAsync("moderator-{n}@example.org", displayName, roles: StaffRoles.Moderator));

    private async Task<TestAccount> MonthOldAsync(TestAccount account)
    {
        var monthAgo = DateTime.UtcNow.AddDays(-30);
        await WithDbAsync(db => db.Set<Account>().Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, monthAgo), Ct));
        return account;
    }

    /// <summary>The starter catalogue's first drug, which the reviews are of unless a test asks for another.</summary>
    internal async Task<(int Id, string Slug, string Name)> DrugAsync(int index = 0)
    {
        drugs ??= await WithDbAsync(async db => (IReadOnlyList<(int, string, string)>)[.. (await db.Set<Drug>().AsNoTracking().OrderBy(d => d.Slug)
            .Select(d => new { d.Id, d.Slug, d.Name }).Take(10).ToListAsync(Ct)).Select(d => (d.Id, d.Slug, d.Name))]);
        return drugs[index];
    }

    /// <summary>
    /// A review by <paramref name="author"/> of the <paramref name="drug"/>-th drug, for "another condition", through the
    /// app's ReviewStore: published for a known writer, held for a new account's first.
    /// </summary>
    internal async Task<long> ReviewAsync(TestAccount author, int drug = 0, string? text = null)
    {
        var (drugId, _, _) = await DrugAsync(drug);
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReviewStore>();
        text ??= $"It helped my blood pressure within two weeks; a dry cough at first. ({Guid.NewGuid():N})";
        var written = await store.CreateAsync(author.Id, drugId, new ReviewInput(null, 4, 5, 4, text, ReviewerRole.Patient, null, null, null, [], null, null, false, false), Ct);
        return written.ReviewId;
    }

    /// <summary>Where the review is shown, as its content type says: the page a reporter is sent back to.</summary>
    internal async Task<string> ReviewPathAsync(long reviewId) => $"/drugs/{(await DrugAsync()).Slug}/reviews/{reviewId}";

    /// <summary>The case moderation opened for the review (the arrange step's lookup; pages are read over HTTP).</summary>
    internal Task<long> CaseIdAsync(long reviewId) =>
        WithDbAsync(db => db.Set<ModerationCase>().Where(c => c.ContentType == "review" && c.ContentId == reviewId).Select(c => c.Id).SingleAsync(Ct));
}

/// <summary>The forms of moderation as a browser posts them.</summary>
internal static partial class ModerationSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string ReportPath(long reviewId) => $"/report/review/{reviewId}";

    /// <summary>Posts the report form for the review (the token from its GET; the form itself may be refused).</summary>
    public static async Task<HttpResponseMessage> ReportAsync(this HttpClient client, long reviewId, string reason = "Spam", string? note = null)
    {
        var page = await client.GetStringAsync(ReportPath(reviewId), Ct);
        var token = AccountTestClient.TokenIn(page) ?? await client.GetFormTokenAsync("/account");
        var fields = new Dictionary<string, string> { ["Reason"] = reason };
        if (note is not null)
            fields["Note"] = note;
        return await client.PostWithTokenAsync(ReportPath(reviewId), token, fields);
    }

    /// <summary>Posts one of the case page's action forms with the version the page showed.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient moderator, long caseId, string action, string? reason = null, int? days = null)
    {
        var page = await moderator.GetStringAsync($"/moderation/cases/{caseId}", Ct);
        var (version, reports) = FormVersion(page, action);
        return await moderator.PostAsync(page, caseId, action, version, reports, reason, days);
    }

    /// <summary>The hidden version fields of the action's form on a case page (fails when the page does not offer the action).</summary>
    public static (string Version, string Reports) FormVersion(string casePage, string action)
    {
        var match = ActionForm().Matches(casePage).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["act"].Value) == action);
        Assert.True(match is not null, $"The case page offers no \"{action}\" form.");
        return (match.Groups["version"].Value, match.Groups["reports"].Value);
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient moderator, string casePage, long caseId, string action, string version, string reports, string? reason = null, int? days = null)
    {
        var fields = new Dictionary<string, string> { ["act"] = action, ["version"] = version, ["reports"] = reports };
        if (reason is not null)
            fields["reason"] = reason;
        if (days is { } d)
            fields["days"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return moderator.PostWithTokenAsync($"/moderation/cases/{caseId}", AccountTestClient.TokenIn(casePage)!, fields);
    }

    /// <summary>Whether the queue's first page links to the case.</summary>
    public static async Task<bool> InQueueAsync(this HttpClient moderator, string queue, long caseId) =>
        (await moderator.GetStringAsync($"/moderation?queue={queue}", Ct)).Contains($"href=\"/moderation/cases/{caseId}\"", StringComparison.Ordinal);

    public static async Task<string> TextAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return Html.Text(await response.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex("""name="act" value="(?<act>[^"]+)">\s*<input type="hidden" name="version" value="(?<version>\d+)">\s*<input type="hidden" name="reports" value="(?<reports>\d+)">""")]
    private static partial Regex ActionForm();
}
