using System.Globalization;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>
/// A review as the form posts it: every field as typed (ratings too, so "five" gets our message beside the group
/// instead of the model binder's). <see cref="ToInput"/> judges it against the drug's conditions and listed side
/// effects and gives the store's <see cref="ReviewInput"/>, or the messages. The messages live here, once, for
/// the write and edit pages (and an API twin later).
/// </summary>
internal sealed class ReviewForm
{
    /// <summary>What the condition list posts for "a condition not in the list".</summary>
    public const string OtherCondition = "other";

    /// <summary>A condition's slug, or <see cref="OtherCondition"/>.</summary>
    public string? Condition { get; set; }

    public string? Effectiveness { get; set; }

    public string? EaseOfUse { get; set; }

    public string? Satisfaction { get; set; }

    public string? Text { get; set; }

    /// <summary>"Patient" or "Caregiver".</summary>
    public string? Role { get; set; }

    public string? AgeRange { get; set; }

    public string? Sex { get; set; }

    public string? TimeOnMedicine { get; set; }

    /// <summary>The labels of the listed side effects ticked, as the monograph lists them.</summary>
    public List<string> SideEffects { get; set; } = [];

    public string? OtherSideEffects { get; set; }

    /// <summary>"yes", "no", or empty for not said.</summary>
    public string? Stopped { get; set; }

    /// <summary>"true" when ticked (a checkbox posts nothing when not).</summary>
    public string? SeriousSideEffect { get; set; }

    public string? Anonymous { get; set; }

    public static bool IsChecked(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public bool Picked(string label) => SideEffects.Contains(label, StringComparer.OrdinalIgnoreCase);

    /// <summary>The form filled in from a saved review (the edit page).</summary>
    public static ReviewForm From(DrugReview review, IReadOnlyList<ConditionRef> conditions) => new()
    {
        Condition = review.ConditionId is { } id ? conditions.FirstOrDefault(c => c.Id == id)?.Slug ?? OtherCondition : OtherCondition,
        Effectiveness = review.Effectiveness.ToString(CultureInfo.InvariantCulture),
        EaseOfUse = review.EaseOfUse.ToString(CultureInfo.InvariantCulture),
        Satisfaction = review.Satisfaction.ToString(CultureInfo.InvariantCulture),
        Text = review.Text,
        Role = review.Role.ToString(),
        AgeRange = review.AgeRange?.ToString(),
        Sex = review.Sex?.ToString(),
        TimeOnMedicine = review.TimeOnMedicine?.ToString(),
        SideEffects = [.. review.SideEffects.Select(s => s.Label)],
        OtherSideEffects = review.OtherSideEffects,
        Stopped = review.StoppedForSideEffects switch { true => "yes", false => "no", null => "" },
        SeriousSideEffect = review.SeriousSideEffect ? "true" : null,
        Anonymous = review.Anonymous ? "true" : null,
    };

    /// <summary>
    /// The review to store, or null with a message under <paramref name="prefix"/>.Field for each thing to fix.
    /// <paramref name="conditions"/> is the whole catalogue (a review may name any condition, not only the listed uses).
    /// </summary>
    public ReviewInput? ToInput(ModelStateDictionary state, string prefix, IReadOnlyList<ConditionRef> conditions, SideEffectList listed)
    {
        var ok = true;
        void Problem(string field, string message)
        {
            state.AddModelError($"{prefix}.{field}", message);
            ok = false;
        }

        int? conditionId = null;
        var condition = Condition?.Trim() ?? "";
        if (condition.Length == 0)
            Problem(nameof(Condition), "Choose the condition you took it for, or “Other”.");
        else if (!string.Equals(condition, OtherCondition, StringComparison.OrdinalIgnoreCase))
        {
            if (conditions.FirstOrDefault(c => string.Equals(c.Slug, condition, StringComparison.OrdinalIgnoreCase)) is { } found)
                conditionId = found.Id;
            else
                Problem(nameof(Condition), $"“{Short(condition)}” is not a condition we know. Choose one from the list, or “Other”.");
        }

        int Rating(string? value, string field, string words)
        {
            var typed = value?.Trim() ?? "";
            if (typed.Length == 0)
            {
                Problem(field, $"Rate {words} from 1 to 5.");
                return 0;
            }

            if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5)
                return n;
            Problem(field, $"Rate {words} from 1 to 5; “{Short(typed)}” is not one of the choices.");
            return 0;
        }

        var effectiveness = Rating(Effectiveness, nameof(Effectiveness), "how well it worked");
        var easeOfUse = Rating(EaseOfUse, nameof(EaseOfUse), "how easy it was to use");
        var satisfaction = Rating(Satisfaction, nameof(Satisfaction), "how satisfied you are");

        var text = UserText.Normalize(WithoutControls(Text));
        if (text.Length == 0)
            Problem(nameof(Text), $"Write about your experience with the medicine (at least {DrugReviewConfiguration.TextMinLength} characters).");
        else if (text.Length < DrugReviewConfiguration.TextMinLength)
            Problem(nameof(Text), $"Write at least {DrugReviewConfiguration.TextMinLength} characters; this is {text.Length}.");
        else if (text.Length > DrugReviewConfiguration.TextMaxLength)
            Problem(nameof(Text), $"Keep your review to {DrugReviewConfiguration.TextMaxLength:N0} characters; this is {text.Length:N0}.");

        T? Choice<T>(string? value, string field, string message) where T : struct, Enum
        {
            var typed = value?.Trim() ?? "";
            if (typed.Length == 0)
                return null;
            // Names only: Enum.TryParse would also take "3" or "1,2".
            if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, typed, StringComparison.OrdinalIgnoreCase)) is { } name)
                return Enum.Parse<T>(name);
            Problem(field, message);
            return null;
        }

        var role = Choice<ReviewerRole>(Role, nameof(Role), "Choose whether you took it yourself or care for someone who did.") ?? ReviewerRole.Patient;
        var age = Choice<AgeRange>(AgeRange, nameof(AgeRange), "Choose an age range from the list, or leave it empty.");
        var sex = Choice<ReviewerSex>(Sex, nameof(Sex), "Choose from the list, or leave it empty.");
        var time = Choice<TimeOnMedicine>(TimeOnMedicine, nameof(TimeOnMedicine), "Choose how long from the list, or leave it empty.");

        var picked = new List<PickedSideEffect>();
        foreach (var label in SideEffects.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (listed.Find(label) is { } known)
            {
                if (!picked.Any(p => p.Label == known.Label))
                    picked.Add(new PickedSideEffect(known.Label, known.Serious));
            }
            else
            {
                Problem(nameof(SideEffects), $"“{Short(label)}” is not in this medicine's list. Write it under “Other side effects” instead.");
            }
        }

        var other = UserText.Normalize(WithoutControls(OtherSideEffects));
        if (other.Length > DrugReviewConfiguration.OtherSideEffectsMaxLength)
            Problem(nameof(OtherSideEffects), $"Keep other side effects to {DrugReviewConfiguration.OtherSideEffectsMaxLength} characters; this is {other.Length:N0}.");

        bool? stopped = (Stopped?.Trim().ToLowerInvariant() ?? "") switch
        {
            "yes" => true,
            "no" => false,
            "" => null,
            _ => Fail(),
        };
        bool? Fail()
        {
            Problem(nameof(Stopped), "Choose yes, no, or “I'd rather not say”.");
            return null;
        }

        if (!ok)
            return null;
        return new ReviewInput(
            conditionId, effectiveness, easeOfUse, satisfaction, text, role, age, sex, time, picked,
            other.Length == 0 ? null : other, stopped, IsChecked(SeriousSideEffect), IsChecked(Anonymous));
    }

    /// <summary>The write page's refusal of a second review for one drug and condition (the page adds the link to the first).</summary>
    public static string AlreadyReviewed(string drugName, string conditionName) =>
        $"You have already reviewed {drugName} for {conditionName}. Edit that review instead, or choose another condition.";

    /// <summary>The edit page's refusal to move a review to a condition the person reviewed in another review.</summary>
    public static string AnotherReviewThere(string drugName, string conditionName) =>
        $"You have another review of {drugName} for {conditionName}. Edit that one instead, or keep this review's condition.";

    // Control characters are nothing a person types (a bell, an escape): they go, line breaks and tabs stay. A NUL never
    // gets here: the framework answers 400 to a form with one, and PostgreSQL could not store it.
    private static string WithoutControls(string? text) =>
        text is null ? "" : string.Concat(text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t'));

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>The review's choices in words, as the form and the history page show them.</summary>
internal static class ReviewWords
{
    public static string Of(ReviewerRole role) => role switch
    {
        ReviewerRole.Caregiver => "A caregiver (for someone who took it)",
        _ => "The person who took it",
    };

    // Ages, sexes and times in the same words as the list's filters and labels (ReviewChoices).
    public static string Of(AgeRange age) => ReviewChoices.Label(ReviewChoices.Ages, age);

    public static string Of(ReviewerSex sex) => ReviewChoices.Label(ReviewChoices.Sexes, sex);

    public static string Of(TimeOnMedicine time) => ReviewChoices.Label(ReviewChoices.Times, time);

    /// <summary>The three ratings: the field, the question, and the words for 1 and for 5 stars.</summary>
    public static readonly IReadOnlyList<(string Field, string Question, string One, string Five)> Ratings =
    [
        (nameof(ReviewForm.Effectiveness), "Effectiveness: how well did it work for you?", "not at all", "very well"),
        (nameof(ReviewForm.EaseOfUse), "Ease of use: how easy was it to take or use?", "very hard", "very easy"),
        (nameof(ReviewForm.Satisfaction), "Satisfaction: how satisfied are you with it overall?", "not at all", "very satisfied"),
    ];
}
