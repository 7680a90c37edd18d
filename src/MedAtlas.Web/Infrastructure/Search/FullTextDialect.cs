using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Search;

/// <summary>How each provider runs a full-text query over <c>search_documents</c>; reached through <see cref="IDatabaseDialect.FullText"/>.</summary>
internal interface IFullTextDialect
{
    /// <summary>
    /// The documents matching <paramref name="query"/> (all its words, or any of them with <paramref name="anyWord"/>),
    /// best first, ties by id so that pages do not overlap.
    /// </summary>
    Task<List<FullTextHit>> QueryAsync(
        MedAtlasDbContext db, FullTextQuery query, bool anyWord, IReadOnlyCollection<string>? kinds, string? scope,
        int limit, int offset, CancellationToken cancellationToken);
}

/// <summary>Unmapped row shape of both dialects' queries.</summary>
internal sealed class FullTextRow
{
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public double Rank { get; set; }
    public string? Snippet { get; set; }

    public FullTextHit ToHit() => new(Kind, Key, Title, Rank, Snippet ?? "");
}

/// <summary>
/// SQLite: the FTS5 table <c>search_documents_fts</c> (external content over <c>search_documents</c>, see the migration).
/// Each word goes in double quotes (a word holds no quote: <see cref="FullTextQuery"/>), so nothing the person typed
/// is FTS5 syntax; the prefix is FTS5's <c>"word"*</c>.
/// </summary>
internal sealed class SqliteFullText : IFullTextDialect
{
    // bm25 weights per column (title, body): a word in the title counts ten times one in the body.
    private const string Bm25 = "bm25(search_documents_fts, 10.0, 1.0)";

    public async Task<List<FullTextHit>> QueryAsync(
        MedAtlasDbContext db, FullTextQuery query, bool anyWord, IReadOnlyCollection<string>? kinds, string? scope,
        int limit, int offset, CancellationToken cancellationToken)
    {
        var terms = query.Words.Select((w, i) => $"\"{w}\"" + (query.LastWordIsPrefix && i == query.Words.Count - 1 ? "*" : ""));
        var match = string.Join(anyWord ? " OR " : " ", terms);
        var parameters = new List<object> { match };
        var filters = "";
        if (kinds is { Count: > 0 })
        {
            parameters.Add(System.Text.Json.JsonSerializer.Serialize(kinds));
            filters += $" AND d.Kind IN (SELECT value FROM json_each({{{parameters.Count - 1}}}))";
        }

        if (scope is not null)
        {
            parameters.Add(scope);
            filters += $" AND d.Scope = {{{parameters.Count - 1}}}";
        }

        parameters.Add(limit);
        parameters.Add(offset);
        // snippet(): column 1 is the body (the caller shows the title anyway); char(2)/char(3) are FullTextHit's markers.
        var sql = $$"""
            SELECT d.Kind AS Kind, d.Key AS Key, d.Title AS Title, -{{Bm25}} AS Rank,
                   snippet(search_documents_fts, 1, char(2), char(3), '…', 24) AS Snippet
            FROM search_documents_fts JOIN search_documents AS d ON d.Id = search_documents_fts.rowid
            WHERE search_documents_fts MATCH {0}{{filters}}
            ORDER BY {{Bm25}}, d.Id
            LIMIT {{{parameters.Count - 2}}} OFFSET {{{parameters.Count - 1}}}
            """;
        var rows = await db.Database.SqlQueryRaw<FullTextRow>(sql, [.. parameters]).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToHit());
    }
}

/// <summary>
/// PostgreSQL: the generated <c>SearchVector</c> column (title weight A, body B) with its GIN index, in the text search
/// configuration <c>medatlas_english</c> (english stemming after unaccent; see the migration). The words become a
/// to_tsquery of plain lexemes joined by <c>&amp;</c> or <c>|</c>; a word is letters and digits only, so it carries
/// no tsquery operator.
/// </summary>
internal sealed class PostgresFullText : IFullTextDialect
{
    public const string Configuration = "medatlas_english";

    // ts_headline: about 24 words around the matches, up to two fragments; \u0002/\u0003 are FullTextHit's markers.
    private const string HeadlineOptions = "StartSel=\u0002, StopSel=\u0003, MaxWords=24, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<List<FullTextHit>> QueryAsync(
        MedAtlasDbContext db, FullTextQuery query, bool anyWord, IReadOnlyCollection<string>? kinds, string? scope,
        int limit, int offset, CancellationToken cancellationToken)
    {
        var terms = query.Words.Select((w, i) => w + (query.LastWordIsPrefix && i == query.Words.Count - 1 ? ":*" : ""));
        var parameters = new List<object> { string.Join(anyWord ? " | " : " & ", terms), HeadlineOptions };
        var filters = "";
        if (kinds is { Count: > 0 })
        {
            parameters.Add(kinds.ToArray());
            filters += $" AND d.\"Kind\" = ANY({{{parameters.Count - 1}}})";
        }

        if (scope is not null)
        {
            parameters.Add(scope);
            filters += $" AND d.\"Scope\" = {{{parameters.Count - 1}}}";
        }

        parameters.Add(limit);
        parameters.Add(offset);
        // ts_headline re-parses the body, so only for the page of hits, after ranking and paging.
        var sql = $$"""
            WITH q AS (SELECT to_tsquery('{{Configuration}}', {0}) AS query),
            ranked AS (
                SELECT d."Id", ts_rank(d."SearchVector", q.query)::float8 AS "Rank"
                FROM search_documents AS d, q
                WHERE d."SearchVector" @@ q.query{{filters}}
                ORDER BY "Rank" DESC, d."Id"
                LIMIT {{{parameters.Count - 2}}} OFFSET {{{parameters.Count - 1}}})
            SELECT d."Kind", d."Key", d."Title", ranked."Rank",
                   ts_headline('{{Configuration}}', d."Body", q.query, {1}) AS "Snippet"
            FROM ranked JOIN search_documents AS d ON d."Id" = ranked."Id", q
            ORDER BY ranked."Rank" DESC, d."Id"
            """;
        var rows = await db.Database.SqlQueryRaw<FullTextRow>(sql, [.. parameters]).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToHit());
    }
}
