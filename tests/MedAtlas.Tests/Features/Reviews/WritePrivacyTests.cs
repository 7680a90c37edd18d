using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>A person's reviews when they download their data or delete their account, as they chose on /account.</summary>
public sealed class WritePrivacyTests(WriteApp app) : IClassFixture<WriteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> SertralineCountAsync() =>
        app.WithDbAsync(async db =>
        {
            var drugId = await db.Set<MedAtlas.Web.Features.Drugs.Drug>().Where(d => d.Slug == "sertraline").Select(d => d.Id).SingleAsync(Ct);
            return await db.Set<DrugReviewStats>().Where(s => s.DrugId == drugId && s.ConditionKey == DrugReviewStats.AllConditions).Select(s => s.Count).SingleOrDefaultAsync(Ct);
        });

    private static async Task<HttpResponseMessage> DeleteAccountAsync(HttpClient client) =>
        await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" });

    [Fact]
    public async Task The_account_page_offers_the_choice_and_the_delete_page_says_which_will_happen()
    {
        var (_, client) = await app.WriterAsync("Choice Maker");

        var account = await client.GetStringAsync("/account", Ct);
        var deleteBefore = Infrastructure.Html.Text(await client.GetStringAsync("/account/delete", Ct));
        var saved = await client.PostFormAsync("/account", new() { ["writing"] = "keep" }, "/account?handler=Writing");
        var accountAfter = await client.GetStringAsync("/account", Ct);
        var deleteAfter = await client.GetStringAsync("/account/delete", Ct);

        Assert.Contains("Your reviews and posts when you delete your account", account, StringComparison.Ordinal);
        Assert.Contains("id=\"writing-remove\" name=\"writing\" value=\"remove\" checked=\"checked\"", account, StringComparison.Ordinal);
        Assert.Contains("Your reviews and posts are removed too.", deleteBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("id=\"writing-keep\" name=\"writing\" value=\"keep\" checked=\"checked\"", accountAfter, StringComparison.Ordinal);
        Assert.Contains("shown as “Former member”", Infrastructure.Html.Text(deleteAfter), StringComparison.Ordinal);
        Assert.Contains("href=\"/account#writing-title\"", deleteAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_choice_is_a_form_with_the_anti_forgery_token()
    {
        var (_, client) = await app.WriterAsync("Forged Choice");

        var forged = await client.PostAsync("/account?handler=Writing", new FormUrlEncodedContent([new("writing", "keep")]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("id=\"writing-remove\" name=\"writing\" value=\"remove\" checked=\"checked\"", await client.GetStringAsync("/account", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_by_default_removes_its_reviews_and_their_counts_and_its_votes()
    {
        var (_, someone) = await app.WriterAsync("Voted For");
        var votedFor = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(someone, WriteApp.Valid()));
        var (account, client) = await app.WriterAsync("Leaving Writer");
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid()));
        await VoteAsync(votedFor, account.Id);
        var before = await SertralineCountAsync();

        var deleted = await DeleteAccountAsync(client);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Null(await app.ReviewAsync(id));
        Assert.Equal(before - 1, await SertralineCountAsync());
        Assert.Equal(0, (await app.ReviewAsync(votedFor))!.HelpfulCount);
    }

    [Fact]
    public async Task Deleting_the_account_after_choosing_to_keep_leaves_its_reviews_as_a_former_member_s()
    {
        var (account, client) = await app.WriterAsync("Keeping Writer");
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client, WriteApp.Valid("Words that stay after I leave, for others to read.")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account", new() { ["writing"] = "keep" }, "/account?handler=Writing")).StatusCode);
        var before = await SertralineCountAsync();

        var deleted = await DeleteAccountAsync(client);
        var review = await app.ReviewAsync(id);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.NotNull(review);
        Assert.Null(review.AccountId);
        Assert.NotEqual(account.Id, review.WriterKey);
        Assert.Equal("Words that stay after I leave, for others to read.", review.Text);
        Assert.Equal(before, await SertralineCountAsync());
    }

    [Fact]
    public async Task The_data_download_holds_the_person_s_reviews_with_their_versions_and_votes()
    {
        var (_, someone) = await app.WriterAsync("Other Author");
        var votedFor = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(someone, WriteApp.Valid()));
        var (account, client) = await app.WriterAsync("Exporting Writer");
        var id = WriteApp.ReviewIdIn(await WriteApp.PostReviewAsync(client,
            [.. WriteApp.Valid("My first words about the medicine, written down."), new("Input.SideEffects", "Dry mouth"), new("Input.Sex", "Male")]));
        await WriteApp.PostReviewAsync(client, [.. WriteApp.Valid("My second words about the medicine, after a year."), new("Input.SideEffects", "Yawning")], $"/drugs/sertraline/reviews/{id}/edit");
        await VoteAsync(votedFor, account.Id);

        var response = await client.GetAsync("/account/data?download=1", Ct);
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("data").GetProperty("reviews");
        var review = Assert.Single(data.GetProperty("reviews").EnumerateArray());

        Assert.Equal(id, review.GetProperty("id").GetInt64());
        Assert.Equal("Sertraline", review.GetProperty("drug").GetString());
        Assert.Equal("Depression", review.GetProperty("condition").GetString());
        Assert.Equal("Published", review.GetProperty("state").GetString());
        Assert.Equal("My second words about the medicine, after a year.", review.GetProperty("text").GetString());
        Assert.Equal(4, review.GetProperty("effectiveness").GetInt32());
        Assert.Equal("Yawning", review.GetProperty("sideEffects")[0].GetProperty("label").GetString());
        var first = Assert.Single(review.GetProperty("earlierVersions").EnumerateArray());
        Assert.Equal("My first words about the medicine, written down.", first.GetProperty("text").GetString());
        Assert.Equal("Male", first.GetProperty("details").GetProperty("sex").GetString());
        Assert.Equal("Dry mouth", first.GetProperty("details").GetProperty("sideEffects")[0].GetProperty("label").GetString());
        var vote = Assert.Single(data.GetProperty("helpfulVotes").EnumerateArray());
        Assert.Equal(votedFor, vote.GetProperty("reviewId").GetInt64());
        Assert.Equal("Sertraline", vote.GetProperty("drug").GetString());
    }

    private async Task VoteAsync(long reviewId, string accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ReviewStore>().AddHelpfulVoteAsync(reviewId, accountId, Ct));
    }
}
