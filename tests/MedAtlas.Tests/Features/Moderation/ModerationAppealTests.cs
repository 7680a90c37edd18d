using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Tests.Features.Moderation;

/// <summary>The author's side: /account/moderation shows removed writing with the reason, and each decision can be appealed once, by its author only.</summary>
public sealed class ModerationAppealTests(ModerationApp app) : IClassFixture<ModerationApp>
{
    private const string Appeal = "I wrote about my own dose, which my doctor chose; I did not tell anyone else to take it.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_author_appeals_a_removal_once_and_the_appeal_waits_in_the_appealed_queue()
    {
        var (author, caseId) = await RemovedReviewAsync("Andy Appealer");
        using var asAuthor = await app.SignInAsync(author);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Abe Appeals"));

        var tooShort = await AppealAsync(asAuthor, caseId, "Please look again.");
        var sent = await AppealAsync(asAuthor, caseId, Appeal);
        var again = await AppealAsync(asAuthor, caseId, Appeal + " Again.");
        var authorPage = await asAuthor.TextAsync("/account/moderation");
        var queue = await moderator.TextAsync("/moderation?queue=appealed");
        var declined = await moderator.ActAsync(caseId, ModerationActions.DeclineAppeal, "The review tells readers which dose to take.");
        var afterDecline = await asAuthor.TextAsync("/account/moderation");

        Assert.Contains("Tell the moderators why in at least 20 characters.", Html.Text(await tooShort.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(AuthorModeration.AlreadyAppealed, Html.Text(await again.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Your appeal Sent", authorPage, StringComparison.Ordinal);
        Assert.Contains(Appeal, authorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the appeal", authorPage, StringComparison.Ordinal);
        Assert.Contains("Appealed (1)", queue, StringComparison.Ordinal);
        Assert.Contains("The author's appeal " + Appeal, queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Contains("The review tells readers which dose to take.", afterDecline, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the appeal", afterDecline, StringComparison.Ordinal);
        Assert.Contains("Appealed (0)", await moderator.TextAsync("/moderation?queue=appealed"), StringComparison.Ordinal);
        var history = await moderator.TextAsync($"/moderation/cases/{caseId}");
        Assert.Contains("Appealed by the author", history, StringComparison.Ordinal);
        Assert.Contains("Appeal declined, by Abe Appeals: The review tells readers which dose to take.", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_account_appealing_someone_elses_case_gets_404_and_nothing_changes()
    {
        var (author, caseId) = await RemovedReviewAsync("Vera Victim");
        var intruder = await app.WriterAsync("Ian Intruder");
        using var asIntruder = await app.SignInAsync(intruder);
        using var asAuthor = await app.SignInAsync(author);

        var forged = await AppealAsync(asIntruder, caseId, Appeal);
        var unknown = await AppealAsync(asIntruder, 987654321, Appeal);
        var intrudersPage = await asIntruder.TextAsync("/account/moderation");

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("Review of", intrudersPage, StringComparison.Ordinal);
        var authorPage = await asAuthor.TextAsync("/account/moderation");
        Assert.Contains("Send the appeal", authorPage, StringComparison.Ordinal);
        Assert.DoesNotContain(Appeal, authorPage, StringComparison.Ordinal);
    }

    /// <summary>A known writer's review, reported once and removed by a moderator with a reason.</summary>
    private async Task<(TestAccount Author, long CaseId)> RemovedReviewAsync(string authorName)
    {
        var author = await app.WriterAsync(authorName);
        var reviewId = await app.ReviewAsync(author);
        using var reporter = await app.SignInAsync(await app.WriterAsync("Reporter of " + authorName));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId, nameof(ReportReason.Misinformation))).StatusCode);
        var caseId = await app.CaseIdAsync(reviewId);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Remover of " + authorName));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Remove, "It tells readers which dose to take.")).StatusCode);
        return (author, caseId);
    }

    private static async Task<HttpResponseMessage> AppealAsync(HttpClient client, long caseId, string text) =>
        await client.PostWithTokenAsync("/account/moderation?handler=Appeal", await client.GetFormTokenAsync("/account"),
            new() { ["id"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = text });
}
