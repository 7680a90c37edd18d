using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>What the review form shows for one drug: its conditions first, the rest of the catalogue, its listed side effects.</summary>
internal sealed record ReviewFormView(
    DrugMonograph Drug, int DrugId, IReadOnlyList<ConditionRef> DrugConditions, IReadOnlyList<ConditionRef> OtherConditions,
    IReadOnlyList<ConditionRef> AllConditions, SideEffectList SideEffects)
{
    public string ConditionName(int? conditionId) =>
        conditionId is { } id ? AllConditions.FirstOrDefault(c => c.Id == id)?.Name ?? "another condition" : "another condition";
}

/// <summary>Why a signed-in person may not write now: the address is not confirmed, or a moderator suspended them (the sentence says until when).</summary>
internal sealed record WriterGate(bool NeedsConfirmedEmail, string? Blocked);

/// <summary>
/// The write side's shared steps for the write, edit and history pages: the drug from the address (brand and old
/// slugs redirect as the drug page does), the form's choices, whether this person may write, and the person's own
/// review rows (one query shape that already filters by the account, so "not yours" and "none" are the same null).
/// </summary>
internal sealed class ReviewFormSource(DrugCatalog drugs, ConditionCatalog conditions, Authors authors, ContentModeration moderation, MedAtlasDbContext db)
{
    /// <summary>
    /// The drug at <paramref name="slug"/>, or the answer to give instead: a 301 to the canonical address with the same
    /// <paramref name="rest"/> ("/reviews/write"), the search for a brand several drugs share, or 404.
    /// </summary>
    public async Task<(DrugMonograph? Drug, IActionResult? Answer)> ResolveAsync(string slug, string rest, CancellationToken cancellationToken)
    {
        var found = await drugs.ResolveAsync(slug, cancellationToken);
        if (found.Elsewhere(slug) is { } elsewhere)
            return (null, elsewhere.CanonicalSlug is { } canonical
                ? new RedirectResult($"/drugs/{canonical}{rest}", permanent: true)
                : new RedirectResult(elsewhere.SearchPath!));
        return found.Drug is null ? (null, new NotFoundResult()) : (found.Drug, null);
    }

    public async Task<ReviewFormView> ViewAsync(DrugMonograph drug, CancellationToken cancellationToken)
    {
        var text = await drugs.SideEffectTextAsync(drug.Slug, cancellationToken)
            ?? throw new InvalidOperationException("The drug was resolved but its row is gone.");
        var all = await conditions.AllAsync(cancellationToken);
        var bySlug = all.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        List<ConditionRef> own = [.. drug.Conditions.Select(c => bySlug.GetValueOrDefault(c.Slug)).OfType<ConditionRef>()];
        var ownIds = own.Select(c => c.Id).ToHashSet();
        return new ReviewFormView(drug, text.DrugId, own, [.. all.Where(c => !ownIds.Contains(c.Id))], all,
            SideEffectList.Parse(text.SideEffects, text.SeriousSideEffects));
    }

    /// <summary>Null when the person may write a review now.</summary>
    public async Task<WriterGate?> GateAsync(string accountId, CancellationToken cancellationToken)
    {
        var standing = await authors.StandingAsync(accountId, cancellationToken);
        if (standing is null || !standing.EmailConfirmed)
            return new WriterGate(true, null);
        return await moderation.BlockedAsync(accountId, cancellationToken) is { } sentence ? new WriterGate(false, sentence) : null;
    }

    /// <summary>The person's review of this drug for this condition (null = other), if they wrote one: the "one review per condition" check.</summary>
    public Task<long?> ExistingAsync(string accountId, int drugId, int? conditionId, CancellationToken cancellationToken)
    {
        var key = ReviewStore.ConditionKeyOf(conditionId);
        return db.Set<DrugReview>().AsNoTracking()
            .Where(r => r.AccountId == accountId && r.DrugId == drugId && r.ConditionKey == key)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The review with its side effects when it is this drug's and <paramref name="accountId"/> wrote it (or, with <paramref name="orModerator"/>, anyone's); else null.</summary>
    public Task<DrugReview?> FindAsync(long id, int drugId, string accountId, bool orModerator, CancellationToken cancellationToken) =>
        db.Set<DrugReview>().AsNoTracking().Include(r => r.SideEffects)
            .Where(r => r.Id == id && r.DrugId == drugId && (orModerator || r.AccountId == accountId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The earlier versions of a review, newest first (the current one is the review row itself).</summary>
    public Task<List<DrugReviewRevision>> RevisionsAsync(long reviewId, CancellationToken cancellationToken) =>
        db.Set<DrugReviewRevision>().AsNoTracking().Where(r => r.ReviewId == reviewId).OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
}
