using System.Linq.Expressions;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>A side effect the writer picked from the drug's listed side effects, as the monograph words it.</summary>
internal sealed record PickedSideEffect(string Label, bool Serious);

/// <summary>What the writer entered, already validated by the page or the API (<see cref="ReviewStore"/> only guards its invariants).</summary>
/// <param name="ConditionId">A catalogue condition the caller has resolved; null for "other".</param>
internal sealed record ReviewInput(
    int? ConditionId,
    int Effectiveness,
    int EaseOfUse,
    int Satisfaction,
    string Text,
    ReviewerRole Role,
    AgeRange? AgeRange,
    ReviewerSex? Sex,
    TimeOnMedicine? TimeOnMedicine,
    IReadOnlyList<PickedSideEffect> SideEffects,
    string? OtherSideEffects,
    bool? StoppedForSideEffects,
    bool SeriousSideEffect,
    bool Anonymous);

/// <summary>The review written or edited, and whether it went out or waits for a moderator (and why).</summary>
internal sealed record ReviewWrite(long ReviewId, ContentState State, string? HeldReason);

/// <summary>The account already has a review of this drug for this condition: the writer is offered to edit it.</summary>
internal sealed class ReviewExistsException(long existingId)
    : InvalidOperationException("You have already reviewed this medicine for this condition.")
{
    public long ExistingId { get; } = existingId;
}

/// <summary>Another change to the same review landed first (an edit, a moderator's decision); nothing was changed.</summary>
internal sealed class ReviewChangedException() : InvalidOperationException("This review changed while you were editing it. Please try again.");

/// <summary>A removed review cannot be edited back into view: its author appeals instead.</summary>
internal sealed class ReviewRemovedException() : InvalidOperationException("A moderator removed this review, so it cannot be edited. You can appeal instead.");

/// <summary>
/// Every change to reviews goes through here, so the aggregates (<see cref="DrugReviewStats"/>,
/// <see cref="DrugSideEffectStats"/>) move with it: in the same transaction, by atomic increments (two writers on one
/// drug never lose a count), and only for published reviews. Changes to a review are compare-and-set on its
/// version and state, so an edit racing a moderator's hide cannot count a review twice or not at all.
/// </summary>
internal sealed class ReviewStore(MedAtlasDbContext db, ContentModeration moderation, DataStamps stamps, TimeProvider time)
{
    public const string ContentType = "review";

    /// <summary>How <see cref="DrugReviewRevision.DetailsJson"/> is written, and so how the history page reads it.</summary>
    public static readonly JsonSerializerOptions RevisionJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The Key column for a side-effect label: lower case, spaces collapsed.</summary>
    public static string SideEffectKey(string label) =>
        string.Join(' ', label.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>SHA-256 of the text with case, punctuation spacing and whitespace evened out: the same words give the same hash.</summary>
    public static string TextHash(string text)
    {
        var even = string.Join(' ', UserText.Normalize(text).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(even)));
    }

    public static int ConditionKeyOf(int? conditionId) => conditionId ?? DrugReviewStats.OtherCondition;

    /// <summary>
    /// The <see cref="DataStamps"/> name bumped with every change to what a drug's review pages show (its figures, its
    /// published reviews, their helpful counts): the readers' caches key on it.
    /// </summary>
    public static string StampOf(int drugId) => "reviews:" + drugId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<ReviewWrite> CreateAsync(string accountId, int drugId, ReviewInput input, CancellationToken cancellationToken)
    {
        Guard(input);
        var text = UserText.Normalize(input.Text);
        var hash = TextHash(text);
        var conditionKey = ConditionKeyOf(input.ConditionId);
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await BeginAsync(cancellationToken);
        if (await ExistingIdAsync(accountId, drugId, conditionKey, cancellationToken) is { } existing)
            throw new ReviewExistsException(existing);

        var admission = await moderation.AdmitAsync(accountId, await IsDuplicateAsync(hash, drugId, null, cancellationToken), cancellationToken);
        var review = new DrugReview
        {
            DrugId = drugId,
            ConditionId = input.ConditionId,
            ConditionKey = conditionKey,
            AccountId = accountId,
            WriterKey = accountId,
            Text = text,
            TextHash = hash,
            State = admission.State,
            LinksClickable = admission.LinksClickable,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Fill(review, input);
        db.Add(review);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (writer, drug, condition) key: the same person submitting twice at once.
            db.ChangeTracker.Clear();
            if (transaction is not null)
                await transaction.RollbackAsync(cancellationToken);
            var winner = await ExistingIdAsync(accountId, drugId, conditionKey, cancellationToken);
            if (winner is { } id)
                throw new ReviewExistsException(id);
            throw;
        }

        if (review.State == ContentState.Published)
            await CountAsync(Snapshot.Of(review), +1, cancellationToken);
        else
            await moderation.HoldAsync(ItemOf(review), admission.HeldReason!, cancellationToken);

        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        stamps.Invalidate();
        return new ReviewWrite(review.Id, review.State, admission.HeldReason);
    }

    /// <summary>
    /// Replaces the review's ratings, text and details with <paramref name="input"/> and keeps the previous version.
    /// Null when the review is not this account's (the caller answers 404). A published review whose new text is
    /// already on another drug goes back to the moderator; a held or hidden one stays as it is.
    /// </summary>
    public async Task<ReviewWrite?> UpdateAsync(string accountId, long reviewId, ReviewInput input, CancellationToken cancellationToken)
    {
        Guard(input);
        var text = UserText.Normalize(input.Text);
        var hash = TextHash(text);
        var conditionKey = ConditionKeyOf(input.ConditionId);
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await BeginAsync(cancellationToken);
        var review = await db.Set<DrugReview>().FirstOrDefaultAsync(r => r.Id == reviewId && r.AccountId == accountId, cancellationToken);
        if (review is null)
            return null;
        var oldEffects = await db.Set<DrugReviewSideEffect>().AsNoTracking().Where(e => e.ReviewId == reviewId).ToListAsync(cancellationToken);
        if (review.State == ContentState.Removed)
            throw new ReviewRemovedException();
        if (conditionKey != review.ConditionKey && await ExistingIdAsync(accountId, review.DrugId, conditionKey, cancellationToken) is { } other)
            throw new ReviewExistsException(other);

        var before = Snapshot.Of(review, oldEffects);
        var version = review.Version;
        var state = review.State;
        string? heldReason = null;
        if (state == ContentState.Published && hash != review.TextHash && await IsDuplicateAsync(hash, review.DrugId, review.Id, cancellationToken))
        {
            state = ContentState.Held;
            heldReason = ContentModeration.HeldDuplicate;
        }

        // The compare-and-set: nothing else changed the review (its version or state) since it was read.
        var claimed = await db.Set<DrugReview>()
            .Where(r => r.Id == reviewId && r.Version == version && r.State == before.State)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, version + 1).SetProperty(r => r.State, state), cancellationToken);
        if (claimed == 0)
            throw new ReviewChangedException();

        db.Add(new DrugReviewRevision
        {
            ReviewId = review.Id,
            Version = version,
            Effectiveness = review.Effectiveness,
            EaseOfUse = review.EaseOfUse,
            Satisfaction = review.Satisfaction,
            Text = review.Text,
            DetailsJson = JsonSerializer.Serialize(DetailsOf(review, oldEffects), RevisionJson),
            WrittenAt = review.UpdatedAt,
        });

        review.ConditionId = input.ConditionId;
        review.ConditionKey = conditionKey;
        review.Text = text;
        review.TextHash = hash;
        review.UpdatedAt = now;
        await db.Set<DrugReviewSideEffect>().Where(e => e.ReviewId == reviewId).ExecuteDeleteAsync(cancellationToken);
        Fill(review, input);
        // The compare-and-set already wrote these two; tracking must agree so SaveChanges leaves them be.
        db.Entry(review).Property(r => r.Version).CurrentValue = version + 1;
        db.Entry(review).Property(r => r.Version).IsModified = false;
        db.Entry(review).Property(r => r.State).CurrentValue = state;
        db.Entry(review).Property(r => r.State).IsModified = false;
        await db.SaveChangesAsync(cancellationToken);

        if (before.State == ContentState.Published)
            await CountAsync(before, -1, cancellationToken);
        if (state == ContentState.Published)
            await CountAsync(Snapshot.Of(review), +1, cancellationToken);
        if (heldReason is not null)
            await moderation.HoldAsync(ItemOf(review), heldReason, cancellationToken);

        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        stamps.Invalidate();
        return new ReviewWrite(review.Id, state, heldReason);
    }

    /// <summary>
    /// Moves a review from one state to another (a moderator's decision, the trust rules) and the aggregates with
    /// it. False when the review is gone or no longer in <paramref name="from"/>.
    /// </summary>
    public async Task<bool> SetStateAsync(long reviewId, ContentState from, ContentState to, CancellationToken cancellationToken)
    {
        if (from == to)
            return await db.Set<DrugReview>().AnyAsync(r => r.Id == reviewId && r.State == from, cancellationToken);

        await using var transaction = await BeginAsync(cancellationToken);
        var claimed = await db.Set<DrugReview>().Where(r => r.Id == reviewId && r.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, to), cancellationToken);
        if (claimed == 0)
            return false;

        // Read after the update holds the row: these are the values the aggregates counted.
        if (from == ContentState.Published || to == ContentState.Published)
        {
            var review = await db.Set<DrugReview>().AsNoTracking().Include(r => r.SideEffects).FirstAsync(r => r.Id == reviewId, cancellationToken);
            await CountAsync(Snapshot.Of(review), to == ContentState.Published ? +1 : -1, cancellationToken);
        }

        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        stamps.Invalidate();
        return true;
    }

    /// <summary>One "helpful" per account per review: false when this account already said so (the primary key decides).</summary>
    public async Task<bool> AddHelpfulVoteAsync(long reviewId, string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await BeginAsync(cancellationToken);
        var added = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO review_helpful_votes ("ReviewId", "AccountId", "CreatedAt") VALUES ({reviewId}, {accountId}, {now}) ON CONFLICT DO NOTHING""",
            cancellationToken);
        if (added == 0)
            return false;
        await db.Set<DrugReview>().Where(r => r.Id == reviewId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + 1), cancellationToken);
        await BumpAsync(await db.Set<DrugReview>().Where(r => r.Id == reviewId).Select(r => r.DrugId).FirstAsync(cancellationToken), cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        stamps.Invalidate();
        return true;
    }

    /// <summary>
    /// What deleting an account does to its reviews, inside the deletion's transaction: removed (with their counts),
    /// or kept as "Former member" (no account, a writer key of their own); its helpful votes go either way.
    /// </summary>
    public async Task EraseAsync(string accountId, bool anonymise, CancellationToken cancellationToken)
    {
        var voted = await db.Set<ReviewHelpfulVote>().Where(v => v.AccountId == accountId).Select(v => v.ReviewId).ToListAsync(cancellationToken);
        if (voted.Count > 0)
        {
            foreach (var drugId in await db.Set<DrugReview>().Where(r => voted.Contains(r.Id)).Select(r => r.DrugId).Distinct().ToListAsync(cancellationToken))
                await BumpAsync(drugId, cancellationToken);
            await db.Set<DrugReview>().Where(r => voted.Contains(r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount - 1), cancellationToken);
            await db.Set<ReviewHelpfulVote>().Where(v => v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        }

        if (anonymise)
        {
            var ids = await db.Set<DrugReview>().Where(r => r.AccountId == accountId).Select(r => r.Id).ToListAsync(cancellationToken);
            foreach (var drugId in await db.Set<DrugReview>().Where(r => r.AccountId == accountId).Select(r => r.DrugId).Distinct().ToListAsync(cancellationToken))
                await BumpAsync(drugId, cancellationToken);
            stamps.Invalidate();
            foreach (var id in ids)
                await db.Set<DrugReview>().Where(r => r.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.AccountId, (string?)null).SetProperty(r => r.WriterKey, "deleted:" + id), cancellationToken);
            return;
        }

        var published = await db.Set<DrugReview>().AsNoTracking().Include(r => r.SideEffects)
            .Where(r => r.AccountId == accountId && r.State == ContentState.Published).ToListAsync(cancellationToken);
        foreach (var review in published)
            await CountAsync(Snapshot.Of(review), -1, cancellationToken);
        await db.Set<DrugReview>().Where(r => r.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        stamps.Invalidate();
    }

    /// <summary>
    /// The aggregates of one drug recomputed from its published reviews, for the invariant test and for repair:
    /// what <see cref="DrugReviewStats"/> and <see cref="DrugSideEffectStats"/> must equal.
    /// </summary>
    public async Task<(IReadOnlyList<DrugReviewStats> Stats, IReadOnlyList<DrugSideEffectStats> SideEffects)> RecomputeAsync(int drugId, CancellationToken cancellationToken)
    {
        var reviews = await db.Set<DrugReview>().AsNoTracking().Include(r => r.SideEffects)
            .Where(r => r.DrugId == drugId && r.State == ContentState.Published).ToListAsync(cancellationToken);
        var stats = new Dictionary<int, DrugReviewStats>();
        var effects = new Dictionary<string, DrugSideEffectStats>(StringComparer.Ordinal);
        foreach (var review in reviews)
        {
            var snapshot = Snapshot.Of(review);
            foreach (var key in snapshot.ConditionKeys)
            {
                if (!stats.TryGetValue(key, out var row))
                    stats[key] = row = new DrugReviewStats { DrugId = drugId, ConditionKey = key };
                row.Count++;
                row.EffectivenessSum += snapshot.Effectiveness;
                row.EaseOfUseSum += snapshot.EaseOfUse;
                row.SatisfactionSum += snapshot.Satisfaction;
                row.StoppedForSideEffects += snapshot.Stopped ? 1 : 0;
                Buckets.Add(row, snapshot);
            }

            foreach (var effect in snapshot.SideEffects)
            {
                if (!effects.TryGetValue(effect.Key, out var row))
                    effects[effect.Key] = row = new DrugSideEffectStats { DrugId = drugId, Key = effect.Key, Label = effect.Label, Serious = effect.Serious };
                row.Count++;
            }
        }

        return ([.. stats.Values.OrderBy(s => s.ConditionKey)], [.. effects.Values.OrderBy(e => e.Key, StringComparer.Ordinal)]);
    }

    private async Task CountAsync(Snapshot review, int sign, CancellationToken cancellationToken)
    {
        await BumpAsync(review.DrugId, cancellationToken);
        foreach (var key in review.ConditionKeys)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO drug_review_stats ("DrugId", "ConditionKey", "Count", "EffectivenessSum", "EaseOfUseSum", "SatisfactionSum", "StoppedForSideEffects",
                  "Effectiveness1", "Effectiveness2", "Effectiveness3", "Effectiveness4", "Effectiveness5",
                  "EaseOfUse1", "EaseOfUse2", "EaseOfUse3", "EaseOfUse4", "EaseOfUse5",
                  "Satisfaction1", "Satisfaction2", "Satisfaction3", "Satisfaction4", "Satisfaction5")
                VALUES ({review.DrugId}, {key}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING
                """,
                cancellationToken);
            var stopped = review.Stopped ? sign : 0;
            await db.Set<DrugReviewStats>().Where(s => s.DrugId == review.DrugId && s.ConditionKey == key)
                .ExecuteUpdateAsync(
                    s =>
                    {
                        s.SetProperty(x => x.Count, x => x.Count + sign);
                        s.SetProperty(x => x.EffectivenessSum, x => x.EffectivenessSum + sign * review.Effectiveness);
                        s.SetProperty(x => x.EaseOfUseSum, x => x.EaseOfUseSum + sign * review.EaseOfUse);
                        s.SetProperty(x => x.SatisfactionSum, x => x.SatisfactionSum + sign * review.Satisfaction);
                        s.SetProperty(x => x.StoppedForSideEffects, x => x.StoppedForSideEffects + stopped);
                        Buckets.Increment(s, review, sign);
                    },
                    cancellationToken);
        }

        foreach (var effect in review.SideEffects)
        {
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO drug_side_effect_stats ("DrugId", "Key", "Label", "Serious", "Count") VALUES ({review.DrugId}, {effect.Key}, {effect.Label}, {effect.Serious}, 0) ON CONFLICT DO NOTHING""",
                cancellationToken);
            await db.Set<DrugSideEffectStats>().Where(s => s.DrugId == review.DrugId && s.Key == effect.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Count, x => x.Count + sign), cancellationToken);
        }
    }

    /// <summary>Moves the drug's review stamp, in the change's transaction (an upsert, so concurrent writers never collide).</summary>
    private async Task BumpAsync(int drugId, CancellationToken cancellationToken)
    {
        var name = StampOf(drugId);
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO data_stamps ("Name", "Version", "ChangedAt") VALUES ({name}, 1, {now}) ON CONFLICT ("Name") DO UPDATE SET "Version" = data_stamps."Version" + 1, "ChangedAt" = {now}""",
            cancellationToken);
    }

    private static void Guard(ReviewInput input)
    {
        foreach (var (name, value) in new[] { ("effectiveness", input.Effectiveness), ("ease of use", input.EaseOfUse), ("satisfaction", input.Satisfaction) })
        {
            if (value is < 1 or > 5)
                throw new ArgumentException($"The {name} rating must be 1 to 5; it was {value}.", nameof(input));
        }

        var length = UserText.Normalize(input.Text).Length;
        if (length is < DrugReviewConfiguration.TextMinLength or > DrugReviewConfiguration.TextMaxLength)
            throw new ArgumentException($"The text must be {DrugReviewConfiguration.TextMinLength} to {DrugReviewConfiguration.TextMaxLength} characters; it was {length}.", nameof(input));
        if (input.OtherSideEffects?.Length > DrugReviewConfiguration.OtherSideEffectsMaxLength)
            throw new ArgumentException("The other side effects are too long.", nameof(input));
    }

    private static void Fill(DrugReview review, ReviewInput input)
    {
        review.Effectiveness = input.Effectiveness;
        review.EaseOfUse = input.EaseOfUse;
        review.Satisfaction = input.Satisfaction;
        review.Role = input.Role;
        review.AgeRange = input.AgeRange;
        review.Sex = input.Sex;
        review.TimeOnMedicine = input.TimeOnMedicine;
        review.OtherSideEffects = string.IsNullOrWhiteSpace(input.OtherSideEffects) ? null : input.OtherSideEffects.Trim();
        review.StoppedForSideEffects = input.StoppedForSideEffects;
        review.Anonymous = input.Anonymous;
        review.SeriousSideEffect = input.SeriousSideEffect || input.SideEffects.Any(s => s.Serious);
        foreach (var effect in input.SideEffects.DistinctBy(e => SideEffectKey(e.Label)))
            review.SideEffects.Add(new DrugReviewSideEffect { Key = SideEffectKey(effect.Label), Label = effect.Label.Trim(), Serious = effect.Serious });
    }

    private static object DetailsOf(DrugReview review, IReadOnlyList<DrugReviewSideEffect> sideEffects) => new
    {
        review.ConditionId,
        review.Role,
        review.AgeRange,
        review.Sex,
        review.TimeOnMedicine,
        SideEffects = sideEffects.Select(s => new { s.Label, s.Serious }).ToList(),
        review.OtherSideEffects,
        review.StoppedForSideEffects,
        review.SeriousSideEffect,
        review.Anonymous,
    };

    private static ModeratedItem ItemOf(DrugReview review) =>
        new(ContentType, review.Id, review.AccountId, "Drug review", review.Text, "", review.State, review.CreatedAt);

    private Task<long?> ExistingIdAsync(string writerKey, int drugId, int conditionKey, CancellationToken cancellationToken) =>
        db.Set<DrugReview>().AsNoTracking().Where(r => r.WriterKey == writerKey && r.DrugId == drugId && r.ConditionKey == conditionKey)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The same words already in a review of another drug that is not removed: the mark of pasted spam.</summary>
    private Task<bool> IsDuplicateAsync(string hash, int drugId, long? exceptId, CancellationToken cancellationToken) =>
        db.Set<DrugReview>().AnyAsync(r => r.TextHash == hash && r.DrugId != drugId && r.Id != exceptId && r.State != ContentState.Removed, cancellationToken);

    /// <summary>A transaction of our own unless the caller (a moderator's action, an account deletion) already holds one.</summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    /// <summary>The values of a review that the aggregates count, taken at one moment.</summary>
    private sealed record Snapshot(
        int DrugId, int ConditionKey, ContentState State, int Effectiveness, int EaseOfUse, int Satisfaction, bool Stopped,
        IReadOnlyList<(string Key, string Label, bool Serious)> SideEffects)
    {
        public IEnumerable<int> ConditionKeys => [DrugReviewStats.AllConditions, ConditionKey];

        public static Snapshot Of(DrugReview r) => Of(r, r.SideEffects);

        public static Snapshot Of(DrugReview r, IEnumerable<DrugReviewSideEffect> sideEffects) => new(
            r.DrugId, r.ConditionKey, r.State, r.Effectiveness, r.EaseOfUse, r.Satisfaction, r.StoppedForSideEffects == true,
            [.. sideEffects.Select(s => (s.Key, s.Label, s.Serious))]);
    }

    /// <summary>The 1..5 star columns of each rating: the distributions.</summary>
    private static class Buckets
    {
        private static readonly (Func<Snapshot, int> Rating, Expression<Func<DrugReviewStats, int>>[] Stars)[] Columns =
        [
            (r => r.Effectiveness, [x => x.Effectiveness1, x => x.Effectiveness2, x => x.Effectiveness3, x => x.Effectiveness4, x => x.Effectiveness5]),
            (r => r.EaseOfUse, [x => x.EaseOfUse1, x => x.EaseOfUse2, x => x.EaseOfUse3, x => x.EaseOfUse4, x => x.EaseOfUse5]),
            (r => r.Satisfaction, [x => x.Satisfaction1, x => x.Satisfaction2, x => x.Satisfaction3, x => x.Satisfaction4, x => x.Satisfaction5]),
        ];

        /// <summary>Counts the review's stars into a row held in memory (the recomputation).</summary>
        public static void Add(DrugReviewStats row, Snapshot r)
        {
            foreach (var (rating, stars) in Columns)
            {
                var property = (PropertyInfo)((MemberExpression)stars[rating(r) - 1].Body).Member;
                property.SetValue(row, (int)property.GetValue(row)! + 1);
            }
        }

        /// <summary>Adds <paramref name="sign"/> to the review's star column of each rating, in the UPDATE being built.</summary>
        public static void Increment(UpdateSettersBuilder<DrugReviewStats> s, Snapshot r, int sign)
        {
            foreach (var (rating, stars) in Columns)
            {
                var column = stars[rating(r) - 1];
                s.SetProperty(column, Expression.Lambda<Func<DrugReviewStats, int>>(Expression.Add(column.Body, Expression.Constant(sign)), column.Parameters));
            }
        }
    }
}
