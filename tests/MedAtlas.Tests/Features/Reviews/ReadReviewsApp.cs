using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>
/// The app for the reading tests: reviews are written through the real store as the arrange step (first reviews are
/// not held here, so a new account's review is published at once; the hold has its own tests), everything asserted
/// goes through HTTP.
/// </summary>
public sealed class ReadReviewsApp : AccountsApp
{
    public ReadReviewsApp() => WithSetting("Moderation:HoldFirstContributions", "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A review with the given text and ratings (and details), written by a new account unless one is given.</summary>
    internal async Task<(long Id, TestAccount Writer)> WriteAsync(
        string drugSlug, string? conditionSlug, int satisfaction, string text, Func<ReviewInput, ReviewInput>? details = null, TestAccount? writer = null,
        int effectiveness = 4, int easeOfUse = 4)
    {
        writer ??= await this.CreateAccountAsync("reviewer-{n}@example.org", "Reviewer " + Guid.NewGuid().ToString("N")[..6]);
        await using var scope = Services.CreateAsyncScope();
        var drugId = await scope.ServiceProvider.GetRequiredService<DrugCatalog>().IdAsync(drugSlug, Ct)
            ?? throw new InvalidOperationException($"No starter drug {drugSlug}.");
        int? conditionId = conditionSlug is null
            ? null
            : (await scope.ServiceProvider.GetRequiredService<ConditionCatalog>().FindAsync(conditionSlug, Ct))?.Id
                ?? throw new InvalidOperationException($"No starter condition {conditionSlug}.");
        var input = new ReviewInput(conditionId, effectiveness, easeOfUse, satisfaction, text, ReviewerRole.Patient, null, null, null, [], null, null, false, false);
        var written = await scope.ServiceProvider.GetRequiredService<ReviewStore>().CreateAsync(writer.Id, drugId, details?.Invoke(input) ?? input, Ct);
        Assert.Equal(ContentState.Published, written.State);
        return (written.ReviewId, writer);
    }

    internal async Task SetStateAsync(long reviewId, ContentState from, ContentState to)
    {
        await using var scope = Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ReviewStore>().SetStateAsync(reviewId, from, to, Ct));
    }

    /// <summary>What deleting the account does to its reviews when the person chose to keep them ("Former member").</summary>
    internal async Task AnonymiseAsync(string accountId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReviewStore>().EraseAsync(accountId, anonymise: true, Ct);
    }

    internal async Task VoteAsync(long reviewId, string accountId)
    {
        await using var scope = Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ReviewStore>().AddHelpfulVoteAsync(reviewId, accountId, Ct));
    }
}
