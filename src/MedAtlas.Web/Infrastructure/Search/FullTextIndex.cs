using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Search;

/// <summary>
/// The one full-text index of user-written and editorial text (articles, community posts, questions), in the database:
/// SQLite FTS5 or a PostgreSQL tsvector, behind <see cref="IDatabaseDialect.FullText"/>. Scoped, on the caller's
/// context: <see cref="UpsertAsync"/> and <see cref="RemoveAsync"/> stage their change in that context, and the caller's
/// own <c>SaveChangesAsync</c> writes it together with the feature's row, in one transaction. A rolled-back write leaves
/// no index row, and no in-memory index needs rebuilding on each write.
/// </summary>
internal sealed class FullTextIndex(MedAtlasDbContext db, IDatabaseDialect dialect, TimeProvider clock)
{
    public const int MaxKindLength = 40;
    public const int MaxKeyLength = 200;
    public const int MaxTitleLength = 500;

    // PostgreSQL refuses a tsvector over 1 MB and keeps word positions only up to 16,383; a match beyond the first
    // 100,000 characters of one document is not worth either.
    public const int MaxBodyLength = 100_000;

    public const int MaxLimit = 100;

    /// <summary>
    /// Adds or replaces the document <paramref name="kind"/>/<paramref name="key"/>. Written by the caller's next
    /// SaveChangesAsync. Control characters (NUL, the snippet markers) become spaces.
    /// </summary>
    public async Task UpsertAsync(string kind, string key, string title, string body, string? scope = null, CancellationToken cancellationToken = default)
    {
        CheckName(kind, MaxKindLength, nameof(kind));
        CheckName(key, MaxKeyLength, nameof(key));
        if (scope is not null)
            CheckName(scope, MaxKeyLength, nameof(scope));
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);

        var document = await FindAsync(kind, key, cancellationToken);
        if (document is null)
        {
            document = new SearchDocument { Kind = kind, Key = key, Title = "", Body = "" };
            db.Set<SearchDocument>().Add(document);
        }

        document.Title = Clean(title, MaxTitleLength);
        document.Body = Clean(body, MaxBodyLength);
        document.Scope = scope;
        document.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>Removes the document if there is one; written by the caller's next SaveChangesAsync.</summary>
    public async Task RemoveAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(kind, key, cancellationToken) is { } document)
            db.Set<SearchDocument>().Remove(document);
    }

    /// <summary>
    /// The documents holding every word of <paramref name="query"/> (the last also as a prefix), best first: a title
    /// match ranks above a body match. <paramref name="kinds"/> null or empty means every kind; <paramref name="scope"/>
    /// keeps to one place. A query with no searchable word finds nothing; callers show
    /// <see cref="FullTextQuery.Problem"/> for input they should refuse.
    /// </summary>
    public async Task<IReadOnlyList<FullTextHit>> SearchAsync(
        string query, IReadOnlyCollection<string>? kinds = null, string? scope = null, int limit = 20, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (string.IsNullOrEmpty(query) || query.Length > FullTextQuery.MaxLength)
            return [];
        var parsed = FullTextQuery.ForSearch(query);
        if (parsed.IsEmpty)
            return [];
        return await dialect.FullText.QueryAsync(db, parsed, anyWord: false, kinds, scope, Math.Clamp(limit, 1, MaxLimit), offset, cancellationToken);
    }

    /// <summary>
    /// Documents of <paramref name="kind"/> that share the significant words of <paramref name="text"/> (any of them),
    /// best first: "is your question one of these?".
    /// </summary>
    public async Task<IReadOnlyList<FullTextHit>> SimilarAsync(string kind, string text, int limit = 5, CancellationToken cancellationToken = default)
    {
        CheckName(kind, MaxKindLength, nameof(kind));
        var parsed = FullTextQuery.ForSimilar(text ?? "");
        if (parsed.IsEmpty)
            return [];
        return await dialect.FullText.QueryAsync(db, parsed, anyWord: true, [kind], scope: null, Math.Clamp(limit, 1, MaxLimit), 0, cancellationToken);
    }

    private async Task<SearchDocument?> FindAsync(string kind, string key, CancellationToken cancellationToken) =>
        db.Set<SearchDocument>().Local.FirstOrDefault(d => d.Kind == kind && d.Key == key && db.Entry(d).State != EntityState.Deleted)
        ?? await db.Set<SearchDocument>().FirstOrDefaultAsync(d => d.Kind == kind && d.Key == key, cancellationToken);

    private static void CheckName(string value, int maxLength, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
            throw new ArgumentException($"{parameter} must be 1 to {maxLength} characters.", parameter);
    }

    private static string Clean(string text, int maxLength)
    {
        var cut = text.Length > maxLength ? text[..maxLength] : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) && source[i] is not '\n' and not '\t' ? ' ' : source[i];
        });
    }
}

internal static class FullTextServices
{
    public static IServiceCollection AddFullTextIndex(this IServiceCollection services) => services.AddScoped<FullTextIndex>();
}
