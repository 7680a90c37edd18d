using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>The drug page's "Patient reviews" section (<see cref="IDrugReviews"/>): the averages, the top side effects and the most helpful reviews.</summary>
internal sealed class DrugPageReviews(DrugCatalog catalog, ReviewQueries queries) : IDrugReviews
{
    public const int SideEffects = 3;
    public const int Reviews = 3;

    public async Task<DrugReviewGlance> ForDrugAsync(string slug, CancellationToken cancellationToken)
    {
        var (reviewsPath, writePath) = ($"/drugs/{slug}/reviews", $"/drugs/{slug}/reviews/write");
        if (await catalog.IdAsync(slug, cancellationToken) is not { } drugId)
            return new DrugReviewGlance(0, null, null, null, [], [], reviewsPath, writePath);

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
