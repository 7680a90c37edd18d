namespace MedAtlas.Web.Features.Conditions;

/// <summary>How people rated one drug for one condition: the review count, and the average satisfaction once there are enough reviews.</summary>
/// <param name="Satisfaction">The average (1 to 5, one decimal), or null under <see cref="MinimumForAverage"/> reviews.</param>
internal sealed record ConditionDrugRating(int Count, double? Satisfaction)
{
    public const int MinimumForAverage = 5;
}

/// <summary>
/// The patients' ratings a condition page sorts its drugs by. Conditions does not read the review tables: the reviews
/// feature implements this and registers it; without an implementation the page offers no such sort.
/// </summary>
internal interface IConditionDrugRatings
{
    /// <summary>The ratings for <paramref name="conditionSlug"/> by drug slug; drugs nobody reviewed for it are absent.</summary>
    Task<IReadOnlyDictionary<string, ConditionDrugRating>> ForConditionAsync(string conditionSlug, IReadOnlyCollection<string> drugSlugs, CancellationToken cancellationToken);
}
