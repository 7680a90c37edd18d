using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters;
using MedAtlas.Web.Features.HealthCenters.Editorial;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.HealthCenters.Editorial;

/// <summary>
/// /admin/content through its pages, as four staff members and two outsiders use it: a Writer drafts, a Medical reviewer
/// sends back and approves, an Editor publishes, schedules and unpublishes; the review gate holds on every path.
/// </summary>
public sealed class EditorialPagesTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_article_goes_from_draft_through_review_to_published_with_its_history()
    {
        var (writer, reviewer, editor) = await StaffAsync();
        var slug = "new-" + Guid.NewGuid().ToString("N")[..8];

        var created = await writer.PostFormAsync("/admin/content", new()
        {
            ["Input.Title"] = "Foot Care with Diabetes", ["Input.Slug"] = slug, ["Input.Center"] = "diabetes",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.RedirectPath()!;
        Assert.Matches("^/admin/content/revisions/\\d+$", page);

        var saved = await writer.PostFormAsync(page, new()
        {
            ["Input.Title"] = "Foot Care with Diabetes",
            ["Input.Summary"] = "Why feet need daily checks.",
            ["Input.Body"] = "Check your feet every day.[^1]\n\n## What to look for\n\nCuts, blisters and redness.<script>alert(1)</script>\n\n[^1]: Centers for Disease Control and Prevention (CDC). \"Diabetes and Your Feet.\" https://www.cdc.gov/diabetes/",
        }, page + "?handler=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await writer.GetStringAsync(saved.RedirectPathAndQuery(), Ct);
        Assert.Contains("Draft saved.", draft, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"what-to-look-for\">What to look for</h2>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", draft, StringComparison.Ordinal);

        // Not live, and not publishable, before its review.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/health/diabetes/{slug}", Ct)).StatusCode);
        var early = await editor.PostFormAsync(page, [], page + "?handler=publish");
        Assert.Contains("Only an approved revision can be published.", Html.Text(await early.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, [], page + "?handler=submit")).StatusCode);
        Assert.Contains("Foot Care with Diabetes", Section(await reviewer.GetStringAsync("/admin/content", Ct), "my-reviews"), StringComparison.Ordinal);

        // The author may not approve their own article even holding the Medical reviewer role.
        var own = await writer.PostFormAsync(page, [], page + "?handler=approve");
        Assert.Contains("You cannot review your own article.", Html.Text(await own.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var empty = await reviewer.PostFormAsync(page, new() { ["comment"] = " " }, page + "?handler=sendback");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Matches("id=\"sendback-comment-error\"><span class=\"visually-hidden\">Error: </span>Say what needs to change.", await empty.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, new() { ["comment"] = "Say when to see a doctor about a wound." }, page + "?handler=sendback")).StatusCode);
        var sentBack = await writer.GetStringAsync(page, Ct);
        Assert.Contains("Draft", Html.Text(sentBack), StringComparison.Ordinal);
        Assert.Contains("sent it back to the author (revision 1): “Say when to see a doctor about a wound.”", Html.Text(sentBack), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, [], page + "?handler=submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, [], page + "?handler=approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, [], page + "?handler=publish")).StatusCode);

        var article = await Eventually.WaitAsync(
            async () => await app.CreateClient().GetAsync($"/health/diabetes/{slug}", Ct),
            r => r.StatusCode == HttpStatusCode.OK, "the published article");
        var text = Html.Text(await article.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Medically reviewed by Rita Reviewer, RN, CDCES on", text, StringComparison.Ordinal);
        Assert.Contains("Written by Wendy Writer", text, StringComparison.Ordinal);
        Assert.Contains("https://www.cdc.gov/diabetes/", await app.CreateClient().GetStringAsync($"/health/diabetes/{slug}", Ct), StringComparison.Ordinal);
        Assert.Contains($"/health/diabetes/{slug}", await app.CreateClient().GetStringAsync("/search?q=blisters", Ct), StringComparison.Ordinal);

        var history = Html.Text(Section(await editor.GetStringAsync(page, Ct), "history"));
        foreach (var step in new[]
        {
            "Wendy Writer started a draft", "Wendy Writer edited the draft", "Wendy Writer sent it for medical review",
            "Rita Reviewer sent it back to the author", "Rita Reviewer approved it (medical review)", "Eddie Editor published it",
        })
        {
            Assert.Contains(step, history, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Editing_a_published_article_keeps_it_live_until_the_new_draft_passes_and_the_diff_and_restore_work()
    {
        var (writer, reviewer, editor) = await StaffAsync();
        var liveId = await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Kind == ContentKind.Article && i.Slug == "checking-blood-sugar")
            .Select(i => i.PublishedRevisionId!.Value).SingleAsync(Ct));
        var livePage = $"/admin/content/revisions/{liveId}";

        var drafted = await writer.PostFormAsync(livePage, [], livePage + "?handler=draft");
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var page = drafted.RedirectPath()!;
        var draftId = int.Parse(page[(page.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var body = await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == liveId).Select(r => r.BodyMarkdown).SingleAsync(Ct));
        await writer.PostFormAsync(page, new()
        {
            ["Input.Title"] = "Checking Blood Sugar, Revised", ["Input.Summary"] = "Revised.", ["Input.Body"] = body + "\n\nA new closing line.",
        }, page + "?handler=save");

        // The public page still shows the reviewed revision.
        var anonymous = app.CreateClient();
        Assert.DoesNotContain("Checking Blood Sugar, Revised", await anonymous.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct), StringComparison.Ordinal);

        var diff = await editor.GetStringAsync($"/admin/content/revisions/{liveId}/diff/{draftId}", Ct);
        Assert.Contains("<ins><span class=\"visually-hidden\">[added: </span>A new closing line.", diff, StringComparison.Ordinal);
        Assert.Contains("<ins><span class=\"visually-hidden\">[added: </span># Checking Blood Sugar, Revised", diff, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/admin/content/revisions/{liveId}/diff/{liveId + 100000}", Ct)).StatusCode);

        await writer.PostFormAsync(page, [], page + "?handler=submit");
        await reviewer.PostFormAsync(page, [], page + "?handler=approve");
        await editor.PostFormAsync(page, [], page + "?handler=publish");
        await Eventually.WaitAsync(() => anonymous.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct),
            html => html.Contains("Checking Blood Sugar, Revised", StringComparison.Ordinal), "the new revision to be live");
        Assert.Contains("Superseded", Html.Text(await editor.GetStringAsync(livePage, Ct)), StringComparison.Ordinal);

        // Restoring the old revision starts a new draft from it; it too must pass review.
        var restored = await writer.PostFormAsync(livePage, [], livePage + "?handler=draft");
        var restoredPage = restored.RedirectPath()!;
        var restoredHtml = await writer.GetStringAsync(restoredPage, Ct);
        Assert.Contains("(revision 3)", restoredHtml, StringComparison.Ordinal);
        Assert.Contains("restored an old revision as a new draft", Html.Text(restoredHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("A new closing line.", Section(restoredHtml, "preview"), StringComparison.Ordinal);
        Assert.Contains("Checking Blood Sugar, Revised", await anonymous.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_revision_goes_live_at_its_time_through_the_job_and_unpublishing_needs_a_reason()
    {
        var (writer, reviewer, editor) = await StaffAsync();
        var slug = "sched-" + Guid.NewGuid().ToString("N")[..8];
        var page = (await writer.PostFormAsync("/admin/content", new()
        {
            ["Input.Title"] = "Scheduled Article", ["Input.Slug"] = slug, ["Input.Center"] = "diabetes",
        })).RedirectPath()!;
        var id = int.Parse(page[(page.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await writer.PostFormAsync(page, new() { ["Input.Title"] = "Scheduled Article", ["Input.Summary"] = "Later.", ["Input.Body"] = "Text." }, page + "?handler=save");
        await writer.PostFormAsync(page, [], page + "?handler=submit");
        await reviewer.PostFormAsync(page, [], page + "?handler=approve");

        var bad = await editor.PostFormAsync(page, new() { ["when"] = "next tuesday" }, page + "?handler=publish");
        Assert.Contains("id=\"publish-when-error\"", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var past = await editor.PostFormAsync(page, new() { ["when"] = "2020-01-01T09:00" }, page + "?handler=publish");
        Assert.Contains("That time has passed.", Html.Text(await past.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var when = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, new() { ["when"] = when }, page + "?handler=publish")).StatusCode);
        Assert.Contains("Scheduled Article", Section(await editor.GetStringAsync("/admin/content", Ct), "scheduled"), StringComparison.Ordinal);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/health/diabetes/{slug}", Ct)).StatusCode);

        // Time passes (the set time is moved into the past), and the job publishes it.
        await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PublishAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct));
        app.Services.GetRequiredService<JobTriggers>().Wake(ScheduledPublisher.JobName);
        await Eventually.WaitAsync(async () => (await anonymous.GetAsync($"/health/diabetes/{slug}", Ct)).StatusCode,
            s => s == HttpStatusCode.OK, "the scheduled article to go live");
        Assert.Contains("Scheduled publication published it", Html.Text(await editor.GetStringAsync(page, Ct)), StringComparison.Ordinal);

        var noReason = await editor.PostFormAsync(page, new() { ["reason"] = "" }, page + "?handler=unpublish");
        Assert.Contains("id=\"unpublish-reason-error\"", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var byWriter = await writer.PostFormAsync(page, new() { ["reason"] = "Mine" }, page + "?handler=unpublish");
        Assert.Contains("Only Editors and Admins can unpublish.", Html.Text(await byWriter.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, new() { ["reason"] = "Out of date." }, page + "?handler=unpublish")).StatusCode);
        await Eventually.WaitAsync(async () => (await anonymous.GetAsync($"/health/diabetes/{slug}", Ct)).StatusCode,
            s => s == HttpStatusCode.NotFound, "the unpublished article to be gone");
    }

    [Fact]
    public async Task A_new_article_s_bad_fields_are_named_next_to_them_and_nothing_is_made()
    {
        var (writer, _, _) = await StaffAsync();
        var before = await app.WithDbAsync(db => db.Set<ContentItem>().CountAsync(Ct));

        var badSlug = await writer.PostFormAsync("/admin/content", new() { ["Input.Title"] = "T", ["Input.Slug"] = "Not A Slug", ["Input.Center"] = "diabetes" });
        Assert.Contains("id=\"Input_Slug-error\"", await badSlug.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var taken = await writer.PostFormAsync("/admin/content", new() { ["Input.Title"] = "T", ["Input.Slug"] = "insulin-pumps", ["Input.Center"] = "diabetes" });
        Assert.Contains("This center already has an article at that address.", Html.Text(await taken.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var noCenter = await writer.PostFormAsync("/admin/content", new() { ["Input.Title"] = "T", ["Input.Slug"] = "fine-slug", ["Input.Center"] = "nowhere" });
        Assert.Contains("id=\"Input_Center-error\"", await noCenter.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var longTitle = await writer.PostFormAsync("/admin/content", new() { ["Input.Title"] = new string('x', 301), ["Input.Slug"] = "fine-slug", ["Input.Center"] = "diabetes" });
        Assert.Contains("id=\"Input_Title-error\"", await longTitle.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ContentItem>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Members_get_404_and_visitors_the_sign_in_page_on_every_editorial_page_and_action()
    {
        var member = await app.SignInAsync(await app.CreateAccountAsync("member-{n}@example.org", "Mia Member"));
        var anonymous = app.NewClient();
        var (writer, _, _) = await StaffAsync();
        var liveId = await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Slug == "insulin-pumps").Select(i => i.PublishedRevisionId!.Value).SingleAsync(Ct));
        var token = await member.GetFormTokenAsync("/account");

        foreach (var path in new[] { "/admin/content", $"/admin/content/revisions/{liveId}", $"/admin/content/revisions/{liveId}/diff/{liveId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(path, Ct)).StatusCode);
            var visitor = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
            Assert.Equal("/sign-in", visitor.RedirectPath());
        }

        var post = await member.PostWithTokenAsync($"/admin/content/revisions/{liveId}?handler=unpublish", token, new() { ["reason"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/admin/content/revisions/999999", Ct)).StatusCode);
        Assert.Equal(RevisionState.Published, await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == liveId).Select(r => r.State).SingleAsync(Ct)));

        var response = await writer.GetAsync("/admin/content", Ct);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    private async Task<(HttpClient Writer, HttpClient Reviewer, HttpClient Editor)> StaffAsync()
    {
        // The writer also holds the Medical reviewer role: the gate is about the person, not the role.
        var writer = await app.CreateAccountAsync("writer-{n}@example.org", "Wendy Writer", roles: [StaffRoles.Writer, StaffRoles.MedicalReviewer]);
        var reviewer = await app.CreateAccountAsync("reviewer-{n}@example.org", "Rita Reviewer", roles: [StaffRoles.MedicalReviewer]);
        var editor = await app.CreateAccountAsync("editor-{n}@example.org", "Eddie Editor", roles: [StaffRoles.Editor]);
        await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == reviewer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpertCredentials, "RN, CDCES"), Ct));
        return (await app.SignInAsync(writer), await app.SignInAsync(reviewer), await app.SignInAsync(editor));
    }

    /// <summary>The section of a page whose heading has this id (up to the next section).</summary>
    private static string Section(string html, string headingId)
    {
        var at = html.IndexOf($"id=\"{headingId}", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no #{headingId} on the page");
        var end = html.IndexOf("</section>", at, StringComparison.Ordinal);
        return html[at..(end < 0 ? html.Length : end)];
    }
}
