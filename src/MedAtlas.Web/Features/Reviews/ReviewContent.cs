using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>Drug reviews as the moderation core sees them (<see cref="IModeratedContent"/>).</summary>
internal sealed class ReviewContent(MedAtlasDbContext db, ReviewStore store, DrugCatalog drugs, ConditionCatalog conditions) : IModeratedContent
{
    public string Type => ReviewStore.ContentType;

    public string Label => "Drug review";

    public async Task<ModeratedItem?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var review = await db.Set<DrugReview>().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Id, r.DrugId, r.ConditionId, r.AccountId, r.Text, r.State, r.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (review is null)
            return null;

        var drug = (await drugs.LinksAsync([review.DrugId], cancellationToken)).GetValueOrDefault(review.DrugId);
        var condition = review.ConditionId is { } conditionId
            ? (await conditions.ByIdsAsync([conditionId], cancellationToken)).GetValueOrDefault(conditionId)?.Name
            : null;
        var drugName = drug?.Name ?? "a medicine";
        var title = $"Review of {drugName} for {(condition is null ? "another condition" : condition.ToLowerInvariant())}";
        return new ModeratedItem(Type, review.Id, review.AccountId, title, review.Text, ReviewPaths.Review(drug?.Slug ?? "", review.Id), review.State, review.CreatedAt);
    }

    public Task<bool> SetStateAsync(long id, ContentState from, ContentState to, CancellationToken cancellationToken) =>
        store.SetStateAsync(id, from, to, cancellationToken);

    public Task<int> PublishedCountAsync(string authorId, CancellationToken cancellationToken) =>
        db.Set<DrugReview>().CountAsync(r => r.AccountId == authorId && r.State == ContentState.Published, cancellationToken);
}

/// <summary>Where reviews live on the site.</summary>
internal static class ReviewPaths
{
    public static string List(string drugSlug) => $"/drugs/{drugSlug}/reviews";

    /// <summary>A review in the drug's list, by its anchor; the list shows its author a review that is not public.</summary>
    public static string Review(string drugSlug, long id) => $"/drugs/{drugSlug}/reviews/{id}";

    public static string Write(string drugSlug) => $"/drugs/{drugSlug}/reviews/write";

    public static string Edit(string drugSlug, long id) => $"/drugs/{drugSlug}/reviews/{id}/edit";

    public static string History(string drugSlug, long id) => $"/drugs/{drugSlug}/reviews/{id}/history";
}
