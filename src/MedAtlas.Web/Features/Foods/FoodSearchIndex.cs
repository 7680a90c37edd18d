using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Foods;

/// <summary>
/// Food search. PLACEHOLDER (issue 16, task foods): a plain name match until the typo-tolerant in-memory index lands.
/// </summary>
internal sealed class FoodSearchIndex(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<FoodHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var foods = db.Set<Food>().AsNoTracking();
        foreach (var word in words)
            foods = foods.Where(f => EF.Functions.Like(f.Name, "%" + word + "%"));
        return await foods.OrderBy(f => f.Name.Length).Take(limit)
            .Join(db.Set<FoodGroup>(), f => f.GroupCode, g => g.Code, (f, g) => new FoodHit(f.Id, f.Name, g.Name, null))
            .ToListAsync(cancellationToken);
    }
}
