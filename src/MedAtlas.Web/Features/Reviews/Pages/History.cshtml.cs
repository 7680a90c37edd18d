using System.Text.Json;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Reviews.Pages;

/// <summary>A review's versions, newest first: for its author and for moderators; anyone else gets 404.</summary>
[Authorize]
internal sealed class HistoryModel(ReviewFormSource source) : PageModel
{
    public ReviewFormView View { get; private set; } = null!;

    public DrugReview Review { get; private set; } = null!;

    /// <summary>The current version first, then the earlier ones, newest first.</summary>
    public IReadOnlyList<ReviewVersionView> Versions { get; private set; } = [];

    public bool IsAuthor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id, CancellationToken cancellationToken)
    {
        var (drug, answer) = await source.ResolveAsync(slug, $"/reviews/{id}/history", cancellationToken);
        if (drug is null)
            return answer!;
        View = await source.ViewAsync(drug, cancellationToken);
        var accountId = User.AccountId()!;
        if (await source.FindAsync(id, View.DrugId, accountId, User.IsInRole(StaffRoles.Moderator), cancellationToken) is not { } review)
            return NotFound();
        Review = review;
        IsAuthor = review.AccountId == accountId;
        var revisions = await source.RevisionsAsync(review.Id, cancellationToken);
        Versions = [ReviewVersionView.Of(review), .. revisions.Select(r => ReviewVersionView.Of(r, Read(r.DetailsJson)))];
        return Page();
    }

    // The store writes what it kept; a version whose details cannot be read still shows its ratings and text.
    private static RevisionDetails? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RevisionDetails>(json, ReviewStore.RevisionJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One version of a review as the history page lists it; <see cref="Details"/> is null for an old version whose details could not be read.</summary>
internal sealed record ReviewVersionView(
    int Version, bool Current, DateTime WrittenAt, int Effectiveness, int EaseOfUse, int Satisfaction, string Text, RevisionDetails? Details)
{
    public static ReviewVersionView Of(DrugReview r) => new(
        r.Version, true, r.UpdatedAt, r.Effectiveness, r.EaseOfUse, r.Satisfaction, r.Text,
        new RevisionDetails(r.ConditionId, r.Role, r.AgeRange, r.Sex, r.TimeOnMedicine, [.. r.SideEffects.Select(s => new PickedSideEffect(s.Label, s.Serious))],
            r.OtherSideEffects, r.StoppedForSideEffects, r.SeriousSideEffect, r.Anonymous));

    public static ReviewVersionView Of(DrugReviewRevision r, RevisionDetails? details) =>
        new(r.Version, false, r.WrittenAt, r.Effectiveness, r.EaseOfUse, r.Satisfaction, r.Text, details);
}

/// <summary>An earlier version's details, as <see cref="ReviewStore"/> keeps them in <see cref="DrugReviewRevision.DetailsJson"/>.</summary>
internal sealed record RevisionDetails(
    int? ConditionId, ReviewerRole Role, AgeRange? AgeRange, ReviewerSex? Sex, TimeOnMedicine? TimeOnMedicine,
    IReadOnlyList<PickedSideEffect>? SideEffects, string? OtherSideEffects, bool? StoppedForSideEffects, bool SeriousSideEffect, bool Anonymous);
