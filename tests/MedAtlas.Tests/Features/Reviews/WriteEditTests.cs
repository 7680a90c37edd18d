using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>Editing a review: only its author, the earlier version kept and shown to the author and moderators.</summary>
public sealed class WriteEditTests(WriteApp app) : IClassFixture<WriteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Edit(long id) => $"/drugs/sertraline/reviews/{id}/edit";

    private static string History(long id) => $"/drugs/sertraline/reviews/{id}/history";

    [Fact]
    public async Task The_author_edits_the_review_and_the_history_keeps_the_first_version()
    {
        var (account, client) = await app.WriterAsync("Editing Author");
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client,
            [.. WriteApp.Valid("First weeks were rough but it helped in the end."), new("Input.SideEffects", "Dry mouth"), new("Input.AgeRange", "Age25To34")]));

        var form = await client.GetStringAsync(Edit(id), Ct);
        var saved = await WriteApp.PostReviewAsync(client,
        [
            new("Input.Condition", "depression"), new("Input.Effectiveness", "2"), new("Input.EaseOfUse", "5"), new("Input.Satisfaction", "2"),
            new("Input.Text", "After a year it stopped helping, so my doctor and I changed the plan."), new("Input.SideEffects", "Yawning"),
        ], Edit(id));
        var history = await client.GetAsync(History(id), Ct);
        var text = await WriteApp.TextOfAsync(history);
        var review = await app.ReviewAsync(id);

        // The form comes filled in with the review as saved.
        Assert.Contains("First weeks were rough but it helped in the end.</textarea>", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Dry mouth\" checked", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Age25To34\" selected=\"selected\">", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"depression\" selected=\"selected\">", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Effectiveness\" value=\"4\" required checked=\"checked\"", form, StringComparison.Ordinal);

        Assert.Equal($"/drugs/sertraline/reviews#review-{id}", saved.Headers.Location!.OriginalString);
        Assert.Equal(2, review!.Version);
        Assert.Equal(2, review.Effectiveness);
        Assert.Equal(account.Id, review.AccountId);
        Assert.Contains("has 2 versions", text, StringComparison.Ordinal);
        Assert.Contains("Version 2 (current)", text, StringComparison.Ordinal);
        Assert.Contains("After a year it stopped helping", text, StringComparison.Ordinal);
        Assert.Contains("Version 1, written", text, StringComparison.Ordinal);
        Assert.Contains("First weeks were rough but it helped in the end.", text, StringComparison.Ordinal);
        // The first version's details, from the kept history.
        Assert.Contains("Side effects Dry mouth", text, StringComparison.Ordinal);
        Assert.Contains("Age 25 to 34", text, StringComparison.Ordinal);
        Assert.Contains("Side effects Yawning", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Version 2", StringComparison.Ordinal) < text.IndexOf("Version 1", StringComparison.Ordinal));

        // What changed, word by word: the old words struck out, the new ones marked as added (and said so to screen readers).
        var html = await history.Content.ReadAsStringAsync(Ct);
        Assert.Contains("What changed in the text since version 1", text, StringComparison.Ordinal);
        Assert.Contains("<del><span class=\"visually-hidden\">[removed: </span>First weeks were rough but", html, StringComparison.Ordinal);
        Assert.Contains("<ins><span class=\"visually-hidden\">[added: </span>After a year", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_author_edits_and_the_history_is_for_the_author_and_moderators()
    {
        var (_, author) = await app.WriterAsync("Owner Writer");
        var (_, other) = await app.WriterAsync("Other Reader");
        var (_, moderator) = await app.WriterAsync("Mo Derator", roles: StaffRoles.Moderator);
        using var visitor = app.NewClient();
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(author, WriteApp.Valid("Only mine to change, and it helped a good deal.")));
        var token = await other.GetFormTokenAsync("/drugs/sertraline/reviews/write");

        var otherEdit = await other.GetAsync(Edit(id), Ct);
        var otherPost = await other.PostAsync(Edit(id), new FormUrlEncodedContent([.. WriteApp.Valid("Someone else's words put in the review."), new("__RequestVerificationToken", token)]), Ct);
        var moderatorEdit = await moderator.GetAsync(Edit(id), Ct);
        var otherHistory = await other.GetAsync(History(id), Ct);
        var otherSaved = await other.GetAsync($"/drugs/sertraline/reviews/{id}/saved", Ct);
        var moderatorHistory = await moderator.GetAsync(History(id), Ct);
        var visitorEdit = await visitor.GetAsync(Edit(id), Ct);
        var wrongDrug = await author.GetAsync($"/drugs/metformin/reviews/{id}/edit", Ct);

        Assert.Equal(HttpStatusCode.NotFound, otherEdit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, moderatorEdit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherHistory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherSaved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moderatorHistory.StatusCode);
        Assert.Contains("Only mine to change", await WriteApp.TextOfAsync(moderatorHistory), StringComparison.Ordinal);
        Assert.DoesNotContain("Edit your review", await WriteApp.TextOfAsync(moderatorHistory), StringComparison.Ordinal);
        Assert.Equal("/sign-in", visitorEdit.RedirectPath());
        Assert.Equal(HttpStatusCode.NotFound, wrongDrug.StatusCode);
        Assert.Equal(1, (await app.ReviewAsync(id))!.Version);
    }

    [Fact]
    public async Task A_removed_review_cannot_be_edited_and_its_author_is_pointed_to_the_appeal()
    {
        var (_, client) = await app.WriterAsync("Removed Author");
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid("Words a moderator later removed from the site.")));
        var token = await client.GetFormTokenAsync(Edit(id));
        await app.SetStateAsync(id, ContentState.Published, ContentState.Removed);

        var page = await client.GetAsync(Edit(id), Ct);
        var text = await WriteApp.TextOfAsync(page);
        var posted = await client.PostAsync(Edit(id), new FormUrlEncodedContent([.. WriteApp.Valid("Trying to bring the removed words back."), new("__RequestVerificationToken", token)]), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("A moderator removed this review, so it cannot be edited.", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/moderation\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Text\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("Words a moderator later removed from the site.", (await app.ReviewAsync(id))!.Text);
    }

    [Fact]
    public async Task Moving_a_review_to_a_condition_already_reviewed_is_refused_with_a_link_to_that_review()
    {
        var (_, client) = await app.WriterAsync("Two Conditions");
        var depression = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid()));
        var anxiety = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid().Where(f => f.Key != "Input.Condition"), new("Input.Condition", "anxiety")]));

        var moved = await WriteApp.PostReviewAsync(client, WriteApp.Valid(), Edit(anxiety));
        var html = await moved.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("id=\"Input_Condition-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/drugs/sertraline/reviews/{depression}/edit\"", html, StringComparison.Ordinal);
        Assert.Equal(1, (await app.ReviewAsync(anxiety))!.Version);
    }
}
