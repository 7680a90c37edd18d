using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.HealthCenters.Editorial;

/// <summary>Issue 11's editorial workflow and its review gate, on the starter articles, with the public pages read over HTTP.</summary>
public sealed class ContentWorkflowTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private static readonly EditorialActor Writer = Actor("writer-1", "Writer One", null, StaffRoles.Writer, StaffRoles.MedicalReviewer);
    private static readonly EditorialActor OtherWriter = Actor("writer-2", "Writer Two", null, StaffRoles.Writer);
    private static readonly EditorialActor Reviewer = Actor("reviewer-1", "Reviewer One", "RN", StaffRoles.MedicalReviewer);
    private static readonly EditorialActor Editor = Actor("editor-1", "Editor One", null, StaffRoles.Editor);

    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_draft_goes_through_review_and_replaces_the_live_revision_and_an_old_one_can_be_restored()
    {
        var (itemId, liveId) = await ArticleAsync("insulin-pumps");

        var drafted = await ActAsync(w => w.DraftFromAsync(Writer, itemId, liveId, Ct));
        Assert.True(drafted.Succeeded, drafted.Error);
        var draftId = drafted.RevisionId!.Value;
        Assert.Equal("Only the draft's author or an Editor can edit it.",
            (await ActAsync(w => w.EditDraftAsync(OtherWriter, draftId, "Not mine", "", "Body", Ct))).Error);
        Assert.Equal("The title can have at most 300 characters.",
            (await ActAsync(w => w.EditDraftAsync(Writer, draftId, new string('x', 301), "", "Body", Ct))).Error);
        var edited = await ActAsync(w => w.EditDraftAsync(Writer, draftId, "Insulin Pumps Explained", "How a pump helps.", "A pump gives insulin.\n\n## How a pump works\n\nIt is worn on the body.", Ct));
        Assert.True(edited.Succeeded, edited.Error);

        var draft = await RevisionAsync(draftId);
        Assert.Equal(RevisionState.Draft, draft.State);
        Assert.Equal(2, draft.Number);
        Assert.Equal("Writer One", draft.AuthorName);
        Assert.Null(draft.ReviewerAccountId);
        Assert.Contains(draft.TableOfContents, t => t.Id == "how-a-pump-works");
        Assert.Contains("<h1 id=\"article-title\">What Are Insulin Pumps?</h1>", await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct), StringComparison.Ordinal);

        Assert.Equal("Only an approved revision can be published.", (await ActAsync(w => w.PublishAsync(Editor, draftId, null, Ct))).Error);
        Assert.True((await ActAsync(w => w.SubmitAsync(Writer, draftId, Ct))).Succeeded);
        Assert.Equal(RevisionState.InReview, (await RevisionAsync(draftId)).State);
        Assert.Equal("You cannot review your own article.", (await ActAsync(w => w.ApproveAsync(Writer, draftId, Ct))).Error);
        Assert.Equal("Only Medical reviewers can review content.", (await ActAsync(w => w.ApproveAsync(OtherWriter, draftId, Ct))).Error);
        Assert.Equal("Only Medical reviewers can review content.", (await ActAsync(w => w.ApproveAsync(Editor, draftId, Ct))).Error);
        Assert.Equal("Only Editors and Admins can publish.", (await ActAsync(w => w.PublishAsync(OtherWriter, draftId, null, Ct))).Error);
        Assert.Equal("Only an approved revision can be published.", (await ActAsync(w => w.PublishAsync(Editor, draftId, null, Ct))).Error);

        Assert.Equal("Say what needs to change.", (await ActAsync(w => w.SendBackAsync(Reviewer, draftId, "  ", Ct))).Error);
        Assert.Equal(RevisionState.InReview, (await RevisionAsync(draftId)).State);
        Assert.True((await ActAsync(w => w.SendBackAsync(Reviewer, draftId, "Cite a source for the pump section.", Ct))).Succeeded);
        Assert.Equal(RevisionState.Draft, (await RevisionAsync(draftId)).State);
        Assert.True((await ActAsync(w => w.SubmitAsync(Writer, draftId, Ct))).Succeeded);

        var approved = await ActAsync(w => w.ApproveAsync(Reviewer, draftId, Ct));
        Assert.True(approved.Succeeded, approved.Error);
        var reviewed = await RevisionAsync(draftId);
        Assert.Equal(RevisionState.Approved, reviewed.State);
        Assert.Equal("reviewer-1", reviewed.ReviewerAccountId);
        Assert.Equal("Reviewer One", reviewed.ReviewerName);
        Assert.Equal("RN", reviewed.ReviewerCredentials);
        Assert.Equal(Today, reviewed.ReviewedOn);
        Assert.Equal(app.Services.GetRequiredService<HealthCentersSettings>().ValidUntil(Today), reviewed.ReviewValidUntil);
        Assert.Contains("What Are Insulin Pumps?", await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct), StringComparison.Ordinal);

        var published = await ActAsync(w => w.PublishAsync(Editor, draftId, null, Ct));
        Assert.True(published.Succeeded, published.Error);
        var html = await Eventually.WaitAsync(
            () => client.GetStringAsync("/health/diabetes/insulin-pumps", Ct),
            page => page.Contains("<h1 id=\"article-title\">Insulin Pumps Explained</h1>", StringComparison.Ordinal),
            "the article page to show the published revision's title");
        Assert.Contains("Medically reviewed by Reviewer One, RN", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Written by Writer One", Html.Text(html), StringComparison.Ordinal);
        Assert.Equal(RevisionState.Published, (await RevisionAsync(draftId)).State);
        Assert.NotNull((await RevisionAsync(draftId)).PublishedAt);
        Assert.Equal(RevisionState.Superseded, (await RevisionAsync(liveId)).State);
        Assert.Equal((itemId, draftId), await ArticleAsync("insulin-pumps"));

        var restored = await ActAsync(w => w.DraftFromAsync(OtherWriter, itemId, liveId, Ct));
        Assert.True(restored.Succeeded, restored.Error);
        var copy = await RevisionAsync(restored.RevisionId!.Value);
        Assert.Equal(RevisionState.Draft, copy.State);
        Assert.Equal(3, copy.Number);
        Assert.Equal("What Are Insulin Pumps?", copy.Title);
        Assert.Equal((await RevisionAsync(liveId)).BodyMarkdown, copy.BodyMarkdown);
        Assert.Equal("writer-2", copy.AuthorAccountId);
        Assert.Null(copy.ReviewedOn);
        Assert.Equal(RevisionState.Superseded, (await RevisionAsync(liveId)).State);
        Assert.Contains("Insulin Pumps Explained", await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct), StringComparison.Ordinal);
        Assert.Equal("That revision does not exist.", (await ActAsync(w => w.DraftFromAsync(Writer, itemId + 1000, liveId, Ct))).Error);
    }

    [Fact]
    public async Task The_gate_refuses_an_expired_review_and_a_future_publication_stays_approved_and_not_live()
    {
        var (itemId, liveId) = await ArticleAsync("checking-blood-sugar");
        var draftId = (await ActAsync(w => w.DraftFromAsync(OtherWriter, itemId, liveId, Ct))).RevisionId!.Value;
        Assert.True((await ActAsync(w => w.EditDraftAsync(OtherWriter, draftId, "Scheduled Blood Sugar Checks", "Later.", "Check often.", Ct))).Succeeded);
        Assert.True((await ActAsync(w => w.SubmitAsync(OtherWriter, draftId, Ct))).Succeeded);
        Assert.True((await ActAsync(w => w.ApproveAsync(Reviewer, draftId, Ct))).Succeeded);

        await SetReviewValidUntilAsync(draftId, Today.AddDays(-1));
        Assert.Equal("The medical review has expired; it must be reviewed again.", (await ActAsync(w => w.PublishAsync(Editor, draftId, null, Ct))).Error);
        Assert.Equal(RevisionState.Approved, (await RevisionAsync(draftId)).State);
        Assert.Equal((itemId, liveId), await ArticleAsync("checking-blood-sugar"));

        await SetReviewValidUntilAsync(draftId, Today.AddMonths(6));
        var later = DateTime.UtcNow.AddDays(7);
        // Whole seconds: PostgreSQL keeps microseconds, not .NET's 100 ns ticks.
        var when = new DateTimeOffset(later.Ticks - (later.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(2));
        var scheduled = await ActAsync(w => w.PublishAsync(Editor, draftId, when, Ct));
        Assert.True(scheduled.Succeeded, scheduled.Error);
        var revision = await RevisionAsync(draftId);
        Assert.Equal(RevisionState.Approved, revision.State);
        Assert.Equal(when.UtcDateTime, revision.PublishAt?.UtcDateTime);
        Assert.Null(revision.PublishedAt);
        Assert.Equal(RevisionState.Published, (await RevisionAsync(liveId)).State);
        Assert.Equal((itemId, liveId), await ArticleAsync("checking-blood-sugar"));
        var html = await client.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct);
        Assert.DoesNotContain("Scheduled Blood Sugar Checks", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_needs_an_Editor_and_a_reason_and_takes_the_page_down()
    {
        var (_, liveId) = await ArticleAsync("blood-pressure-basics");
        var featured = await ActAsync(w => w.SetFeaturedAsync(Editor, liveId, true, Ct));
        Assert.True(featured.Succeeded || featured.Error == "This article is already featured.", featured.Error);

        Assert.Equal("Only Editors and Admins can unpublish.", (await ActAsync(w => w.UnpublishAsync(OtherWriter, liveId, "Outdated", Ct))).Error);
        Assert.Equal("Give a reason for unpublishing.", (await ActAsync(w => w.UnpublishAsync(Editor, liveId, " ", Ct))).Error);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/heart-health/blood-pressure-basics", Ct)).StatusCode);

        var result = await ActAsync(w => w.UnpublishAsync(Editor, liveId, "The guidance changed; under revision.", Ct));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(RevisionState.Unpublished, (await RevisionAsync(liveId)).State);
        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/health/heart-health/blood-pressure-basics", Ct)).StatusCode,
            status => status == HttpStatusCode.NotFound, "the unpublished article to be 404");
        Assert.DoesNotContain("blood-pressure-basics", await client.GetStringAsync("/health/heart-health", Ct), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Slug == "blood-pressure-basics").Select(i => i.PublishedRevisionId).SingleAsync(Ct)));
        Assert.False(await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Slug == "blood-pressure-basics").Select(i => i.Featured).SingleAsync(Ct)),
            "an unpublished article stays featured");
        Assert.Equal("Only a published revision can be unpublished.", (await ActAsync(w => w.UnpublishAsync(Editor, liveId, "Again", Ct))).Error);
    }

    private static EditorialActor Actor(string id, string name, string? credentials, params string[] roles) =>
        new(id, name, credentials, roles.ToHashSet(StringComparer.Ordinal));

    private async Task<WorkflowResult> ActAsync(Func<ContentWorkflow, Task<WorkflowResult>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ContentWorkflow>());
    }

    private Task<(int ItemId, int PublishedId)> ArticleAsync(string slug) => app.WithDbAsync(async db =>
    {
        var item = await db.Set<ContentItem>().AsNoTracking().Where(i => i.Kind == ContentKind.Article && i.Slug == slug)
            .Select(i => new { i.Id, i.PublishedRevisionId }).SingleAsync(Ct);
        return (item.Id, item.PublishedRevisionId!.Value);
    });

    private Task<ContentRevision> RevisionAsync(int id) =>
        app.WithDbAsync(db => db.Set<ContentRevision>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    private Task<int> SetReviewValidUntilAsync(int id, DateOnly until) =>
        app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReviewValidUntil, until), Ct));
}
