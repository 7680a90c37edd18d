using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>Who wrote the review: the person who took the medicine, or someone caring for them.</summary>
internal enum ReviewerRole
{
    Patient,
    Caregiver,
}

/// <summary>The age of the person who took the medicine, in the ranges WebMD-style review sites ask.</summary>
internal enum AgeRange
{
    Age0To2,
    Age3To6,
    Age7To12,
    Age13To18,
    Age19To24,
    Age25To34,
    Age35To44,
    Age45To54,
    Age55To64,
    Age65To74,
    Age75Plus,
}

internal enum ReviewerSex
{
    Female,
    Male,
    Another,
}

internal enum TimeOnMedicine
{
    LessThanOneMonth,
    OneToSixMonths,
    SixMonthsToOneYear,
    OneToTwoYears,
    TwoToFiveYears,
    FiveToTenYears,
    TenYearsOrMore,
}

/// <summary>
/// A patient's (or caregiver's) review of a drug for one condition. One per account, drug and condition (a unique
/// index): editing replaces the current text and ratings, and the previous version goes to <see cref="DrugReviewRevision"/>.
/// Only <see cref="ContentState.Published"/> reviews are shown to the public and counted in <see cref="DrugReviewStats"/>.
/// </summary>
internal sealed class DrugReview
{
    public long Id { get; set; }

    public int DrugId { get; set; }

    /// <summary>The catalogue condition it was taken for; null means "other".</summary>
    public int? ConditionId { get; set; }

    /// <summary>
    /// <see cref="ConditionId"/>, or <see cref="DrugReviewStats.OtherCondition"/> for "other": the unique key's and the
    /// aggregates' condition, where NULL would not compare equal.
    /// </summary>
    public int ConditionKey { get; set; }

    /// <summary>Null once the writer deleted their account and chose to keep their reviews ("Former member").</summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// The unique key's account part: the account id while there is one, "deleted:{review id}" after anonymising, so
    /// the (writer, drug, condition) index stays unique on both providers without NULL semantics.
    /// </summary>
    public required string WriterKey { get; set; }

    /// <summary>Shown as "Anonymous" instead of the display name, by the writer's choice.</summary>
    public bool Anonymous { get; set; }

    /// <summary>1 to 5.</summary>
    public int Effectiveness { get; set; }

    /// <summary>1 to 5.</summary>
    public int EaseOfUse { get; set; }

    /// <summary>1 to 5.</summary>
    public int Satisfaction { get; set; }

    /// <summary>Plain text with blank-line paragraphs, 20 to 5,000 characters. Never HTML: rendered as text.</summary>
    public required string Text { get; set; }

    /// <summary>SHA-256 (hex) of the normalised text: how the same words posted on several drugs are found.</summary>
    public required string TextHash { get; set; }

    public ReviewerRole Role { get; set; }

    public AgeRange? AgeRange { get; set; }

    public ReviewerSex? Sex { get; set; }

    public TimeOnMedicine? TimeOnMedicine { get; set; }

    /// <summary>Side effects in the writer's own words, beside the ones picked from the monograph's list.</summary>
    public string? OtherSideEffects { get; set; }

    /// <summary>Whether they stopped taking it because of side effects; null when not said.</summary>
    public bool? StoppedForSideEffects { get; set; }

    /// <summary>A serious side effect (hospital, emergency care, disability, life-threatening): the page then points to MedWatch.</summary>
    public bool SeriousSideEffect { get; set; }

    /// <summary>Decided when written: links in the text are clickable only when the account was old enough then (Moderation settings).</summary>
    public bool LinksClickable { get; set; }

    public ContentState State { get; set; }

    /// <summary>"Was this review helpful?" yes votes, kept with the row so sorting by helpfulness needs no join.</summary>
    public int HelpfulCount { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>1 for the first version; each edit adds one.</summary>
    public int Version { get; set; } = 1;

    public List<DrugReviewSideEffect> SideEffects { get; set; } = [];
}

/// <summary>A side effect picked from the drug monograph's listed side effects.</summary>
internal sealed class DrugReviewSideEffect
{
    public long ReviewId { get; set; }

    /// <summary>The normalised label: what counts group by.</summary>
    public required string Key { get; set; }

    /// <summary>As the monograph lists it: "Shakiness (tremor)".</summary>
    public required string Label { get; set; }

    /// <summary>Listed among the monograph's serious side effects.</summary>
    public bool Serious { get; set; }
}

/// <summary>A previous version of a review, kept when it is edited (the review's history).</summary>
internal sealed class DrugReviewRevision
{
    public long Id { get; set; }

    public long ReviewId { get; set; }

    public int Version { get; set; }

    public int Effectiveness { get; set; }

    public int EaseOfUse { get; set; }

    public int Satisfaction { get; set; }

    public required string Text { get; set; }

    /// <summary>The rest of the version (writer details, side effects) as JSON: history is read whole, never queried.</summary>
    public required string DetailsJson { get; set; }

    /// <summary>When this version was written (its own UpdatedAt), not when it was replaced.</summary>
    public DateTime WrittenAt { get; set; }
}

/// <summary>"Was this review helpful?": one per account per review; never the writer's own.</summary>
internal sealed class ReviewHelpfulVote
{
    public long ReviewId { get; set; }

    public required string AccountId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A drug's review aggregates for one condition (or all of them), kept up to date in the same transaction as every
/// change to a published review, by atomic increments, never recomputed per request. Counts only published reviews.
/// </summary>
internal sealed class DrugReviewStats
{
    /// <summary><see cref="ConditionKey"/> for the drug's figures over every condition.</summary>
    public const int AllConditions = 0;

    /// <summary><see cref="ConditionKey"/> for reviews whose condition is "other".</summary>
    public const int OtherCondition = -1;

    public int DrugId { get; set; }

    /// <summary>A condition id, or <see cref="AllConditions"/> or <see cref="OtherCondition"/>.</summary>
    public int ConditionKey { get; set; }

    public int Count { get; set; }

    public int EffectivenessSum { get; set; }

    public int EaseOfUseSum { get; set; }

    public int SatisfactionSum { get; set; }

    public int StoppedForSideEffects { get; set; }

    // How many reviews gave each star, per rating: the distribution bars.
    public int Effectiveness1 { get; set; }
    public int Effectiveness2 { get; set; }
    public int Effectiveness3 { get; set; }
    public int Effectiveness4 { get; set; }
    public int Effectiveness5 { get; set; }
    public int EaseOfUse1 { get; set; }
    public int EaseOfUse2 { get; set; }
    public int EaseOfUse3 { get; set; }
    public int EaseOfUse4 { get; set; }
    public int EaseOfUse5 { get; set; }
    public int Satisfaction1 { get; set; }
    public int Satisfaction2 { get; set; }
    public int Satisfaction3 { get; set; }
    public int Satisfaction4 { get; set; }
    public int Satisfaction5 { get; set; }
}

/// <summary>How many published reviews of a drug report a side effect (the "most reported side effects" list).</summary>
internal sealed class DrugSideEffectStats
{
    public int DrugId { get; set; }

    public required string Key { get; set; }

    public required string Label { get; set; }

    public bool Serious { get; set; }

    public int Count { get; set; }
}
