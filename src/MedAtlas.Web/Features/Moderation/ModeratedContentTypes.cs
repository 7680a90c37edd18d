namespace MedAtlas.Web.Features.Moderation;

/// <summary>The registered content types by their <see cref="IModeratedContent.Type"/> key.</summary>
internal sealed class ModeratedContentTypes(IEnumerable<IModeratedContent> types)
{
    private readonly Dictionary<string, IModeratedContent> byType = types.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public IModeratedContent? Find(string? type) => type is not null && byType.TryGetValue(type, out var found) ? found : null;

    /// <summary>The item of a case, or null when its type is no longer registered or the item is gone.</summary>
    public async Task<ModeratedItem?> ItemAsync(string type, long id, CancellationToken cancellationToken) =>
        Find(type) is { } content ? await content.FindAsync(id, cancellationToken) : null;

    public string Label(string type) => Find(type)?.Label ?? type;
}
