using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>The drug page's "Patient reviews" section (<see cref="IDrugReviews"/>): the averages, the top side effects and the most helpful reviews.</summary>
/// <remarks>
/// Kept in memory until the drug's review stamp moves (<see cref="ReviewStore.StampOf"/>): the drug page is the hottest
/// page there is, and the section's reads (aggregates, side effects, the most helpful reviews and their writers) would
/// otherwise run on every view. Another node's change shows within <c>DataStamps</c>' few seconds; this node's at once.
/// </remarks>
internal sealed class DrugPageReviews(ReviewQueries queries, DataStamps stamps, IMemoryCache cache) : IDrugReviews
{
    public const int SideEffects = 3;
    public const int Reviews = 3;

    public async Task<DrugReviewGlance> ForDrugAsync(int drugId, string slug, CancellationToken cancellationToken)
    {
        var key = ("drug-page-reviews", drugId, await stamps.CurrentAsync(ReviewStore.StampOf(drugId), cancellationToken));
        if (cache.TryGetValue(key, out DrugReviewGlance? kept) && kept is not null)
            return kept;
        var glance = await BuildAsync(drugId, slug, cancellationToken);
        cache.Set(key, glance, TimeSpan.FromMinutes(10));
        return glance;
    }

    private async Task<DrugReviewGlance> BuildAsync(int drugId, string slug, CancellationToken cancellationToken)
    {
        var (reviewsPath, writePath) = ($"/drugs/{slug}/reviews", $"/drugs/{slug}/reviews/write");

        // A drug page is hot: a drug nobody reviewed costs one read of its aggregates row here, and no more.
        var overall = await queries.OverallAsync(drugId, cancellationToken);
        if (overall.Count == 0)
            return new DrugReviewGlance(0, null, null, null, [], [], reviewsPath, writePath);
        var effects = await queries.TopSideEffectsAsync(drugId, SideEffects, cancellationToken);
        var helpful = await queries.MostHelpfulAsync(drugId, Reviews, cancellationToken);
        return new DrugReviewGlance(
            overall.Count, overall.Effectiveness.Average, overall.EaseOfUse.Average, overall.Satisfaction.Average, effects,
            [.. helpful.Select(r => new DrugReviewExcerpt(r.AuthorName, r.ConditionName, r.Satisfaction, TextExcerpt.Of(r.Text, 280), r.CreatedAt,
                r.HelpfulCount, $"/drugs/{slug}/reviews/{r.Id}"))],
            reviewsPath, writePath);
    }
}

/// <summary>
/// A condition page's sort by patients' satisfaction (<see cref="IConditionDrugRatings"/>): one read of the
/// aggregates rows for that condition, never a count of reviews.
/// </summary>
internal sealed class ConditionDrugRatings(MedAtlasDbContext db, DrugCatalog catalog, ConditionCatalog conditions) : IConditionDrugRatings
{
    public async Task<IReadOnlyDictionary<string, ConditionDrugRating>> ForConditionAsync(
        string conditionSlug, IReadOnlyCollection<string> drugSlugs, CancellationToken cancellationToken)
    {
        var none = new Dictionary<string, ConditionDrugRating>(StringComparer.Ordinal);
        if (drugSlugs.Count == 0 || await conditions.FindAsync(conditionSlug, cancellationToken) is not { Id: var conditionId })
            return none;
        var ids = await catalog.IdsAsync(drugSlugs, cancellationToken);
        var drugIds = ids.Values.ToList();
        var rows = await db.Set<DrugReviewStats>().AsNoTracking()
            .Where(s => s.ConditionKey == conditionId && drugIds.Contains(s.DrugId) && s.Count > 0)
            .Select(s => new { s.DrugId, s.Count, s.SatisfactionSum })
            .ToListAsync(cancellationToken);
        var bySlug = ids.ToDictionary(p => p.Value, p => p.Key);
        return rows.ToDictionary(
            r => bySlug[r.DrugId],
            r => new ConditionDrugRating(r.Count,
                r.Count >= ConditionDrugRating.MinimumForAverage ? Math.Round((double)r.SatisfactionSum / r.Count, 1, MidpointRounding.AwayFromZero) : null),
            StringComparer.Ordinal);
    }
}
