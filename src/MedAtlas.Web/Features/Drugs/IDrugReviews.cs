namespace MedAtlas.Web.Features.Drugs;

/// <summary>A side effect people reported in reviews, and in how many reviews.</summary>
internal sealed record ReportedSideEffect(string Label, bool Serious, int Count);

/// <summary>One of the most helpful reviews, as the drug page shows it: a short excerpt and a link to the whole review.</summary>
/// <param name="Author">The display name, "Anonymous" or "Former member": never an email.</param>
/// <param name="Condition">The condition it was taken for, in words ("Other condition" for "other").</param>
internal sealed record DrugReviewExcerpt(string Author, string Condition, int Satisfaction, string Excerpt, DateTime WrittenAt, int HelpfulCount, string Path);

/// <summary>
/// The "Patient reviews" section of a drug page. The averages are null while there are fewer than
/// <see cref="MinimumForAverage"/> reviews, so that one or two opinions are not shown as a rating.
/// </summary>
internal sealed record DrugReviewGlance(
    int Count, double? Effectiveness, double? EaseOfUse, double? Satisfaction, IReadOnlyList<ReportedSideEffect> TopSideEffects,
    IReadOnlyList<DrugReviewExcerpt> MostHelpful, string ReviewsPath, string WritePath)
{
    public const int MinimumForAverage = 5;
}

/// <summary>
/// What the drug page shows under "Patient reviews". Drugs does not read the review tables: the reviews feature
/// implements this and registers it; without an implementation the page shows no such section.
/// </summary>
internal interface IDrugReviews
{
    Task<DrugReviewGlance> ForDrugAsync(int drugId, string slug, CancellationToken cancellationToken);
}
