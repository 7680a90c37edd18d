using System.Text.Json;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>
/// Reviews' share of "download my data" and "delete my account": the person's reviews (every field, their state and
/// earlier versions) and their "helpful" votes. Deleting removes the reviews, or keeps them as "Former member" when the
/// person chose that on /account; either way through <see cref="ReviewStore"/>, so the drugs' aggregates stay right.
/// </summary>
internal sealed class ReviewsPersonalData(MedAtlasDbContext db, ReviewStore store, Authors authors, DrugCatalog drugs, ConditionCatalog conditions) : IPersonalDataSource
{
    public string Name => "reviews";

    public IReadOnlyList<Type> Entities { get; } = [typeof(DrugReview), typeof(DrugReviewSideEffect), typeof(DrugReviewRevision), typeof(ReviewHelpfulVote)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var reviews = await db.Set<DrugReview>().AsNoTracking().AsSplitQuery().Include(r => r.SideEffects)
            .Where(r => r.AccountId == accountId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var votes = await db.Set<ReviewHelpfulVote>().AsNoTracking().Where(v => v.AccountId == accountId)
            .OrderBy(v => v.CreatedAt).Select(v => new { v.ReviewId, v.CreatedAt }).ToListAsync(cancellationToken);
        if (reviews.Count == 0 && votes.Count == 0)
            return null;

        var ids = reviews.Select(r => r.Id).ToList();
        var revisions = (await db.Set<DrugReviewRevision>().AsNoTracking().Where(v => ids.Contains(v.ReviewId)).OrderBy(v => v.Version).ToListAsync(cancellationToken))
            .ToLookup(v => v.ReviewId);
        var votedDrugs = await db.Set<DrugReview>().AsNoTracking().Where(r => votes.Select(v => v.ReviewId).Contains(r.Id))
            .Select(r => new { r.Id, r.DrugId }).ToDictionaryAsync(r => r.Id, r => r.DrugId, cancellationToken);
        var drugNames = await drugs.LinksAsync(reviews.Select(r => r.DrugId).Concat(votedDrugs.Values), cancellationToken);
        var conditionNames = await conditions.ByIdsAsync(reviews.Select(r => r.ConditionId).OfType<int>(), cancellationToken);
        string DrugName(int id) => drugNames.TryGetValue(id, out var link) ? link.Name : "a drug no longer in the catalogue";

        return new
        {
            Reviews = reviews.Select(r => new
            {
                r.Id,
                Drug = DrugName(r.DrugId),
                Condition = r.ConditionId is { } c ? conditionNames.GetValueOrDefault(c)?.Name ?? "a condition no longer in the catalogue" : "Other",
                State = r.State.ToString(),
                r.Effectiveness,
                r.EaseOfUse,
                r.Satisfaction,
                r.Text,
                Role = r.Role.ToString(),
                AgeRange = r.AgeRange?.ToString(),
                Sex = r.Sex?.ToString(),
                TimeOnMedicine = r.TimeOnMedicine?.ToString(),
                SideEffects = r.SideEffects.OrderBy(s => s.Label).Select(s => new { s.Label, s.Serious }),
                r.OtherSideEffects,
                r.StoppedForSideEffects,
                r.SeriousSideEffect,
                r.Anonymous,
                r.HelpfulCount,
                r.CreatedAt,
                r.UpdatedAt,
                r.Version,
                EarlierVersions = revisions[r.Id].Select(v => new
                {
                    v.Version,
                    v.WrittenAt,
                    v.Effectiveness,
                    v.EaseOfUse,
                    v.Satisfaction,
                    v.Text,
                    Details = JsonDocument.Parse(v.DetailsJson).RootElement.Clone(),
                }),
            }),
            HelpfulVotes = votes.Select(v => new
            {
                v.ReviewId,
                Drug = votedDrugs.TryGetValue(v.ReviewId, out var drugId) ? DrugName(drugId) : null,
                v.CreatedAt,
            }),
        };
    }

    /// <summary>Their reviews removed or kept as "Former member", as they chose; their "helpful" votes go either way (the store takes one from each count).</summary>
    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        var anonymise = (await authors.StandingAsync(accountId, cancellationToken))?.AnonymiseOnDelete ?? false;
        await store.EraseAsync(accountId, anonymise, cancellationToken);
    }
}
