using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>One rating's figures: the average (null under 5 reviews) and how many reviews gave 1, 2, 3, 4 and 5 stars (in that order).</summary>
internal sealed record RatingResponse(double? Average, IReadOnlyList<int> Stars);

/// <summary>A drug's figures over every condition (condition null) or for one ("other" for conditions not in the catalogue).</summary>
internal sealed record RatingsResponse(
    string? Condition, string ConditionName, int Count, RatingResponse Effectiveness, RatingResponse EaseOfUse, RatingResponse Satisfaction, int StoppedForSideEffects);

internal sealed record SideEffectResponse(string Label, bool Serious, int Count);

internal sealed record ReviewSummaryResponse(string Slug, string Name, RatingsResponse Overall, IReadOnlyList<RatingsResponse> Conditions, IReadOnlyList<SideEffectResponse> SideEffects);

/// <summary>A published review. Author is the display name, "Anonymous" or "Former member": never an email.</summary>
internal sealed record ReviewResponse(
    long Id, string Author, string? AuthorCredentials, string? Condition, string ConditionName, int Effectiveness, int EaseOfUse, int Satisfaction,
    string Text, string WrittenBy, string? Age, string? Sex, string? TimeOnMedicine, IReadOnlyList<string> SideEffects, string? OtherSideEffects,
    bool? StoppedForSideEffects, int HelpfulCount, DateTime CreatedAt, DateTime UpdatedAt, bool Edited, string Path);

internal sealed record ReviewListResponse(int Total, int Page, int PageSize, IReadOnlyList<ReviewResponse> Items);

/// <summary>The public reviews API: published reviews and a drug's aggregates, beside the drugs group's other lookups.</summary>
internal static class ReviewsApi
{
    public const int SummarySideEffects = 20;

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{slug}/reviews", ListAsync).WithName("ListDrugReviews").WithSummary("A drug's published reviews, filtered, sorted and paged")
            .WithDescription("condition: a condition slug or 'other'; age (0-2 ... 75-plus), sex (female, male, another), time (under-1-month, 1-6-months, " +
                "6-12-months, 1-2-years, 2-5-years, 5-10-years, 10-years-plus), role (patient, caregiver), rating (satisfaction of exactly 1 to 5 stars); " +
                "sort: newest (default), most-helpful, highest or lowest (by satisfaction, then newest); page from 1; size 10 (default) or 20. " +
                "People's own experience, not medical advice.");
        group.MapGet("/{slug}/reviews/summary", SummaryAsync).WithName("GetDrugReviewSummary")
            .WithSummary("A drug's review averages, rating distributions and most reported side effects")
            .WithDescription("Overall and per condition: the count, each rating's average (null under 5 reviews) and its 1-to-5-star distribution, and " +
                "how many stopped because of side effects; then the side effects reviewers reported most, with counts.");
        return group;
    }

    private static async Task<Results<Ok<ReviewListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string slug, string? condition, string? age, string? sex, string? time, string? role, string? rating, string? sort, string? page, string? size,
        ReviewQueries queries, CancellationToken cancellationToken)
    {
        var (filter, errors) = ReviewFilter.Parse(condition, age, sex, time, role, rating, sort, page, size);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        var drug = await DrugAsync(queries, slug, cancellationToken);
        if (drug.Drug is null)
            return NotFound(slug);

        var summary = await queries.SummaryAsync(drug.Id, 0, cancellationToken);
        var found = await queries.PageAsync(drug.Id, filter, summary, cancellationToken);
        if (found.UnknownCondition)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["condition"] = [$"No condition '{condition}'. Use a condition slug or 'other'."] });
        var drugSlug = drug.Drug.Slug;
        return TypedResults.Ok(new ReviewListResponse(found.Total, found.Page, found.PageSize, [.. found.Items.Select(r => new ReviewResponse(
            r.Id, r.AuthorName, r.AuthorCredentials, r.ConditionSlug, r.ConditionName, r.Effectiveness, r.EaseOfUse, r.Satisfaction, r.Text,
            ReviewChoices.Code(ReviewChoices.Roles, r.Role),
            r.Age is { } a ? ReviewChoices.Code(ReviewChoices.Ages, a) : null,
            r.Sex is { } s ? ReviewChoices.Code(ReviewChoices.Sexes, s) : null,
            r.Time is { } t ? ReviewChoices.Code(ReviewChoices.Times, t) : null,
            [.. r.SideEffects.Select(e => e.Label)], r.OtherSideEffects, r.StoppedForSideEffects, r.HelpfulCount, r.CreatedAt, r.UpdatedAt, r.Edited,
            $"/drugs/{drugSlug}/reviews/{r.Id}"))]));
    }

    private static async Task<Results<Ok<ReviewSummaryResponse>, ProblemHttpResult>> SummaryAsync(string slug, ReviewQueries queries, CancellationToken cancellationToken)
    {
        var drug = await DrugAsync(queries, slug, cancellationToken);
        if (drug.Drug is null)
            return NotFound(slug);
        var summary = await queries.SummaryAsync(drug.Id, SummarySideEffects, cancellationToken);
        return TypedResults.Ok(new ReviewSummaryResponse(drug.Drug.Slug, drug.Drug.Name, Ratings(summary.Overall), [.. summary.Conditions.Select(Ratings)],
            [.. summary.SideEffects.Select(e => new SideEffectResponse(e.Label, e.Serious, e.Count))]));
    }

    private static RatingsResponse Ratings(ReviewAverages a) => new(
        a.ConditionSlug, a.ConditionName, a.Count, new(a.Effectiveness.Average, a.Effectiveness.Stars), new(a.EaseOfUse.Average, a.EaseOfUse.Stars),
        new(a.Satisfaction.Average, a.Satisfaction.Stars), a.StoppedForSideEffects);

    // A brand or other name in place of the slug answers with the drug it names, as GET /api/v1/drugs/{slug} does.
    private static async Task<ReviewedDrug> DrugAsync(ReviewQueries queries, string slug, CancellationToken cancellationToken)
    {
        var drug = await queries.ResolveDrugAsync(slug, cancellationToken);
        return drug.RedirectToSlug is { } canonical ? await queries.ResolveDrugAsync(canonical, cancellationToken) : drug;
    }

    private static ProblemHttpResult NotFound(string slug) =>
        TypedResults.Problem(statusCode: 404, title: "Drug not found", detail: $"No drug '{slug}'. Try GET /api/v1/drugs/search?q={Uri.EscapeDataString(slug)}.");
}
