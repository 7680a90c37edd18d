using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>
/// Staff in "download my data" and "delete my account": a writer's and a reviewer's revisions, history and uploads are in
/// their download; once they delete their accounts the article stays published, reviewed on its date, with bylines that
/// name no one, and nothing in the database holds their id, email or name.
/// </summary>
public sealed class HealthPersonalDataTests(HealthFixtureApp app) : IClassFixture<HealthFixtureApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_who_delete_their_accounts_leave_the_reviewed_article_live_without_their_names()
    {
        var writerAccount = await app.CreateAccountAsync("leaving-writer-{n}@example.org", "Wanda Leaving", roles: [StaffRoles.Writer]);
        var reviewerAccount = await app.CreateAccountAsync("leaving-reviewer-{n}@example.org", "Ravi Leaving", roles: [StaffRoles.MedicalReviewer]);
        await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == reviewerAccount.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpertCredentials, "MD"), Ct));
        using var writer = await app.SignInAsync(writerAccount);
        using var reviewer = await app.SignInAsync(reviewerAccount);
        using var editor = await app.SignInAsync(await app.CreateAccountAsync("staying-editor-{n}@example.org", "Edna Stays", roles: [StaffRoles.Editor]));

        var key = await Media.MediaLibraryTests.UploadedKeyAsync(writer, "meter.png", "image/png", Media.MediaLibraryTests.Png(320, 180), "A blood glucose meter");
        var slug = "leaving-" + Guid.NewGuid().ToString("N")[..8];
        var page = (await writer.PostFormAsync("/admin/content", new() { ["Input.Title"] = "Sick Day Rules", ["Input.Slug"] = slug, ["Input.Center"] = "diabetes" })).RedirectPath()!;
        await writer.PostFormAsync(page, new()
        {
            ["Input.Title"] = "Sick Day Rules", ["Input.Summary"] = "What to do with diabetes when you are ill.",
            ["Input.Body"] = "Keep taking your medicines unless your care team tells you otherwise.[^1]\n\n[^1]: NIDDK. \"Managing Diabetes.\" https://www.niddk.nih.gov/",
        }, page + "?handler=save");
        await writer.PostFormAsync(page, [], page + "?handler=submit");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, new() { ["comment"] = "Say when to call the care team." }, page + "?handler=sendback")).StatusCode);
        await writer.PostFormAsync(page, [], page + "?handler=submit");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, [], page + "?handler=approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, [], page + "?handler=publish")).StatusCode);
        var anonymous = app.CreateClient();
        Assert.Contains("Medically reviewed by Ravi Leaving, MD on", Html.Text(await anonymous.GetStringAsync($"/health/diabetes/{slug}", Ct)), StringComparison.Ordinal);

        var writerData = await writer.DownloadedPartAsync("healthContent");
        var written = Assert.Single(writerData.GetProperty("revisions").EnumerateArray());
        Assert.Equal(slug, written.GetProperty("slug").GetString());
        Assert.True(written.GetProperty("youWroteIt").GetBoolean());
        Assert.Contains(writerData.GetProperty("editorialHistory").EnumerateArray(), e => e.GetProperty("action").GetString() == "Submitted");
        Assert.Equal("A blood glucose meter", Assert.Single(writerData.GetProperty("uploadedImages").EnumerateArray()).GetProperty("alt").GetString());
        var reviewerData = await reviewer.DownloadedPartAsync("healthContent");
        Assert.True(Assert.Single(reviewerData.GetProperty("revisions").EnumerateArray()).GetProperty("youReviewedIt").GetBoolean());
        Assert.Contains(reviewerData.GetProperty("editorialHistory").EnumerateArray(), e => e.GetProperty("comment").GetString() == "Say when to call the care team.");

        foreach (var client in new[] { writer, reviewer })
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" })).StatusCode);

        var article = await Eventually.WaitAsync(() => anonymous.GetStringAsync($"/health/diabetes/{slug}", Ct),
            html => html.Contains(HealthPersonalData.FormerReviewer, StringComparison.Ordinal), "the bylines to drop the names");
        var text = Html.Text(article);
        Assert.Contains("Written by a former MedAtlas writer", text, StringComparison.Ordinal);
        Assert.Contains("Medically reviewed by a former MedAtlas medical reviewer on", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Leaving", article, StringComparison.Ordinal);
        Assert.Contains("\"reviewedBy\":{\"@type\":\"Organization\"", article, StringComparison.Ordinal);

        var history = Html.Text(await editor.GetStringAsync(page, Ct));
        Assert.Contains("deleted account sent it back to the author (revision 1): “Say when to call the care team.”", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Leaving", history, StringComparison.Ordinal);
        Assert.Contains("deleted account", Html.Text(await editor.GetStringAsync("/admin/content/media", Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(MediaPath(key), Ct)).StatusCode);

        var found = await app.FindEverywhereAsync([writerAccount.Id, writerAccount.Email, "Wanda Leaving", reviewerAccount.Id, reviewerAccount.Email, "Ravi Leaving"]);
        Assert.Empty(found);
    }

    private static string MediaPath(string key) => MedAtlas.Web.Features.HealthCenters.Media.MediaLibrary.PathOf(key, 320);
}
