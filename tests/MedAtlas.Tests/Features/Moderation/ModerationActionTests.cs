using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Tests.Features.Moderation;

/// <summary>
/// A moderator's actions through the case page's forms: each changes what the author and the queue show, and the
/// log records it; warnings and suspensions reach the author by mail and stop a suspended author reporting.
/// </summary>
public sealed class ModerationActionTests(ModerationApp app) : IClassFixture<ModerationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_accounts_first_review_waits_in_the_held_queue_until_a_moderator_approves_it()
    {
        var author = await app.WriterAsync("Nina Newcomer", knownWriter: false);
        var reviewId = await app.ReviewAsync(author);
        var caseId = await app.CaseIdAsync(reviewId);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Hal Held"));
        using var asAuthor = await app.SignInAsync(author);

        var heldBefore = await moderator.InQueueAsync("held", caseId);
        var held = await moderator.TextAsync("/moderation?queue=held");
        var authorBefore = await asAuthor.TextAsync("/account/moderation");
        var approved = await moderator.ActAsync(caseId, ModerationActions.Approve);
        var page = await moderator.TextAsync($"/moderation/cases/{caseId}?done=approve");

        Assert.True(heldBefore);
        Assert.Contains("Held because " + ContentModeration.HeldFirst, held, StringComparison.Ordinal);
        Assert.Contains("Waiting for a moderator before it is published", authorBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("Approved: it is published.", page, StringComparison.Ordinal);
        Assert.Contains("State Published", page, StringComparison.Ordinal);
        Assert.Contains("Queue None", page, StringComparison.Ordinal);
        Assert.Contains("Approved, by Hal Held", page, StringComparison.Ordinal);
        Assert.False(await moderator.InQueueAsync("held", caseId));
        Assert.Contains("Everything you wrote is published.", await asAuthor.TextAsync("/account/moderation"), StringComparison.Ordinal);
        Assert.Contains("Hal Held", await moderator.TextAsync("/moderation/log?action=approve"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hide_restore_and_remove_with_a_reason_change_the_state_the_author_sees_and_are_logged()
    {
        var (author, reviewId, caseId) = await ReportedReviewAsync("Hugo Hidden");
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Ria Restorer"));
        using var asAuthor = await app.SignInAsync(author);

        var hidden = await moderator.ActAsync(caseId, ModerationActions.Hide, "Checking the dose it mentions.");
        var authorHidden = await asAuthor.TextAsync("/account/moderation");
        var restored = await moderator.ActAsync(caseId, ModerationActions.Restore);
        var afterRestore = await moderator.TextAsync($"/moderation/cases/{caseId}");
        var noReason = await moderator.ActAsync(caseId, ModerationActions.Remove, "");
        var noReasonPage = Html.Text(await noReason.Content.ReadAsStringAsync(Ct));
        var removed = await moderator.ActAsync(caseId, ModerationActions.Remove, "It gives a dangerous dose as advice.");
        var authorRemoved = await asAuthor.TextAsync("/account/moderation");
        var history = await moderator.TextAsync($"/moderation/cases/{caseId}");

        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Contains("Hidden while a moderator looks at it", authorHidden, StringComparison.Ordinal);
        Assert.Contains("Checking the dose it mentions.", authorHidden, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("State Published", afterRestore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Write the reason: the author reads it.", noReasonPage, StringComparison.Ordinal);
        Assert.Contains("State Published", noReasonPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("Removed by a moderator", authorRemoved, StringComparison.Ordinal);
        Assert.Contains("It gives a dangerous dose as advice.", authorRemoved, StringComparison.Ordinal);
        Assert.Contains("Send the appeal", authorRemoved, StringComparison.Ordinal);
        Assert.Contains("Hidden, by Ria Restorer: Checking the dose it mentions.", history, StringComparison.Ordinal);
        Assert.Contains("Restored, by Ria Restorer", history, StringComparison.Ordinal);
        Assert.Contains("Removed, by Ria Restorer: It gives a dangerous dose as advice.", history, StringComparison.Ordinal);
        var log = await moderator.TextAsync("/moderation/log?action=remove");
        Assert.Contains("It gives a dangerous dose as advice.", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Checking the dose it mentions.", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_review_leaves_the_drug_page_and_the_figures_at_once_and_comes_back_when_restored()
    {
        var words = $"The drug page shows this review ({Guid.NewGuid():N}).";
        var author = await app.WriterAsync("Cara Cached");
        var reviewId = await app.ReviewAsync(author, drug: 3, text: words);
        var (_, slug, _) = await app.DrugAsync(3);
        using var reporter = await app.SignInAsync(await app.WriterAsync("Rex Reporter"));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId)).StatusCode);
        var caseId = await app.CaseIdAsync(reviewId);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Mo Cache"));
        using var visitor = app.NewClient();

        // The drug page's section and the summary are kept in memory: read them first, so the hide must move them.
        var before = await visitor.TextAsync($"/drugs/{slug}");
        var summaryBefore = await visitor.GetStringAsync($"/api/v1/drugs/{slug}/reviews/summary", Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Hide)).StatusCode);
        var hidden = await visitor.TextAsync($"/drugs/{slug}");
        var summaryHidden = await visitor.GetStringAsync($"/api/v1/drugs/{slug}/reviews/summary", Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Restore)).StatusCode);
        var restored = await visitor.TextAsync($"/drugs/{slug}");

        Assert.Contains(words, before, StringComparison.Ordinal);
        Assert.Contains("\"count\":1", summaryBefore, StringComparison.Ordinal);
        Assert.DoesNotContain(words, hidden, StringComparison.Ordinal);
        Assert.Contains("\"count\":0", summaryHidden, StringComparison.Ordinal);
        Assert.Contains(words, restored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismissing_the_reports_keeps_the_review_published_and_takes_it_out_of_the_queue()
    {
        var (_, reviewId, caseId) = await ReportedReviewAsync("Dina Dismissed");
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Don Dismisser"));
        Assert.True(await moderator.InQueueAsync("reported", caseId));

        var dismissed = await moderator.ActAsync(caseId, ModerationActions.Dismiss);
        var page = await moderator.TextAsync($"/moderation/cases/{caseId}");

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Contains("State Published", page, StringComparison.Ordinal);
        Assert.Contains("Reports (0 open, 1 total)", page, StringComparison.Ordinal);
        Assert.Contains("Reports dismissed, by Don Dismisser", page, StringComparison.Ordinal);
        Assert.False(await moderator.InQueueAsync("reported", caseId));
    }

    [Fact]
    public async Task A_warning_reaches_the_author_by_mail_and_on_their_page_and_the_admins_audit_log()
    {
        var (author, _, caseId) = await ReportedReviewAsync("Walt Warned");
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Wendy Warner"));
        using var admin = await app.SignInAsync(await app.CreateAccountAsync("admin-{n}@example.org", "Ada Admin", roles: StaffRoles.Admin));

        var noReason = await moderator.ActAsync(caseId, ModerationActions.Warn);
        var warned = await moderator.ActAsync(caseId, ModerationActions.Warn, "Please keep to your own experience.");
        var mail = await MailSink.Shared.WaitForMailToAsync(author.Email);
        using var asAuthor = await app.SignInAsync(author);
        var authorPage = await asAuthor.TextAsync("/account/moderation");

        Assert.Contains("Write the reason: the author reads it.", Html.Text(await noReason.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, warned.StatusCode);
        Assert.Equal("A warning from the MedAtlas moderators", mail.Subject);
        Assert.Contains("Please keep to your own experience.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account/moderation", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Warning on", authorPage, StringComparison.Ordinal);
        Assert.Contains("Please keep to your own experience.", authorPage, StringComparison.Ordinal);
        Assert.Contains("Author warned, by Wendy Warner: Please keep to your own experience.", await moderator.TextAsync($"/moderation/cases/{caseId}"), StringComparison.Ordinal);
        var audit = await admin.TextAsync("/admin/people");
        Assert.Contains("author warned", audit, StringComparison.Ordinal);
        Assert.Contains("Walt Warned", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_author_cannot_report_sees_the_end_date_and_gets_a_mail()
    {
        var (author, _, caseId) = await ReportedReviewAsync("Sam Suspended");
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Stan Suspender"));
        var someoneElses = await app.ReviewAsync(await app.WriterAsync("Quinn Quiet"));

        var noDays = await moderator.ActAsync(caseId, ModerationActions.Suspend, "Repeated abuse of other reviewers.", days: 5);
        var suspended = await moderator.ActAsync(caseId, ModerationActions.Suspend, "Repeated abuse of other reviewers.", days: 7);
        var mail = await MailSink.Shared.WaitForAsync(m => m.To.ToString().Contains(author.Email, StringComparison.Ordinal) && m.Subject == "Your MedAtlas account is suspended from writing", 1);
        using var asAuthor = await app.SignInAsync(author);
        var reportPage = await asAuthor.TextAsync(ModerationSteps.ReportPath(someoneElses));
        var reportPost = await asAuthor.ReportAsync(someoneElses);
        var authorPage = await asAuthor.TextAsync("/account/moderation");
        var until = DateTime.UtcNow.AddDays(7).ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Choose how long the suspension lasts: 1, 7 or 30 days.", Html.Text(await noDays.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("Repeated abuse of other reviewers.", mail.Single().TextBody, StringComparison.Ordinal);
        Assert.Contains("A moderator has suspended your account from writing and reporting until " + until, reportPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the report", reportPage, StringComparison.Ordinal);
        Assert.Contains("A moderator has suspended your account", Html.Text(await reportPost.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Suspended from writing and reporting", authorPage, StringComparison.Ordinal);
        Assert.Contains("until " + until, authorPage, StringComparison.Ordinal);
        Assert.Contains("Author suspended, by Stan Suspender: Repeated abuse of other reviewers.", await moderator.TextAsync($"/moderation/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_two_moderators_act_at_once_the_second_is_told_and_nothing_changes_twice()
    {
        var (_, _, caseId) = await ReportedReviewAsync("Carl Contested");
        using var first = await app.SignInAsync(await app.ModeratorAsync("Fay First"));
        using var second = await app.SignInAsync(await app.ModeratorAsync("Sid Second"));
        var secondsPage = await second.GetStringAsync($"/moderation/cases/{caseId}", Ct);
        var (version, reports) = ModerationSteps.FormVersion(secondsPage, ModerationActions.Hide);

        var hidden = await first.ActAsync(caseId, ModerationActions.Hide);
        var late = await second.PostAsync(secondsPage, caseId, ModerationActions.Hide, version, reports);
        var page = await second.TextAsync($"/moderation/cases/{caseId}");

        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains(ModerationDecisions.SomeoneElse, Html.Text(await late.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Hidden, by Fay First", page, StringComparison.Ordinal);
        Assert.DoesNotContain("by Sid Second", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_cannot_act_on_their_own_review_and_only_moderators_reach_the_queue()
    {
        var moderatorAccount = await app.ModeratorAsync("Olive Own-Mod");
        var reviewId = await app.ReviewAsync(moderatorAccount);
        using var reporter = await app.SignInAsync(await app.WriterAsync("Rory Reporter"));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId)).StatusCode);
        var caseId = await app.CaseIdAsync(reviewId);
        using var moderator = await app.SignInAsync(moderatorAccount);
        using var visitor = app.NewClient();

        var page = await moderator.GetStringAsync($"/moderation/cases/{caseId}", Ct);
        var forged = await moderator.PostAsync(page, caseId, ModerationActions.Dismiss, "0", "0");
        var asVisitor = await visitor.GetAsync("/moderation", Ct);
        var asWriter = await reporter.GetAsync("/moderation", Ct);
        var asWriterCase = await reporter.GetAsync($"/moderation/cases/{caseId}", Ct);

        Assert.Contains(ModerationDecisions.OwnContent, Html.Text(page), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"act\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Reports (1 open, 1 total)", Html.Text(await forged.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asVisitor.StatusCode);
        Assert.Equal("/sign-in", asVisitor.RedirectPath());
        Assert.Equal(HttpStatusCode.NotFound, asWriter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asWriterCase.StatusCode);
    }

    /// <summary>A known writer's published review with one report on it: a case in the Reported queue.</summary>
    private async Task<(TestAccount Author, long ReviewId, long CaseId)> ReportedReviewAsync(string authorName)
    {
        var author = await app.WriterAsync(authorName);
        var reviewId = await app.ReviewAsync(author);
        using var reporter = await app.SignInAsync(await app.WriterAsync("Reporter of " + authorName));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId, nameof(ReportReason.Abusive))).StatusCode);
        return (author, reviewId, await app.CaseIdAsync(reviewId));
    }
}
