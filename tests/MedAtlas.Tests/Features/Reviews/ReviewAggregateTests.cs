using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.Reviews;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>
/// The aggregates a drug's review page shows are kept by increments in each change's transaction; these tests hold
/// them to a full recomputation from the published reviews, after random work and after concurrent work.
/// </summary>
public sealed class ReviewAggregateTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Effects = ["Headache", "Nausea or vomiting", "Dizziness", "Dry mouth", "Tiredness"];

    [Fact]
    public async Task Aggregates_equal_a_full_recomputation_after_random_writes_edits_hides_and_removals()
    {
        var drugs = await DrugsAsync("sertraline", "metformin");
        var conditions = await ConditionsOfAsync(drugs);
        var random = new Random(20261201);
        var accounts = new List<string>();
        for (var i = 0; i < 8; i++)
            accounts.Add((await app.NewAccountAsync($"Reviewer {i}")).Account.Id);
        // Established writers: the trust rules publish their reviews at once, so the walk starts from published ones.
        await app.WithDbAsync(db => db.Set<Account>().Where(a => accounts.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTime.UtcNow.AddDays(-90)), Ct));

        var reviews = new List<long>();
        for (var step = 0; step < 160; step++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ReviewStore>();
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            var roll = random.Next(100);
            if (roll < 35 || reviews.Count == 0)
            {
                var account = accounts[random.Next(accounts.Count)];
                var drug = drugs[random.Next(drugs.Count)];
                try
                {
                    reviews.Add((await store.CreateAsync(account, drug, RandomInput(random, conditions[drug], step), Ct)).ReviewId);
                }
                catch (ReviewExistsException)
                {
                    // The random walk picked a drug and condition this account already reviewed: that is the rule working.
                }

                continue;
            }

            var id = reviews[random.Next(reviews.Count)];
            var review = await db.Set<DrugReview>().AsNoTracking().FirstAsync(r => r.Id == id, Ct);
            if (roll < 60)
            {
                try
                {
                    await store.UpdateAsync(review.AccountId!, id, RandomInput(random, conditions[review.DrugId], step), Ct);
                }
                catch (Exception e) when (e is ReviewExistsException or ReviewRemovedException)
                {
                }

                continue;
            }

            var to = (ContentState)random.Next(4);
            await store.SetStateAsync(id, review.State, to, Ct);
            if (random.Next(10) == 0)
                await store.AddHelpfulVoteAsync(id, accounts[random.Next(accounts.Count)], Ct);
        }

        var published = await app.WithDbAsync(db => db.Set<DrugReview>().CountAsync(r => drugs.Contains(r.DrugId) && r.State == ContentState.Published, Ct));
        Assert.True(published > 10, $"The walk should leave a good number of published reviews; it left {published}.");
        foreach (var drug in drugs)
            await AssertMatchesRecomputationAsync(drug);
    }

    [Fact]
    public async Task Concurrent_approvals_and_votes_on_one_drug_lose_no_count()
    {
        var drug = (await DrugsAsync("atorvastatin"))[0];
        var conditions = await ConditionsOfAsync([drug]);
        var ids = new List<long>();
        var voters = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var account = (await app.NewAccountAsync($"Parallel {i}")).Account.Id;
            voters.Add(account);
            await using var scope = app.Services.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<ReviewStore>()
                .CreateAsync(account, drug, RandomInput(new Random(i), conditions[drug], 1000 + i), Ct);
            // A new account's first review waits for a moderator: these are all held.
            Assert.Equal(ContentState.Held, written.State);
            ids.Add(written.ReviewId);
        }

        await Task.WhenAll(ids.Select(async id =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<ReviewStore>().SetStateAsync(id, ContentState.Held, ContentState.Published, Ct));
        }));
        await Task.WhenAll(voters.Select(async voter =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ReviewStore>();
            Assert.True(await store.AddHelpfulVoteAsync(ids[0], voter, Ct));
            Assert.False(await store.AddHelpfulVoteAsync(ids[0], voter, Ct));
        }));

        // Two moderators approving the same review at once: one wins, the other changes nothing.
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReviewStore>().SetStateAsync(ids[1], ContentState.Published, ContentState.Hidden, Ct);
        }));
        Assert.Single(twice, won => won);

        var all = await app.WithDbAsync(db => db.Set<DrugReviewStats>().AsNoTracking()
            .FirstAsync(s => s.DrugId == drug && s.ConditionKey == DrugReviewStats.AllConditions, Ct));
        Assert.Equal(11, all.Count);
        Assert.Equal(12, await app.WithDbAsync(db => db.Set<DrugReview>().Where(r => r.Id == ids[0]).Select(r => r.HelpfulCount).FirstAsync(Ct)));
        await AssertMatchesRecomputationAsync(drug);
    }

    private async Task AssertMatchesRecomputationAsync(int drugId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var (expected, expectedEffects) = await scope.ServiceProvider.GetRequiredService<ReviewStore>().RecomputeAsync(drugId, Ct);
        var kept = await db.Set<DrugReviewStats>().AsNoTracking().Where(s => s.DrugId == drugId && s.Count != 0).OrderBy(s => s.ConditionKey).ToListAsync(Ct);
        Assert.Equal(expected.Select(Describe), kept.Select(Describe));
        // A row that went back to zero must be zero everywhere, not a sum left over.
        Assert.Empty(await db.Set<DrugReviewStats>().AsNoTracking()
            .Where(s => s.DrugId == drugId && s.Count == 0 && (s.SatisfactionSum != 0 || s.EffectivenessSum != 0 || s.EaseOfUseSum != 0 || s.Satisfaction5 != 0)).ToListAsync(Ct));
        var keptEffects = await db.Set<DrugSideEffectStats>().AsNoTracking().Where(s => s.DrugId == drugId && s.Count != 0).ToListAsync(Ct);
        Assert.Equal(
            expectedEffects.Select(e => $"{e.Key}={e.Count}"),
            keptEffects.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Count}"));
    }

    private static string Describe(DrugReviewStats s) =>
        $"{s.ConditionKey}: n={s.Count} e={s.EffectivenessSum} u={s.EaseOfUseSum} s={s.SatisfactionSum} stopped={s.StoppedForSideEffects} " +
        $"E[{s.Effectiveness1},{s.Effectiveness2},{s.Effectiveness3},{s.Effectiveness4},{s.Effectiveness5}] " +
        $"U[{s.EaseOfUse1},{s.EaseOfUse2},{s.EaseOfUse3},{s.EaseOfUse4},{s.EaseOfUse5}] " +
        $"S[{s.Satisfaction1},{s.Satisfaction2},{s.Satisfaction3},{s.Satisfaction4},{s.Satisfaction5}]";

    private static ReviewInput RandomInput(Random random, IReadOnlyList<int?> conditions, int step) => new(
        conditions[random.Next(conditions.Count)],
        random.Next(1, 6),
        random.Next(1, 6),
        random.Next(1, 6),
        $"Step {step}: it helped after two weeks, with some trouble at first. Note {random.Next()}.",
        random.Next(2) == 0 ? ReviewerRole.Patient : ReviewerRole.Caregiver,
        null,
        null,
        null,
        [.. Effects.Where(_ => random.Next(3) == 0).Select(e => new PickedSideEffect(e, false))],
        null,
        random.Next(3) switch { 0 => true, 1 => false, _ => null },
        false,
        random.Next(4) == 0);

    private async Task<List<int>> DrugsAsync(params string[] slugs)
    {
        var ids = new List<int>();
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<DrugCatalog>();
        foreach (var slug in slugs)
            ids.Add(await catalog.IdAsync(slug, Ct) ?? throw new InvalidOperationException($"No starter drug {slug}."));
        return ids;
    }

    /// <summary>Each drug's catalogue conditions and "other" (null): what a writer can pick.</summary>
    private async Task<Dictionary<int, IReadOnlyList<int?>>> ConditionsOfAsync(IEnumerable<int> drugs)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var result = new Dictionary<int, IReadOnlyList<int?>>();
        foreach (var drug in drugs)
        {
            var ids = await db.Set<DrugCondition>().Where(c => c.DrugId == drug).Select(c => (int?)c.ConditionId).Take(2).ToListAsync(Ct);
            result[drug] = [.. ids, null];
        }

        return result;
    }
}
