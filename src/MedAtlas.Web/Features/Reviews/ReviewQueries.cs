using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>How a list of reviews is ordered. Highest and lowest order by satisfaction, then newest first.</summary>
internal enum ReviewSort
{
    Newest,
    MostHelpful,
    Highest,
    Lowest,
}

/// <summary>One value of a review filter: what it is in the address (<see cref="Code"/>) and in words.</summary>
internal sealed record ReviewChoice<T>(T Value, string Code, string Label);

/// <summary>The review details' values with their address codes and words: the list's filters, the list itself and the API.</summary>
internal static class ReviewChoices
{
    public const string OtherCondition = "other";
    public const string OtherConditionLabel = "Other condition";

    public static readonly IReadOnlyList<ReviewChoice<AgeRange>> Ages =
    [
        new(AgeRange.Age0To2, "0-2", "0 to 2"), new(AgeRange.Age3To6, "3-6", "3 to 6"), new(AgeRange.Age7To12, "7-12", "7 to 12"),
        new(AgeRange.Age13To18, "13-18", "13 to 18"), new(AgeRange.Age19To24, "19-24", "19 to 24"), new(AgeRange.Age25To34, "25-34", "25 to 34"),
        new(AgeRange.Age35To44, "35-44", "35 to 44"), new(AgeRange.Age45To54, "45-54", "45 to 54"), new(AgeRange.Age55To64, "55-64", "55 to 64"),
        new(AgeRange.Age65To74, "65-74", "65 to 74"), new(AgeRange.Age75Plus, "75-plus", "75 or over"),
    ];

    public static readonly IReadOnlyList<ReviewChoice<ReviewerSex>> Sexes =
        [new(ReviewerSex.Female, "female", "Female"), new(ReviewerSex.Male, "male", "Male"), new(ReviewerSex.Another, "another", "Another")];

    public static readonly IReadOnlyList<ReviewChoice<TimeOnMedicine>> Times =
    [
        new(TimeOnMedicine.LessThanOneMonth, "under-1-month", "Less than 1 month"), new(TimeOnMedicine.OneToSixMonths, "1-6-months", "1 to 6 months"),
        new(TimeOnMedicine.SixMonthsToOneYear, "6-12-months", "6 months to 1 year"), new(TimeOnMedicine.OneToTwoYears, "1-2-years", "1 to 2 years"),
        new(TimeOnMedicine.TwoToFiveYears, "2-5-years", "2 to 5 years"), new(TimeOnMedicine.FiveToTenYears, "5-10-years", "5 to 10 years"),
        new(TimeOnMedicine.TenYearsOrMore, "10-years-plus", "10 years or more"),
    ];

    public static readonly IReadOnlyList<ReviewChoice<ReviewerRole>> Roles =
        [new(ReviewerRole.Patient, "patient", "The patient"), new(ReviewerRole.Caregiver, "caregiver", "A caregiver")];

    public static readonly IReadOnlyList<ReviewChoice<ReviewSort>> Sorts =
    [
        new(ReviewSort.Newest, "newest", "Newest first"), new(ReviewSort.MostHelpful, "most-helpful", "Most helpful first"),
        new(ReviewSort.Highest, "highest", "Highest satisfaction first"), new(ReviewSort.Lowest, "lowest", "Lowest satisfaction first"),
    ];

    public static readonly IReadOnlyList<int> PageSizes = [10, 20];

    public static string Label<T>(IReadOnlyList<ReviewChoice<T>> choices, T value) where T : struct, Enum =>
        choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Label;

    public static string Code<T>(IReadOnlyList<ReviewChoice<T>> choices, T value) where T : struct, Enum =>
        choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Code;

    public static string State(ContentState state) => state switch
    {
        ContentState.Held => "Waiting for a moderator: only you can see it until it is approved",
        ContentState.Hidden => "Hidden while a moderator looks at it: only you and moderators can see it",
        ContentState.Removed => "Removed by a moderator: only you can see it",
        _ => "Published",
    };
}

/// <summary>The filters, sort and page of a review list, parsed from the address; condition is a slug or "other".</summary>
internal sealed record ReviewFilter(
    string? Condition, AgeRange? Age, ReviewerSex? Sex, TimeOnMedicine? Time, ReviewerRole? Role, int? Rating, ReviewSort Sort, int Page, int PageSize)
{
    public static readonly ReviewFilter Default = new(null, null, null, null, null, null, ReviewSort.Newest, 1, 10);

    /// <summary>
    /// The filter from the address's values, and a message per parameter that is not understood (the page shows it
    /// beside the field and ignores the value; the API answers 400 naming it). The condition is checked by the query.
    /// </summary>
    public static (ReviewFilter Filter, Dictionary<string, string> Errors) Parse(
        string? condition, string? age, string? sex, string? time, string? role, string? rating, string? sort, string? page, string? size)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = new ReviewFilter(
            string.IsNullOrWhiteSpace(condition) ? null : condition.Trim().ToLowerInvariant(),
            Choice(ReviewChoices.Ages, age, "age", "Choose an age range from the list.", errors),
            Choice(ReviewChoices.Sexes, sex, "sex", "Choose female, male or another.", errors),
            Choice(ReviewChoices.Times, time, "time", "Choose a time on the medicine from the list.", errors),
            Choice(ReviewChoices.Roles, role, "role", "Choose the patient or a caregiver.", errors),
            null, ReviewSort.Newest, 1, 10);
        if (!string.IsNullOrEmpty(rating))
        {
            if (int.TryParse(rating, out var stars) && stars is >= 1 and <= 5)
                filter = filter with { Rating = stars };
            else
                errors["rating"] = "Choose a satisfaction rating from 1 to 5 stars.";
        }

        if (Choice(ReviewChoices.Sorts, sort, "sort", "Sort by newest, most-helpful, highest or lowest.", errors) is { } s)
            filter = filter with { Sort = s };
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, out var p) && p is >= 1 and <= 100_000)
                filter = filter with { Page = p };
            else
                errors["page"] = "Pages are numbered from 1.";
        }

        if (!string.IsNullOrEmpty(size))
        {
            if (int.TryParse(size, out var n) && ReviewChoices.PageSizes.Contains(n))
                filter = filter with { PageSize = n };
            else
                errors["size"] = "Show 10 or 20 reviews a page.";
        }

        return (filter, errors);
    }

    private static T? Choice<T>(IReadOnlyList<ReviewChoice<T>> choices, string? code, string name, string message, Dictionary<string, string> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(code))
            return null;
        var found = choices.FirstOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null)
            errors[name] = message;
        return found?.Value;
    }

    /// <summary>The address's query string for this filter, with the page given (defaults left out).</summary>
    public string Query(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        Add("condition", Condition);
        Add("age", Age is { } a ? ReviewChoices.Code(ReviewChoices.Ages, a) : null);
        Add("sex", Sex is { } s ? ReviewChoices.Code(ReviewChoices.Sexes, s) : null);
        Add("time", Time is { } t ? ReviewChoices.Code(ReviewChoices.Times, t) : null);
        Add("role", Role is { } r ? ReviewChoices.Code(ReviewChoices.Roles, r) : null);
        Add("rating", Rating?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("sort", Sort == ReviewSort.Newest ? null : ReviewChoices.Code(ReviewChoices.Sorts, Sort));
        Add("size", PageSize == 10 ? null : PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

/// <summary>One rating's figures: the average (null under the minimum count) and how many reviews gave each star.</summary>
/// <param name="Stars">Index 0 is one star, index 4 five stars.</param>
internal sealed record RatingFigures(double? Average, IReadOnlyList<int> Stars);

/// <summary>A drug's figures over all its reviews or for one condition; <see cref="ConditionSlug"/> null is overall, "other" is "other".</summary>
internal sealed record ReviewAverages(
    string? ConditionSlug, string ConditionName, int Count, RatingFigures Effectiveness, RatingFigures EaseOfUse, RatingFigures Satisfaction, int StoppedForSideEffects)
{
    public bool HasAverage => Count >= DrugReviewGlance.MinimumForAverage;
}

/// <summary>A drug's review summary, read from the aggregates tables (never counted per request).</summary>
/// <param name="ConditionsById">The conditions the summary names, kept so the page's reviews need not look them up again.</param>
internal sealed record DrugReviewSummary(
    ReviewAverages Overall, IReadOnlyList<ReviewAverages> Conditions, IReadOnlyList<ReportedSideEffect> SideEffects,
    IReadOnlyDictionary<int, ConditionRef> ConditionsById);

/// <summary>A review as the pages and the API show it. <see cref="AuthorId"/> is only for telling the viewer their own review: never shown.</summary>
internal sealed record ReviewView(
    long Id, string? AuthorId, string AuthorName, string? AuthorCredentials, string? ConditionSlug, string ConditionName,
    int Effectiveness, int EaseOfUse, int Satisfaction, string Text, string TextHtml, ReviewerRole Role, AgeRange? Age, ReviewerSex? Sex,
    TimeOnMedicine? Time, IReadOnlyList<PickedSideEffect> SideEffects, string? OtherSideEffects, bool? StoppedForSideEffects,
    ContentState State, int HelpfulCount, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public bool Edited => Version > 1;
}

/// <summary>A page of published reviews; <see cref="UnknownCondition"/> when the filter named a condition that does not exist.</summary>
internal sealed record ReviewPage(int Total, int Page, int PageSize, IReadOnlyList<ReviewView> Items, bool UnknownCondition);

/// <summary>Where a reviews address leads: the drug (<see cref="Drug"/> and its id), a canonical slug, a search, or nowhere (all null).</summary>
internal sealed record ReviewedDrug(DrugMonograph? Drug, string? RedirectToSlug, string? SearchPath)
{
    public int Id => Drug?.Id ?? 0;
}

/// <summary>
/// The read side of drug reviews: a drug's summary (from <see cref="DrugReviewStats"/> and <see cref="DrugSideEffectStats"/>),
/// pages of published reviews with filters and sorts, one review, and what the author and moderators see beyond the
/// public list. Writers are shown through <see cref="Authors"/> (one query per page), conditions through
/// <see cref="ConditionCatalog"/>: this feature never reads the accounts' or conditions' tables.
/// </summary>
internal sealed class ReviewQueries(MedAtlasDbContext db, Authors authors, ConditionCatalog conditions, DrugCatalog drugs, DataStamps stamps, IMemoryCache cache)
{
    public const string Anonymous = "Anonymous";
    public const string FormerMember = "Former member";

    /// <summary>
    /// The drug a reviews address names, as the drug page resolves it: the drug and its id, or the canonical slug to
    /// redirect to (a brand name), or the search to send to (a name several drugs share), or nothing (404).
    /// </summary>
    public async Task<ReviewedDrug> ResolveDrugAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await drugs.ResolveAsync(slug, cancellationToken);
        return found.Elsewhere(slug) is { } elsewhere
            ? new ReviewedDrug(null, elsewhere.CanonicalSlug, elsewhere.SearchPath)
            : new ReviewedDrug(found.Drug, null, null);
    }

    /// <summary>
    /// The drug's aggregates as the reviews page and the API show them, kept in memory until the drug's review stamp
    /// moves (<see cref="ReviewStore.StampOf"/>), so a page view reads only its page of reviews.
    /// </summary>
    public async Task<DrugReviewSummary> SummaryAsync(int drugId, int sideEffects, CancellationToken cancellationToken)
    {
        var key = ("drug-review-summary", drugId, sideEffects, await stamps.CurrentAsync(ReviewStore.StampOf(drugId), cancellationToken));
        if (cache.TryGetValue(key, out DrugReviewSummary? kept) && kept is not null)
            return kept;
        var summary = await ReadSummaryAsync(drugId, sideEffects, cancellationToken);
        cache.Set(key, summary, TimeSpan.FromMinutes(10));
        return summary;
    }

    private async Task<DrugReviewSummary> ReadSummaryAsync(int drugId, int sideEffects, CancellationToken cancellationToken)
    {
        var rows = await db.Set<DrugReviewStats>().AsNoTracking().Where(s => s.DrugId == drugId && s.Count > 0).ToListAsync(cancellationToken);
        IReadOnlyList<ReportedSideEffect> effects = sideEffects > 0 && rows.Count > 0 ? await TopSideEffectsAsync(drugId, sideEffects, cancellationToken) : [];
        var links = await conditions.ByIdsAsync(rows.Where(r => r.ConditionKey > 0).Select(r => r.ConditionKey), cancellationToken);
        var overall = Averages(rows.FirstOrDefault(r => r.ConditionKey == DrugReviewStats.AllConditions) ?? new DrugReviewStats(), null, "All conditions");
        var perCondition = rows.Where(r => r.ConditionKey != DrugReviewStats.AllConditions)
            .Select(r => r.ConditionKey == DrugReviewStats.OtherCondition
                ? Averages(r, ReviewChoices.OtherCondition, ReviewChoices.OtherConditionLabel)
                : links.TryGetValue(r.ConditionKey, out var link) ? Averages(r, link.Slug, link.Name) : null)
            .OfType<ReviewAverages>()
            .OrderByDescending(a => a.Count).ThenBy(a => a.ConditionSlug == ReviewChoices.OtherCondition).ThenBy(a => a.ConditionName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new DrugReviewSummary(overall, perCondition, effects, links);
    }

    /// <summary>The drug's figures over every condition only (the drug page's section): one row by its key.</summary>
    public async Task<ReviewAverages> OverallAsync(int drugId, CancellationToken cancellationToken) =>
        Averages(await db.Set<DrugReviewStats>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.DrugId == drugId && s.ConditionKey == DrugReviewStats.AllConditions, cancellationToken) ?? new DrugReviewStats(),
            null, "All conditions");

    public async Task<IReadOnlyList<ReportedSideEffect>> TopSideEffectsAsync(int drugId, int count, CancellationToken cancellationToken) =>
        await db.Set<DrugSideEffectStats>().AsNoTracking()
            .Where(s => s.DrugId == drugId && s.Count > 0)
            .OrderByDescending(s => s.Count).ThenBy(s => s.Label)
            .Take(count)
            .Select(s => new ReportedSideEffect(s.Label, s.Serious, s.Count))
            .ToListAsync(cancellationToken);

    private static ReviewAverages Averages(DrugReviewStats s, string? slug, string name)
    {
        RatingFigures Figures(int sum, params int[] stars) =>
            new(s.Count >= DrugReviewGlance.MinimumForAverage ? Math.Round((double)sum / s.Count, 1, MidpointRounding.AwayFromZero) : null, stars);
        return new ReviewAverages(slug, name, s.Count,
            Figures(s.EffectivenessSum, s.Effectiveness1, s.Effectiveness2, s.Effectiveness3, s.Effectiveness4, s.Effectiveness5),
            Figures(s.EaseOfUseSum, s.EaseOfUse1, s.EaseOfUse2, s.EaseOfUse3, s.EaseOfUse4, s.EaseOfUse5),
            Figures(s.SatisfactionSum, s.Satisfaction1, s.Satisfaction2, s.Satisfaction3, s.Satisfaction4, s.Satisfaction5),
            s.StoppedForSideEffects);
    }

    /// <summary>
    /// A page of the drug's published reviews. <paramref name="summary"/> (already read for the page) gives the total
    /// when only the condition and the rating filter, so the common pages count nothing per request.
    /// </summary>
    public async Task<ReviewPage> PageAsync(int drugId, ReviewFilter filter, DrugReviewSummary? summary, CancellationToken cancellationToken)
    {
        var query = db.Set<DrugReview>().AsNoTracking().Where(r => r.DrugId == drugId && r.State == ContentState.Published);
        int? conditionId = null;
        if (filter.Condition == ReviewChoices.OtherCondition)
        {
            query = query.Where(r => r.ConditionId == null);
        }
        else if (filter.Condition is { } slug)
        {
            conditionId = (await conditions.FindAsync(slug, cancellationToken))?.Id;
            if (conditionId is null)
                return new ReviewPage(0, 1, filter.PageSize, [], UnknownCondition: true);
            query = query.Where(r => r.ConditionId == conditionId);
        }

        if (filter.Age is { } age)
            query = query.Where(r => r.AgeRange == age);
        if (filter.Sex is { } sex)
            query = query.Where(r => r.Sex == sex);
        if (filter.Time is { } time)
            query = query.Where(r => r.TimeOnMedicine == time);
        if (filter.Role is { } role)
            query = query.Where(r => r.Role == role);
        if (filter.Rating is { } rating)
            query = query.Where(r => r.Satisfaction == rating);

        var total = TotalFromSummary(filter, summary) ?? await query.CountAsync(cancellationToken);
        var page = Math.Min(filter.Page, Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        if (total > 0 && filter.Sort == ReviewSort.MostHelpful)
            return new ReviewPage(total, page, filter.PageSize,
                await ViewsAsync(await MostHelpfulRowsAsync(query, (page - 1) * filter.PageSize, filter.PageSize, cancellationToken), summary?.ConditionsById, cancellationToken),
                UnknownCondition: false);
        var ordered = filter.Sort switch
        {
            ReviewSort.Highest => query.OrderByDescending(r => r.Satisfaction).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            ReviewSort.Lowest => query.OrderBy(r => r.Satisfaction).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            _ => query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };
        var rows = total == 0 ? [] : await ordered.Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return new ReviewPage(total, page, filter.PageSize, await ViewsAsync(rows, summary?.ConditionsById, cancellationToken), UnknownCondition: false);
    }

    private static int? TotalFromSummary(ReviewFilter filter, DrugReviewSummary? summary)
    {
        if (summary is null || filter.Age is not null || filter.Sex is not null || filter.Time is not null || filter.Role is not null)
            return null;
        var figures = filter.Condition is null
            ? summary.Overall
            : summary.Conditions.FirstOrDefault(c => c.ConditionSlug == filter.Condition);
        if (figures is null)
            return filter.Condition is null ? null : 0;
        return filter.Rating is { } stars ? figures.Satisfaction.Stars[stars - 1] : figures.Count;
    }

    /// <summary>The drug's most helpful published reviews (the drug page's three).</summary>
    public async Task<IReadOnlyList<ReviewView>> MostHelpfulAsync(int drugId, int count, CancellationToken cancellationToken)
    {
        var rows = await MostHelpfulRowsAsync(
            db.Set<DrugReview>().AsNoTracking().Where(r => r.DrugId == drugId && r.State == ContentState.Published), 0, count, cancellationToken);
        return await ViewsAsync(rows, null, cancellationToken);
    }

    /// <summary>
    /// Most helpful first, ties newest first, in two reads: the reviews with votes (few, next to the thousands a
    /// popular drug has without any), then those without, newest first along the (drug, state, created) index. One
    /// ORDER BY over both made PostgreSQL sort every review of the drug per request (its helpful-count index cannot
    /// order the ties), 7 ms for 10,000 reviews on the drug page; the two reads take well under a millisecond.
    /// </summary>
    private static async Task<List<DrugReview>> MostHelpfulRowsAsync(IQueryable<DrugReview> query, int skip, int take, CancellationToken cancellationToken)
    {
        var voted = query.Where(r => r.HelpfulCount > 0);
        var rows = await voted.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        if (rows.Count == take)
            return rows;
        // The voted ones ended on this page, or before it (then their count says how far into the rest it starts).
        var votedCount = rows.Count > 0 || skip == 0 ? skip + rows.Count : await voted.CountAsync(cancellationToken);
        var rest = await query.Where(r => r.HelpfulCount == 0).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, skip - votedCount)).Take(take - rows.Count).ToListAsync(cancellationToken);
        return [.. rows, .. rest];
    }

    /// <summary>The account's own reviews of the drug that the public does not see (held, hidden, removed).</summary>
    public async Task<IReadOnlyList<ReviewView>> UnpublishedOfAuthorAsync(int drugId, string accountId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<DrugReview>().AsNoTracking()
            .Where(r => r.DrugId == drugId && r.AccountId == accountId && r.State != ContentState.Published)
            .OrderByDescending(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return await ViewsAsync(rows, null, cancellationToken);
    }

    /// <summary>How many of the drug's reviews are out of public view waiting for a moderator (hidden or held): the moderators' note.</summary>
    public Task<int> AwaitingModerationAsync(int drugId, CancellationToken cancellationToken) =>
        db.Set<DrugReview>().CountAsync(r => r.DrugId == drugId && (r.State == ContentState.Hidden || r.State == ContentState.Held), cancellationToken);

    /// <summary>One review of the drug in any state (the caller decides who may see a review that is not published), or null.</summary>
    public async Task<ReviewView?> FindAsync(int drugId, long reviewId, CancellationToken cancellationToken)
    {
        var row = await db.Set<DrugReview>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId && r.DrugId == drugId, cancellationToken);
        return row is null ? null : (await ViewsAsync([row], null, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<ReviewView>> ViewsAsync(List<DrugReview> rows, IReadOnlyDictionary<int, ConditionRef>? known, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Id).ToList();
        var effects = (await db.Set<DrugReviewSideEffect>().AsNoTracking().Where(s => ids.Contains(s.ReviewId))
                .Select(s => new { s.ReviewId, s.Label, s.Serious }).ToListAsync(cancellationToken))
            .ToLookup(s => s.ReviewId);
        var badges = await authors.BadgesAsync(rows.Where(r => !r.Anonymous && r.AccountId is not null).Select(r => r.AccountId!), cancellationToken);
        var links = known is null ? [] : new Dictionary<int, ConditionRef>(known);
        var missing = rows.Where(r => r.ConditionId is { } c && !links.ContainsKey(c)).Select(r => r.ConditionId!.Value);
        foreach (var (id, found) in await conditions.ByIdsAsync(missing, cancellationToken))
            links[id] = found;

        return [.. rows.Select(r =>
        {
            var badge = r.Anonymous || r.AccountId is null ? null : badges.GetValueOrDefault(r.AccountId);
            var name = r.Anonymous ? Anonymous : badge is { DisplayName.Length: > 0 } ? badge.DisplayName : FormerMember;
            var condition = r.ConditionId is { } id ? links.GetValueOrDefault(id) : null;
            return new ReviewView(
                r.Id, r.AccountId, name, badge?.ExpertCredentials,
                r.ConditionId is null ? ReviewChoices.OtherCondition : condition?.Slug,
                condition?.Name ?? ReviewChoices.OtherConditionLabel,
                r.Effectiveness, r.EaseOfUse, r.Satisfaction, r.Text, UserText.ToHtml(r.Text, r.LinksClickable), r.Role, r.AgeRange, r.Sex,
                r.TimeOnMedicine,
                [.. effects[r.Id].OrderByDescending(s => s.Serious).ThenBy(s => s.Label).Select(s => new PickedSideEffect(s.Label, s.Serious))],
                r.OtherSideEffects, r.StoppedForSideEffects, r.State, r.HelpfulCount, r.CreatedAt, r.UpdatedAt, r.Version);
        })];
    }
}
