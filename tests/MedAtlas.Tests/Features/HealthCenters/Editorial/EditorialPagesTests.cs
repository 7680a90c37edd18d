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
    public async Task A_scheduled_revision_whose_review_expired_while_it_waited_is_not_published()
    {
        var (writer, reviewer, editor) = await StaffAsync();
        var slug = "expired-" + Guid.NewGuid().ToString("N")[..8];
        var page = (await writer.PostFormAsync("/admin/content", new()
        {
            ["Input.Title"] = "Expired Review", ["Input.Slug"] = slug, ["Input.Center"] = "diabetes",
        })).RedirectPath()!;
        var id = int.Parse(page[(page.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await writer.PostFormAsync(page, [], page + "?handler=submit");
        await reviewer.PostFormAsync(page, [], page + "?handler=approve");
        var when = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, new() { ["when"] = when }, page + "?handler=publish")).StatusCode);

        // Its time comes after its review ran out.
        await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.PublishAt, DateTimeOffset.UtcNow.AddMinutes(-1))
            .SetProperty(r => r.ReviewValidUntil, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)), Ct));
        app.Services.GetRequiredService<JobTriggers>().Wake(ScheduledPublisher.JobName);
        var history = await Eventually.WaitAsync(async () => Html.Text(await editor.GetStringAsync(page, Ct)),
            text => text.Contains("did not publish it", StringComparison.Ordinal), "the job to refuse the expired revision");

        Assert.Contains("The medical review has expired; it must be reviewed again.", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/health/diabetes/{slug}", Ct)).StatusCode);
        var revision = await app.WithDbAsync(db => db.Set<ContentRevision>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(RevisionState.Approved, revision.State);
        Assert.Null(revision.PublishAt);
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

    [Fact]
    public async Task An_editor_features_an_article_for_today_and_stops_featuring_it_and_no_one_else_can()
    {
        var (writer, _, editor) = await StaffAsync();
        var liveId = await LiveRevisionAsync(ContentKind.Article, "checking-blood-sugar");
        var page = $"/admin/content/revisions/{liveId}";
        var anonymous = app.CreateClient();
        Assert.DoesNotContain("/health/diabetes/checking-blood-sugar", TodayFeatured(await anonymous.GetStringAsync("/", Ct)), StringComparison.Ordinal);

        // A writer sees no toggle, and the action refuses them.
        Assert.DoesNotContain("Feature on the home page", await writer.GetStringAsync(page, Ct), StringComparison.Ordinal);
        var byWriter = await writer.PostFormAsync(page, new() { ["featured"] = "true" }, page + "?handler=feature");
        Assert.Contains("Only Editors and Admins choose what is featured.", Html.Text(await byWriter.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        Assert.Contains("Feature on the home page and its center", await editor.GetStringAsync(page, Ct), StringComparison.Ordinal);
        var featured = await editor.PostFormAsync(page, new() { ["featured"] = "true" }, page + "?handler=feature");
        Assert.Equal(HttpStatusCode.Redirect, featured.StatusCode);
        var after = await editor.GetStringAsync(featured.RedirectPathAndQuery(), Ct);
        Assert.Contains("Featured: the article is shown first on its center", Html.Text(after), StringComparison.Ordinal);
        Assert.Contains("Eddie Editor featured the article", Html.Text(Section(after, "history")), StringComparison.Ordinal);
        Assert.Contains("Stop featuring this article", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}\"", Section(await editor.GetStringAsync("/admin/content", Ct), "featured\""), StringComparison.Ordinal);
        await Eventually.WaitAsync(() => anonymous.GetStringAsync("/", Ct),
            html => TodayFeatured(html).Contains("/health/diabetes/checking-blood-sugar", StringComparison.Ordinal), "the home page to feature it");
        var center = await anonymous.GetStringAsync("/health/diabetes", Ct);
        Assert.Contains("/health/diabetes/checking-blood-sugar", Section(center, "featured-title"), StringComparison.Ordinal);

        // Twice is refused, not repeated in the history; slideshows have their own row on the home page.
        var again = await editor.PostFormAsync(page, new() { ["featured"] = "true" }, page + "?handler=feature");
        Assert.Contains("This article is already featured.", Html.Text(await again.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var showPage = $"/admin/content/revisions/{await LiveRevisionAsync(ContentKind.Slideshow, "low-blood-sugar")}";
        Assert.DoesNotContain("Feature on the home page", await editor.GetStringAsync(showPage, Ct), StringComparison.Ordinal);
        var show = await editor.PostFormAsync(showPage, new() { ["featured"] = "true" }, showPage + "?handler=feature");
        Assert.Contains("Only articles are featured", Html.Text(await show.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, new() { ["featured"] = "false" }, page + "?handler=feature")).StatusCode);
        await Eventually.WaitAsync(() => anonymous.GetStringAsync("/", Ct),
            html => !TodayFeatured(html).Contains("/health/diabetes/checking-blood-sugar", StringComparison.Ordinal), "the home page to stop featuring it");
        Assert.Contains("Eddie Editor stopped featuring the article", Html.Text(Section(await editor.GetStringAsync(page, Ct), "history")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slideshow_draft_s_slides_are_edited_checked_and_published_with_an_uploaded_image()
    {
        var (writer, reviewer, editor) = await StaffAsync();
        var livePage = $"/admin/content/revisions/{await LiveRevisionAsync(ContentKind.Slideshow, "low-blood-sugar")}";
        var page = (await writer.PostFormAsync(livePage, [], livePage + "?handler=draft")).RedirectPath()!;
        var draftId = int.Parse(page[(page.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var form = await writer.GetStringAsync(page, Ct);
        Assert.Contains("<label for=\"Input_Body\">Slides (Markdown)</label>", form, StringComparison.Ordinal);
        var body = await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == draftId).Select(r => r.BodyMarkdown).SingleAsync(Ct));
        Assert.Contains("image: low-blood-sugar-1.svg", body, StringComparison.Ordinal);

        var key = await Media.MediaLibraryTests.UploadedKeyAsync(writer, "juice.png", "image/png", Media.MediaLibraryTests.Png(640, 360), "A glass of orange juice");
        var library = await writer.GetStringAsync("/admin/content/media", Ct);
        var upload = System.Text.RegularExpressions.Regex.Match(library, $"/health/uploads/{key}-[0-9]+\\.webp").Value;
        Assert.NotEmpty(upload);

        const string Sources = "[^1]: NIDDK. \"Low Blood Glucose (Hypoglycemia).\" https://www.niddk.nih.gov/\n";
        var bad = new Dictionary<string, string>
        {
            ["## What it is\nalt: A meter.\nCaption.[^1]\n\n" + Sources] = "must go on with a line 'image: ...'",
            ["## What it is\nimage: nowhere.svg\nalt: A meter.\nCaption.[^1]\n\n" + Sources] = "There is no image \"nowhere.svg\"",
            ["## What it is\nimage: /health/uploads/0123456789abcdef-480.webp\nalt: A meter.\nCaption.\n"] = "There is no uploaded image",
            ["## What it is\nimage: ../../appsettings.json\nalt: A meter.\nCaption.\n"] = "There is no image",
            ["## What it is\nimage: low-blood-sugar-1.svg\nalt: A meter.\n\n## Next\nimage: low-blood-sugar-2.svg\nalt: Juice.\nText.\n"] = "Slide 1 (\"What it is\") needs a caption",
            ["Some words first.\n\n## What it is\nimage: low-blood-sugar-1.svg\nalt: A meter.\nCaption.\n"] = "Start with a line '## Slide title'",
            [string.Concat(Enumerable.Range(1, 61).Select(n => $"## Slide {n}\nimage: low-blood-sugar-1.svg\nalt: A meter.\nCaption.\n\n"))] = "at most 60 slides",
        };
        foreach (var (text, problem) in bad)
        {
            var refused = await writer.PostFormAsync(page, new() { ["Input.Title"] = "Changed title", ["Input.Summary"] = "S", ["Input.Body"] = text }, page + "?handler=save");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync(Ct);
            var error = System.Text.RegularExpressions.Regex.Match(html, "id=\"Input_Body-error\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(error.Success, "no error next to the slides for: " + text);
            Assert.Contains(problem, System.Net.WebUtility.HtmlDecode(error.Groups[1].Value), StringComparison.Ordinal);
        }

        var unchanged = await app.WithDbAsync(db => db.Set<ContentRevision>().Include(r => r.Slides).SingleAsync(r => r.Id == draftId, Ct));
        Assert.Equal(body, unchanged.BodyMarkdown);
        Assert.Equal(2, unchanged.Slides.Count);
        Assert.NotEqual("Changed title", unchanged.Title);

        var edited = "## What low blood sugar is\nimage: low-blood-sugar-1.svg\nalt: A glucose meter beside a drop of blood.\n"
            + "Low blood sugar (hypoglycemia) means your blood sugar is below the level your body needs.[^1]\n\n"
            + "## What to do\nimage: low-blood-sugar-2.svg\nalt: A glass of juice on a table.\nFollow the plan your care team gave you.[^2]\n\n"
            + $"## Keep fast sugar with you\nimage: {upload}\nalt: A glass of orange juice.\nCarry glucose tablets or juice, and tell the people around you what to do.<script>alert(1)</script>\n\n"
            + "[^1]: NIDDK. \"Low Blood Glucose (Hypoglycemia).\" https://www.niddk.nih.gov/health-information/diabetes/overview/preventing-problems/low-blood-glucose-hypoglycemia\n"
            + "[^2]: MedlinePlus. \"Hypoglycemia.\" https://medlineplus.gov/hypoglycemia.html\n";
        var saved = await writer.PostFormAsync(page, new() { ["Input.Title"] = "Low Blood Sugar: Signs, Help and Prevention", ["Input.Summary"] = "Three slides.", ["Input.Body"] = edited }, page + "?handler=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var preview = Section(await writer.GetStringAsync(page, Ct), "preview");
        Assert.Contains("Keep fast sugar with you", preview, StringComparison.Ordinal);
        Assert.Contains($"src=\"{upload}\"", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", preview, StringComparison.Ordinal);

        // Still the old slideshow until the draft passes review.
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/slideshows/low-blood-sugar/3", Ct)).StatusCode);
        await writer.PostFormAsync(page, [], page + "?handler=submit");
        await reviewer.PostFormAsync(page, [], page + "?handler=approve");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, [], page + "?handler=publish")).StatusCode);

        var third = await Eventually.WaitAsync(() => anonymous.GetAsync("/slideshows/low-blood-sugar/3", Ct), r => r.StatusCode == HttpStatusCode.OK, "the third slide");
        var thirdHtml = await third.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<img src=\"{upload}\" alt=\"A glass of orange juice.\"", thirdHtml, StringComparison.Ordinal);
        Assert.Contains("Carry glucose tablets or juice", thirdHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", thirdHtml, StringComparison.Ordinal);
        Assert.Contains("below the level your body needs", await anonymous.GetStringAsync("/slideshows/low-blood-sugar/1", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(upload, Ct)).StatusCode);

        // A shorter draft drops the slides it no longer has.
        var shorter = (await writer.PostFormAsync(page, [], page + "?handler=draft")).RedirectPath()!;
        var one = "## What low blood sugar is\nimage: low-blood-sugar-1.svg\nalt: A glucose meter.\nBelow what your body needs.[^1]\n\n" + Sources;
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(shorter, new() { ["Input.Title"] = "One slide", ["Input.Summary"] = "One.", ["Input.Body"] = one }, shorter + "?handler=save")).StatusCode);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(Section(await writer.GetStringAsync(shorter, Ct), "preview"), "<li>"));
    }

    private Task<int> LiveRevisionAsync(ContentKind kind, string slug) =>
        app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Kind == kind && i.Slug == slug).Select(i => i.PublishedRevisionId!.Value).SingleAsync(Ct));

    /// <summary>The home page's "Featured" list in its Today strip (empty when there is none).</summary>
    private static string TodayFeatured(string html)
    {
        var at = html.IndexOf("<h3>Featured</h3>", StringComparison.Ordinal);
        if (at < 0)
            return "";
        var end = html.IndexOf("<h3>", at + 5, StringComparison.Ordinal);
        return html[at..(end < 0 ? html.Length : end)];
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
