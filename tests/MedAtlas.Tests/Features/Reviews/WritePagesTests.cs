using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>Writing a review through the page: what is saved, who may write, where the writer is sent.</summary>
public sealed class WritePagesTests(WriteApp app) : IClassFixture<WriteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string WritePath = "/drugs/sertraline/reviews/write";

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_back_to_the_form()
    {
        using var visitor = app.NewClient();

        var response = await visitor.GetAsync(WritePath, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.RedirectPath());
        Assert.Contains(Uri.EscapeDataString(WritePath), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_drug_is_404_and_a_brand_name_goes_to_the_drug_s_form()
    {
        var (_, client) = await app.WriterAsync("Brand Follower");

        var unknown = await client.GetAsync("/drugs/no-such-medicine/reviews/write", Ct);
        var brand = await client.GetAsync("/drugs/zoloft/reviews/write", Ct);
        var unknownPost = await client.PostAsync("/drugs/no-such-medicine/reviews/write",
            new FormUrlEncodedContent([.. WriteApp.Valid(), new("__RequestVerificationToken", await client.GetFormTokenAsync(WritePath))]), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, brand.StatusCode);
        Assert.Equal(WritePath, brand.RedirectPath());
        Assert.Equal(HttpStatusCode.NotFound, unknownPost.StatusCode);
    }

    [Fact]
    public async Task The_form_offers_the_drug_s_conditions_first_its_listed_side_effects_and_the_MedWatch_panel()
    {
        var (_, client) = await app.WriterAsync("Form Reader");

        var response = await client.GetAsync(WritePath, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true });
        Assert.Contains("<optgroup label=\"Uses of Sertraline\">", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(">Depression<", StringComparison.Ordinal) < html.IndexOf("<optgroup label=\"Other conditions\">", StringComparison.Ordinal));
        Assert.Contains("value=\"other\"", html, StringComparison.Ordinal);
        Assert.Contains("Shaking (tremor)", html, StringComparison.Ordinal);
        Assert.Contains("<legend>Serious side effects listed for Sertraline</legend>", html, StringComparison.Ordinal);
        Assert.Contains(">Signs of serotonin syndrome<", html, StringComparison.Ordinal);
        Assert.Contains("https://www.accessdata.fda.gov/scripts/medwatch/index.cfm", html, StringComparison.Ordinal);
        Assert.Contains("1-800-FDA-1088", html, StringComparison.Ordinal);
        var panel = html[html.IndexOf("<aside class=\"medwatch-panel", StringComparison.Ordinal)..];
        panel = panel[..panel.IndexOf("</aside>", StringComparison.Ordinal)];
        Assert.DoesNotContain("stop", panel, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("talk to your doctor or pharmacist", panel, StringComparison.Ordinal);
        Assert.Contains("call 911", panel, StringComparison.Ordinal);
        Assert.Contains("<legend>Effectiveness: how well did it work for you?</legend>", html, StringComparison.Ordinal);
        Assert.Contains("1 (not at all)", html, StringComparison.Ordinal);
        Assert.Contains("5 (very well)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_with_every_field_is_saved_and_shown_whole_on_its_history_page()
    {
        var (account, client) = await app.WriterAsync("Full Writer");
        var text = "The first two weeks I felt worse.\n\nBy week six I was sleeping again and could go back to work.";
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Condition", "depression"),
            new("Input.Effectiveness", "4"),
            new("Input.EaseOfUse", "5"),
            new("Input.Satisfaction", "3"),
            new("Input.Text", text),
            new("Input.Role", "Caregiver"),
            new("Input.AgeRange", "Age45To54"),
            new("Input.Sex", "Female"),
            new("Input.TimeOnMedicine", "SixMonthsToOneYear"),
            new("Input.SideEffects", "Dry mouth"),
            new("Input.SideEffects", "Yawning"),
            new("Input.OtherSideEffects", "Vivid dreams for a month"),
            new("Input.Stopped", "no"),
            new("Input.Anonymous", "true"),
        ];

        var saved = await WriteApp.PostReviewAsync(client, fields);
        var id = WriteApp.ReviewIdIn(saved);
        var history = await client.GetAsync($"/drugs/sertraline/reviews/{id}/history", Ct);
        var page = await WriteApp.TextOfAsync(history);
        var review = await app.ReviewAsync(id);

        Assert.Equal($"/drugs/sertraline/reviews#review-{id}", saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains("Review of Sertraline for Depression: versions", page, StringComparison.Ordinal);
        Assert.Contains("Effectiveness 4 of 5 Ease of use 5 of 5 Satisfaction 3 of 5", page, StringComparison.Ordinal);
        Assert.Contains("A caregiver (for someone who took it)", page, StringComparison.Ordinal);
        Assert.Contains("Age 45 to 54", page, StringComparison.Ordinal);
        Assert.Contains("Sex Female", page, StringComparison.Ordinal);
        Assert.Contains("Time on the medicine 6 months to 1 year", page, StringComparison.Ordinal);
        Assert.Contains("Side effects Dry mouth; Yawning", page, StringComparison.Ordinal);
        Assert.Contains("Other side effects Vivid dreams for a month", page, StringComparison.Ordinal);
        Assert.Contains("Stopped because of side effects No", page, StringComparison.Ordinal);
        Assert.Contains("Name shown Anonymous", page, StringComparison.Ordinal);
        Assert.Contains("<p>The first two weeks I felt worse.</p><p>By week six", await history.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Published", page, StringComparison.Ordinal);
        Assert.NotNull(review);
        Assert.Equal(account.Id, review.AccountId);
        Assert.Equal(ContentState.Published, review.State);
        Assert.Equal(["Dry mouth", "Yawning"], review.SideEffects.Select(s => s.Label).Order());
    }

    [Fact]
    public async Task A_second_review_for_the_same_drug_and_condition_is_refused_with_a_link_to_edit_the_first()
    {
        var (account, client) = await app.WriterAsync("Twice Writer");
        var first = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid()));

        var second = await WriteApp.PostReviewAsync(client, WriteApp.Valid());
        var html = await second.Content.ReadAsStringAsync(Ct);
        var otherCondition = await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid().Where(f => f.Key != "Input.Condition"), new("Input.Condition", "anxiety")]);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("id=\"Input_Condition-error\"", html, StringComparison.Ordinal);
        Assert.Contains("You have already reviewed Sertraline for Depression.", Html(html), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/drugs/sertraline/reviews/{first}/edit\">Edit your review</a>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, otherCondition.StatusCode);
        Assert.Equal(2, await app.ReviewCountAsync(account.Id));
    }

    [Fact]
    public async Task A_condition_posted_as_other_is_saved_as_other()
    {
        var (_, client) = await app.WriterAsync("Other Condition");

        var saved = await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid().Where(f => f.Key != "Input.Condition"), new("Input.Condition", "other")]);
        var review = await app.ReviewAsync(WriteApp.ReviewIdIn(saved));

        Assert.Null(review!.ConditionId);
        Assert.Equal(DrugReviewStats.OtherCondition, review.ConditionKey);
    }

    [Fact]
    public async Task HTML_and_script_in_the_text_are_stored_as_typed_and_shown_as_text()
    {
        var (_, client) = await app.WriterAsync("Script Typer");
        var text = "<script>alert('x')</script> <b>bold</b> <img src=x onerror=alert(1)> and it helped my mood a lot.";

        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid(text)));
        var html = await client.GetStringAsync($"/drugs/sertraline/reviews/{id}/history", Ct);

        Assert.Equal(text, (await app.ReviewAsync(id))!.Text);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_s_first_review_waits_for_a_moderator_and_the_writer_is_told()
    {
        var (account, client) = await app.WriterAsync("Brand New", established: false);

        var saved = await WriteApp.PostReviewAsync(client, WriteApp.Valid());
        var id = WriteApp.ReviewIdIn(saved);
        var page = await client.GetAsync(saved.Headers.Location!.OriginalString, Ct);
        var text = await WriteApp.TextOfAsync(page);

        Assert.Equal($"/drugs/sertraline/reviews/{id}/saved", saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Your review is waiting for a moderator", text, StringComparison.Ordinal);
        Assert.Contains("will appear on the reviews page once a moderator has approved it", text, StringComparison.Ordinal);
        Assert.Contains("A new account's first review is checked by a moderator", text, StringComparison.Ordinal);
        Assert.Equal(ContentState.Held, (await app.ReviewAsync(id))!.State);
        Assert.Equal(1, await app.ReviewCountAsync(account.Id));
    }

    [Fact]
    public async Task The_same_text_on_a_second_drug_is_held_as_a_duplicate()
    {
        var (_, first) = await app.WriterAsync("Copy Source");
        var (_, second) = await app.WriterAsync("Copy Paster");
        var text = $"Best pills ever, buy them cheap at my shop, number {Guid.NewGuid():N}.";
        List<KeyValuePair<string, string>> metformin =
        [
            new("Input.Condition", "type-2-diabetes"), new("Input.Effectiveness", "5"), new("Input.EaseOfUse", "5"), new("Input.Satisfaction", "5"), new("Input.Text", text),
        ];

        var original = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(first, WriteApp.Valid(text)));
        var copy = await WriteApp.PostReviewAsync(second, metformin, "/drugs/metformin/reviews/write");
        var copyId = WriteApp.ReviewIdIn(copy);
        var page = await WriteApp.TextOfAsync(await second.GetAsync(copy.Headers.Location!.OriginalString, Ct));

        Assert.Equal(ContentState.Published, (await app.ReviewAsync(original))!.State);
        Assert.Equal(ContentState.Held, (await app.ReviewAsync(copyId))!.State);
        Assert.Equal($"/drugs/metformin/reviews/{copyId}/saved?because=duplicate", copy.Headers.Location!.OriginalString);
        Assert.Contains("The same text is already on a review of another medicine", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serious_side_effect_puts_the_MedWatch_panel_first_on_the_saved_page()
    {
        var (_, client) = await app.WriterAsync("Serious Reporter");
        var (_, other) = await app.WriterAsync("Checkbox Reporter");

        var picked = await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid(), new("Input.SideEffects", "Signs of serotonin syndrome")]);
        var ticked = await WriteApp.PostReviewAsync(other, [.. WriteApp.Valid(), new("Input.SeriousSideEffect", "true")]);
        var pickedId = WriteApp.ReviewIdIn(picked);
        var html = await client.GetStringAsync(picked.Headers.Location!.OriginalString, Ct);
        var tickedHtml = await other.GetStringAsync(ticked.Headers.Location!.OriginalString, Ct);
        var text = Html(html);

        Assert.Equal($"/drugs/sertraline/reviews/{pickedId}/saved", picked.Headers.Location!.OriginalString);
        Assert.Contains("You reported a serious side effect: please tell the FDA too", text, StringComparison.Ordinal);
        Assert.True(html.IndexOf("medwatch-prominent", StringComparison.Ordinal) < html.IndexOf("<h1>", StringComparison.Ordinal));
        Assert.Contains("href=\"https://www.accessdata.fda.gov/scripts/medwatch/index.cfm\"", html, StringComparison.Ordinal);
        Assert.Contains("call 911", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stop taking", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("talk to your doctor or pharmacist", text, StringComparison.Ordinal);
        Assert.Contains("See your review", text, StringComparison.Ordinal);
        Assert.Contains("You reported a serious side effect", Html(tickedHtml), StringComparison.Ordinal);
        Assert.True((await app.ReviewAsync(pickedId))!.SideEffects.Single().Serious);
    }

    [Fact]
    public async Task A_writer_whose_email_is_not_confirmed_is_asked_to_confirm_first()
    {
        var (account, client) = await app.WriterAsync("Unconfirmed Writer");
        var token = await client.GetFormTokenAsync(WritePath);
        await app.WithDbAsync(db => db.Set<Account>().Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmed, false), Ct));

        var page = await client.GetAsync(WritePath, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var posted = await client.PostAsync(WritePath, new FormUrlEncodedContent([.. WriteApp.Valid(), new("__RequestVerificationToken", token)]), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Please confirm your email address first.", Html(html), StringComparison.Ordinal);
        Assert.Contains("href=\"/confirm-email/resend\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Text\"", html, StringComparison.Ordinal);
        Assert.Contains("Please confirm your email address first.", await WriteApp.TextOfAsync(posted), StringComparison.Ordinal);
        Assert.Equal(0, await app.ReviewCountAsync(account.Id));
    }

    [Fact]
    public async Task A_suspended_writer_is_told_until_when_and_nothing_is_saved()
    {
        var (account, client) = await app.WriterAsync("Suspended Writer");
        var token = await client.GetFormTokenAsync(WritePath);
        var until = DateTime.UtcNow.AddDays(7);
        await app.WithDbAsync(db =>
        {
            db.Add(new AuthorSanction { AccountId = account.Id, Kind = SanctionKind.Suspension, Until = until, Reason = "Spam links", CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });

        var page = await WriteApp.TextOfAsync(await client.GetAsync(WritePath, Ct));
        var posted = await client.PostAsync(WritePath, new FormUrlEncodedContent([.. WriteApp.Valid(), new("__RequestVerificationToken", token)]), Ct);

        Assert.Contains($"A moderator has suspended your account from writing and reporting until {until:MMMM d, yyyy HH:mm} UTC.", page, StringComparison.Ordinal);
        Assert.Contains("A moderator has suspended your account", await WriteApp.TextOfAsync(posted), StringComparison.Ordinal);
        Assert.Equal(0, await app.ReviewCountAsync(account.Id));
    }

    [Fact]
    public async Task Links_are_text_in_a_new_account_s_review_and_clickable_in_an_established_one_s()
    {
        var (_, young) = await app.WriterAsync("Young Linker", established: false);
        var (_, old) = await app.WriterAsync("Old Linker");
        var text = "The leaflet at https://example.org/sertraline-leaflet explained the first weeks well.";

        var youngId = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(young, WriteApp.Valid(text)));
        var oldId = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(old, WriteApp.Valid(text + " Really.")));
        var youngHtml = await young.GetStringAsync($"/drugs/sertraline/reviews/{youngId}/history", Ct);
        var oldHtml = await old.GetStringAsync($"/drugs/sertraline/reviews/{oldId}/history", Ct);

        Assert.Contains("https://example.org/sertraline-leaflet", youngHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://example.org/sertraline-leaflet\"", youngHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/sertraline-leaflet\" rel=\"nofollow ugc noopener\">", oldHtml, StringComparison.Ordinal);
    }

    private static string Html(string html) => Infrastructure.Html.Text(html);
}
