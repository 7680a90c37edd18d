using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Tests.Features.Moderation;

/// <summary>Reporting over HTTP: the form, one report per account, what cannot be reported, and the hide after three accounts.</summary>
public sealed class ModerationReportTests(ModerationApp app) : IClassFixture<ModerationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_by_three_accounts_hide_the_review_until_a_moderator_looks_and_the_queue_shows_them()
    {
        var author = await app.WriterAsync("Rita Reviewed");
        var reviewId = await app.ReviewAsync(author);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Mona Moderator"));
        var reporters = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
            reporters.Add(await app.SignInAsync(await app.WriterAsync($"Reporter {i}")));

        var form = await reporters[0].TextAsync(ModerationSteps.ReportPath(reviewId));
        var first = await reporters[0].ReportAsync(reviewId, nameof(ReportReason.Misinformation), "It says to double the dose without asking anyone.");
        var second = await reporters[1].ReportAsync(reviewId, nameof(ReportReason.Spam));
        var caseId = await app.CaseIdAsync(reviewId);
        var afterTwo = await moderator.TextAsync($"/moderation/cases/{caseId}");
        var third = await reporters[2].ReportAsync(reviewId, nameof(ReportReason.Misinformation));

        Assert.Contains("It helped my blood pressure", form, StringComparison.Ordinal);
        Assert.Contains("Dangerous or false health information", form, StringComparison.Ordinal);
        foreach (var response in new[] { first, second, third })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(await app.ReviewPathAsync(reviewId) + "?reported=1", response.Headers.Location?.OriginalString);
        }

        Assert.Contains("State Published", afterTwo, StringComparison.Ordinal);
        var queue = await moderator.TextAsync("/moderation?queue=reported");
        Assert.True(await moderator.InQueueAsync("reported", caseId));
        Assert.Contains("Dangerous or false health information (2)", queue, StringComparison.Ordinal);
        Assert.Contains("Author Rita Reviewed", queue, StringComparison.Ordinal);
        var casePage = await moderator.TextAsync($"/moderation/cases/{caseId}");
        Assert.Contains("State Hidden", casePage, StringComparison.Ordinal);
        Assert.Contains("Reports (3 open, 3 total)", casePage, StringComparison.Ordinal);
        Assert.Contains("It says to double the dose without asking anyone.", casePage, StringComparison.Ordinal);
        Assert.Contains("Reporter 0", casePage, StringComparison.Ordinal);
        Assert.Contains("Hidden after reports, by Trust rules: Reported by 3 different accounts", casePage, StringComparison.Ordinal);
        using var fourth = await app.SignInAsync(await app.WriterAsync("Late Reporter"));
        Assert.Contains(ContentReports.NotPublishedMessage, await fourth.TextAsync(ModerationSteps.ReportPath(reviewId)), StringComparison.Ordinal);
        using var asAuthor = await app.SignInAsync(author);
        var mine = await asAuthor.TextAsync("/account/moderation");
        Assert.Contains("Hidden while a moderator looks at it", mine, StringComparison.Ordinal);
        Assert.Contains("Several people reported it.", mine, StringComparison.Ordinal);
        foreach (var r in reporters)
            r.Dispose();
    }

    [Fact]
    public async Task A_second_report_by_the_same_account_is_answered_beside_the_form_and_counts_once()
    {
        var reviewId = await app.ReviewAsync(await app.WriterAsync("Dora Duplicate"));
        using var reporter = await app.SignInAsync(await app.WriterAsync("Rex Twice"));
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Max Moderator"));

        var first = await reporter.ReportAsync(reviewId);
        var again = await reporter.ReportAsync(reviewId, nameof(ReportReason.Abusive));
        var againPage = Html.Text(await again.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You already reported this", againPage, StringComparison.Ordinal);
        Assert.Contains("Reports (1 open, 1 total)", await moderator.TextAsync($"/moderation/cases/{await app.CaseIdAsync(reviewId)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_reports_their_own_review_nor_one_already_hidden_and_nothing_is_recorded()
    {
        var author = await app.WriterAsync("Olga Own");
        var reviewId = await app.ReviewAsync(author);
        using var asAuthor = await app.SignInAsync(author);
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Mia Moderator"));
        using var other = await app.SignInAsync(await app.WriterAsync("Otto Other"));

        var ownPage = await asAuthor.TextAsync(ModerationSteps.ReportPath(reviewId));
        var ownPost = await asAuthor.ReportAsync(reviewId);
        // The moderator hides it (reported once by Otto, so it has a case), then a third person tries.
        Assert.Equal(HttpStatusCode.Redirect, (await other.ReportAsync(reviewId)).StatusCode);
        var caseId = await app.CaseIdAsync(reviewId);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Hide)).StatusCode);
        using var third = await app.SignInAsync(await app.WriterAsync("Tess Third"));
        var hiddenPage = await third.TextAsync(ModerationSteps.ReportPath(reviewId));
        var hiddenPost = await third.ReportAsync(reviewId);

        Assert.Contains(ContentReports.OwnContentMessage, ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the report", ownPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownPost.StatusCode);
        Assert.Contains(ContentReports.OwnContentMessage, Html.Text(await ownPost.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("This is already hidden while a moderator looks at it", hiddenPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, hiddenPost.StatusCode);
        Assert.Contains("This is already hidden while a moderator looks at it", Html.Text(await hiddenPost.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Reports (0 open, 1 total)", await moderator.TextAsync($"/moderation/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_form_and_the_case_page_show_html_in_a_review_as_text()
    {
        var reviewId = await app.ReviewAsync(await app.WriterAsync("Hank Html"), text: $"<script>alert('x')</script> <b>bold</b> https://spam.example/ {Guid.NewGuid():N}");
        using var reporter = await app.SignInAsync(await app.WriterAsync("Pia Page"));
        using var moderator = await app.SignInAsync(await app.ModeratorAsync("Theo Text"));

        var form = await reporter.GetStringAsync(ModerationSteps.ReportPath(reviewId), Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId)).StatusCode);
        var casePage = await moderator.GetStringAsync($"/moderation/cases/{await app.CaseIdAsync(reviewId)}", Ct);

        foreach (var html in new[] { form, casePage })
        {
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"https://spam.example/", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_content_is_404_bad_input_gets_a_message_and_a_visitor_is_sent_to_sign_in()
    {
        var reviewId = await app.ReviewAsync(await app.WriterAsync("Bea Bad-Input"));
        using var reporter = await app.SignInAsync(await app.WriterAsync("Ivan Input"));
        using var visitor = app.NewClient();

        var unknownType = await reporter.GetAsync($"/report/recipe/{reviewId}", Ct);
        var unknownId = await reporter.GetAsync("/report/review/987654320", Ct);
        var noReason = await reporter.PostWithTokenAsync(ModerationSteps.ReportPath(reviewId), await reporter.GetFormTokenAsync(ModerationSteps.ReportPath(reviewId)), []);
        var badReason = await reporter.ReportAsync(reviewId, "Boring");
        var longNote = await reporter.ReportAsync(reviewId, nameof(ReportReason.Other), new string('x', 501));
        var asVisitor = await visitor.GetAsync(ModerationSteps.ReportPath(reviewId), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Contains("Choose what is wrong with it.", Html.Text(await noReason.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Choose what is wrong with it.", Html.Text(await badReason.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("Keep the note to 500 characters; it has 501.", Html.Text(await longNote.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asVisitor.StatusCode);
        Assert.Equal("/sign-in", asVisitor.RedirectPath());
        // None of the refused posts made a report: the first real one is accepted.
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId)).StatusCode);
    }
}

/// <summary>The per-account limit on report POSTs (<c>Moderation:RateLimits:report</c>), set low: the next report is answered 429.</summary>
public sealed class ModerationReportLimitTests : IAsyncLifetime
{
    private readonly ModerationApp app = (ModerationApp)new ModerationApp().WithSetting("Moderation:RateLimits:report", "2");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Reporting_more_often_than_the_limit_is_answered_429_while_others_still_report()
    {
        var author = await app.WriterAsync("Lena Limited");
        var reviews = new List<long>();
        for (var i = 0; i < 3; i++)
            reviews.Add(await app.ReviewAsync(author, drug: i));
        using var busy = await app.SignInAsync(await app.WriterAsync("Bert Busy"));
        using var other = await app.SignInAsync(await app.WriterAsync("Olly Other"));

        var answers = new List<HttpStatusCode>();
        foreach (var id in reviews)
            answers.Add((await busy.ReportAsync(id)).StatusCode);
        var form = await busy.GetAsync(ModerationSteps.ReportPath(reviews[2]), Ct);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.ReportAsync(reviews[2])).StatusCode);
    }
}
