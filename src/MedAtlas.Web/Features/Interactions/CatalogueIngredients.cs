using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Features.Interactions;

/// <summary>
/// The catalogue's ingredients by every name a list may use for them: the ingredient itself, any name of a
/// single-ingredient drug ("acetylsalicylic acid" is aspirin when the catalogue lists that name), and a name
/// without its salt ("warfarin sodium" is warfarin). The one resolver of list names: the interaction index resolves
/// every imported rule's names with it each time it is built (so a rule follows the catalogue as it grows, whatever
/// was imported first), and the list importers use it only to warn about names that match nothing yet.
/// </summary>
internal sealed class CatalogueIngredients
{
    private readonly Dictionary<string, string> byName;
    private readonly Dictionary<string, Match> resolved = new(StringComparer.Ordinal);

    private CatalogueIngredients(Dictionary<string, string> byName) => this.byName = byName;

    /// <summary>Matched: the key is a catalogue ingredient. Otherwise the key is the normalized name, which drugs imported later may match.</summary>
    internal readonly record struct Match(string Key, bool Matched);

    public static async Task<CatalogueIngredients> LoadAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await LoadAsync(scope.ServiceProvider.GetRequiredService<DrugLinks>(), cancellationToken);
    }

    public static async Task<CatalogueIngredients> LoadAsync(DrugLinks links, CancellationToken cancellationToken)
    {
        var ingredients = await links.IngredientsAsync(cancellationToken);
        // Starter entries first: where two drugs claim a name, the curated one wins (as in DrugMatcher).
        var names = await links.SingleIngredientNamesAsync(cancellationToken);

        // An ingredient's own name beats a drug name that happens to equal it.
        var byName = ingredients.ToDictionary(i => i, i => i, StringComparer.Ordinal);
        foreach (var drug in names)
        {
            foreach (var name in drug.Names)
                byName.TryAdd(name, drug.Ingredient);
        }

        return new CatalogueIngredients(byName);
    }

    public Match Resolve(string name)
    {
        if (resolved.TryGetValue(name, out var match))
            return match;

        // Lists repeat a few thousand names over hundreds of thousands of rows: each is normalized once, and the
        // rules hold references to these few thousand keys rather than a copy per row.
        var normalized = SearchText.Normalize(name);
        if (byName.TryGetValue(normalized, out var ingredient) || byName.TryGetValue(DrugMatcher.BaseName(name), out ingredient))
            match = new Match(ingredient, Matched: true);
        else
            match = new Match(normalized, Matched: false);

        resolved[name] = match;
        return match;
    }
}
