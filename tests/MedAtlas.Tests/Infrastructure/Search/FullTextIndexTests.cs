using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Search;

/// <summary>
/// The shared full-text index on the real database of the run (SQLite FTS5 or PostgreSQL tsvector). Each test writes
/// its own kind, so tests share one app without seeing each other's documents.
/// </summary>
public sealed class FullTextIndexTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task IndexAsync(params (string Kind, string Key, string Title, string Body, string? Scope)[] documents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<FullTextIndex>();
        foreach (var d in documents)
            await index.UpsertAsync(d.Kind, d.Key, d.Title, d.Body, d.Scope, Ct);
        await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync(Ct);
    }

    private async Task<IReadOnlyList<FullTextHit>> SearchAsync(string query, string kind, string? scope = null, int limit = 20, int offset = 0)
    {
        await using var serviceScope = app.Services.CreateAsyncScope();
        return await serviceScope.ServiceProvider.GetRequiredService<FullTextIndex>().SearchAsync(query, [kind], scope, limit, offset, Ct);
    }

    private async Task<IReadOnlyList<FullTextHit>> SimilarAsync(string kind, string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FullTextIndex>().SimilarAsync(kind, text, 5, Ct);
    }

    private static (string, string, string, string, string?) Doc(string kind, string key, string title, string body, string? scope = null) =>
        (kind, key, title, body, scope);

    [Fact]
    public async Task A_document_is_found_by_a_word_of_its_title_or_its_body()
    {
        await IndexAsync(Doc("t-find", "1", "What are insulin pumps?", "A small device worn on the belly delivers insulin through a catheter."));

        Assert.Equal("1", Assert.Single(await SearchAsync("pumps", "t-find")).Key);
        Assert.Equal("1", Assert.Single(await SearchAsync("catheter", "t-find")).Key);
        Assert.Equal("1", Assert.Single(await SearchAsync("Catheter BELLY", "t-find")).Key);
        Assert.Empty(await SearchAsync("catheter asthma", "t-find"));
        Assert.Equal("What are insulin pumps?", (await SearchAsync("pumps", "t-find"))[0].Title);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_text_and_keeps_one_document()
    {
        await IndexAsync(Doc("t-update", "7", "Old title", "Mentions asthma inhalers."));
        await IndexAsync(Doc("t-update", "7", "New title", "Mentions hay fever instead."));

        Assert.Empty(await SearchAsync("asthma", "t-update"));
        var hit = Assert.Single(await SearchAsync("fever", "t-update"));
        Assert.Equal("New title", hit.Title);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind == "t-update", Ct)));
    }

    [Fact]
    public async Task Upserting_twice_before_saving_writes_one_document()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var index = scope.ServiceProvider.GetRequiredService<FullTextIndex>();
            await index.UpsertAsync("t-twice", "1", "First", "first text", cancellationToken: Ct);
            await index.UpsertAsync("t-twice", "1", "Second", "second text", cancellationToken: Ct);
            await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync(Ct);
        }

        Assert.Equal("Second", Assert.Single(await SearchAsync("text", "t-twice")).Title);
    }

    [Fact]
    public async Task A_removed_document_is_not_found()
    {
        await IndexAsync(Doc("t-remove", "1", "Gout", "Uric acid crystals in a joint."), Doc("t-remove", "2", "Gout diet", "Less purine."));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var index = scope.ServiceProvider.GetRequiredService<FullTextIndex>();
            await index.RemoveAsync("t-remove", "1", Ct);
            await index.RemoveAsync("t-remove", "no-such-key", Ct);
            await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync(Ct);
        }

        Assert.Equal("2", Assert.Single(await SearchAsync("gout", "t-remove")).Key);
        Assert.Empty(await SearchAsync("crystals", "t-remove"));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        await IndexAsync(
            Doc("t-rank", "body", "Living with a long illness", "Some people with migraine keep a diary of what they ate and how they slept."),
            Doc("t-rank", "title", "Migraine", "A headache with other signs: light hurts, and some people see zigzag lines first."));

        var hits = await SearchAsync("migraine", "t-rank");

        Assert.Equal(["title", "body"], hits.Select(h => h.Key));
        Assert.True(hits[0].Rank > hits[1].Rank);
    }

    [Fact]
    public async Task Scope_and_kind_keep_a_search_to_one_place()
    {
        await IndexAsync(
            Doc("t-scope", "a", "Walking after meals", "Walking helps blood sugar.", "diabetes"),
            Doc("t-scope", "b", "Walking with arthritis", "Walking eases stiff knees.", "arthritis"),
            Doc("t-scope-other", "c", "Walking", "Another kind of document.", "diabetes"));

        Assert.Equal("a", Assert.Single(await SearchAsync("walking", "t-scope", scope: "diabetes")).Key);
        Assert.Equal(["a", "b"], (await SearchAsync("walking", "t-scope")).Select(h => h.Key).Order());
        await using var scope = app.Services.CreateAsyncScope();
        var both = await scope.ServiceProvider.GetRequiredService<FullTextIndex>().SearchAsync("walking", ["t-scope", "t-scope-other"], "diabetes", 20, 0, Ct);
        Assert.Equal(["a", "c"], both.Select(h => h.Key).Order());
    }

    [Fact]
    public async Task Pages_of_hits_do_not_overlap()
    {
        await IndexAsync([.. Enumerable.Range(1, 7).Select(i => Doc("t-page", $"{i}", $"Allergy note {i}", "Pollen and dust."))]);

        var first = await SearchAsync("pollen", "t-page", limit: 4);
        var second = await SearchAsync("pollen", "t-page", limit: 4, offset: 4);

        Assert.Equal(4, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Empty(first.Select(h => h.Key).Intersect(second.Select(h => h.Key)));
    }

    [Fact]
    public async Task The_snippet_marks_the_match_and_is_plain_text_to_encode()
    {
        await IndexAsync(Doc("t-snippet", "1", "Hives",
            "Hives are itchy welts. <script>alert(1)</script> They often follow an allergy to a food or a medicine, and fade within a day."));

        var hit = Assert.Single(await SearchAsync("allergy", "t-snippet"));

        Assert.Contains($"{FullTextHit.MatchStart}allergy{FullTextHit.MatchEnd}", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(FullTextHit.MatchStart, hit.SnippetText);
        var html = hit.SnippetHtml();
        Assert.Contains("<mark>allergy</mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_indexed_text_cannot_forge_a_match_marker()
    {
        await IndexAsync(Doc("t-markers", "1", "Markers\u0002", "Before \u0002fake\u0003 and a real eczema word, NUL\0 too."));

        var hit = Assert.Single(await SearchAsync("eczema", "t-markers"));

        Assert.Equal("<mark>eczema</mark>", string.Concat(System.Text.RegularExpressions.Regex.Matches(hit.SnippetHtml(), "<mark>[^<]*</mark>")));
        Assert.DoesNotContain('\0', hit.Snippet);
    }

    [Fact]
    public async Task A_word_finds_its_other_forms()
    {
        await IndexAsync(Doc("t-stem", "1", "Sugar log", "I checked my blood sugar twice and the readings were lower."));

        Assert.Single(await SearchAsync("checking readings", "t-stem"));
        Assert.Single(await SearchAsync("checks reading.", "t-stem"));
    }

    [Fact]
    public async Task Accents_and_case_do_not_matter_either_way()
    {
        await IndexAsync(Doc("t-accent", "1", "Café au lait spots", "Naïve questions about Ménière's disease."),
            Doc("t-accent", "2", "Plain cafe", "Meniere without accents."));

        Assert.Equal(["1", "2"], (await SearchAsync("CAFE", "t-accent")).Select(h => h.Key).Order());
        Assert.Equal(["1", "2"], (await SearchAsync("café", "t-accent")).Select(h => h.Key).Order());
        Assert.Equal(["1", "2"], (await SearchAsync("ménière", "t-accent")).Select(h => h.Key).Order());
        Assert.Equal("1", Assert.Single(await SearchAsync("naive", "t-accent")).Key);
    }

    [Fact]
    public async Task The_last_word_is_matched_as_the_start_of_a_word_while_typing()
    {
        await IndexAsync(Doc("t-prefix", "1", "Insulin pump basics", "Basal rate and bolus doses."));

        Assert.Single(await SearchAsync("insul", "t-prefix"));
        Assert.Single(await SearchAsync("pump bol", "t-prefix"));
        Assert.Empty(await SearchAsync("insul ", "t-prefix"));
    }

    // Operators of FTS5 and tsquery are plain words or separators: "NEAR", "title" and "drop" are words the document
    // does not hold, so those queries find nothing; the rest are "insulin" and "pump" in some wrapping.
    [Theory]
    [InlineData("\"insulin", true)]
    [InlineData("insulin\"", true)]
    [InlineData("insulin*", true)]
    [InlineData("-insulin", true)]
    [InlineData("insulin -pump", true)]
    [InlineData("(insulin) AND (pump", true)]
    [InlineData("insulin | pump & !", true)]
    [InlineData("insulin:*", true)]
    [InlineData("insulin:A", true)]
    [InlineData("insulin\0pump", true)]
    [InlineData("{insulin} ^pump", true)]
    [InlineData("insulin 💉 pump", true)]
    [InlineData("insulin NEAR pump", false)]
    [InlineData("NEAR(insulin pump)", false)]
    [InlineData("title:insulin", false)]
    [InlineData("insulin OR 1=1", false)]
    [InlineData("insulin'; DROP TABLE search_documents; --", false)]
    [InlineData("insulin' OR ''='", true)]
    public async Task Hostile_queries_are_words_only(string query, bool found)
    {
        await IndexAsync(Doc("t-hostile", "1", "Insulin pump", "Worn on the belly."), Doc("t-hostile", "2", "Asthma", "Inhalers."));

        var hits = await SearchAsync(query, "t-hostile");

        if (found)
            Assert.Equal("1", Assert.Single(hits).Key);
        else
            Assert.Empty(hits);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind == "t-hostile", Ct)));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData(":")]
    [InlineData("()")]
    [InlineData("\0")]
    [InlineData("NOT")]
    [InlineData("the and of")]
    [InlineData("💉")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Queries_without_a_searchable_word_find_nothing_without_failing(string query)
    {
        await IndexAsync(Doc("t-nothing", "1", "The and of", "Not a thing."));

        Assert.Empty(await SearchAsync(query, "t-nothing"));
    }

    [Fact]
    public async Task Unicode_words_of_other_scripts_are_found()
    {
        await IndexAsync(Doc("t-unicode", "1", "Диабет", "Сахарный диабет и инсулин."), Doc("t-unicode", "2", "Ελληνικά", "ινσουλίνη"));

        Assert.Equal("1", Assert.Single(await SearchAsync("инсулин", "t-unicode")).Key);
        Assert.Equal("2", Assert.Single(await SearchAsync("ινσουλίνη", "t-unicode")).Key);
    }

    [Fact]
    public async Task Similar_finds_a_reworded_question_first()
    {
        await IndexAsync(
            Doc("t-similar", "pump", "Can I swim while wearing an insulin pump?", "I just started on a pump and want to go swimming this summer."),
            Doc("t-similar", "diet", "What should I eat for breakfast with type 2 diabetes?", "My doctor said to watch carbohydrates."),
            Doc("t-similar", "sleep", "Why do I wake up with high blood sugar?", "My readings are high every morning."));

        var hits = await SimilarAsync("t-similar", "Is it safe to go swimming with my insulin pump on?");

        Assert.Equal("pump", hits[0].Key);
        Assert.DoesNotContain(hits, h => h.Key == "diet");
        Assert.Empty(await SimilarAsync("t-similar", "the and of it?"));
        Assert.Empty(await SimilarAsync("t-other-kind", "insulin pump swimming"));
    }

    [Fact]
    public async Task A_write_rolled_back_leaves_no_index_row()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<FullTextIndex>().UpsertAsync("t-rollback", "1", "Shingles", "A painful rash.", cancellationToken: Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        Assert.Empty(await SearchAsync("shingles", "t-rollback"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SearchDocument>().CountAsync(d => d.Kind == "t-rollback", Ct)));
    }

    [Theory]
    [InlineData("?!...", "letters or digits")]
    [InlineData("", "Type a word")]
    [InlineData("   ", "Type a word")]
    public void Unsearchable_input_gets_a_message_for_the_field(string query, string message) =>
        Assert.Contains(message, FullTextQuery.Problem(query), StringComparison.Ordinal);

    [Fact]
    public async Task Queries_over_200_characters_get_a_message_and_find_nothing()
    {
        var query = string.Concat(Enumerable.Repeat("insulin ", 26));

        Assert.Contains("at most 200", FullTextQuery.Problem(query), StringComparison.Ordinal);
        Assert.Null(FullTextQuery.Problem(query[..200]));
        Assert.Empty(await SearchAsync(query, "t-hostile"));
    }
}

/// <summary>The FullTextSearch migration goes down and up again on both providers (its raw SQL has a working Down).</summary>
public sealed class FullTextMigrationTests
{
    [Fact]
    public async Task The_full_text_migration_reverts_and_applies_again()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            // This migration's own Down, then its Up, as EF would run them, on the migrated database. (Migrating down to the
            // migration before it would also revert every later feature's migration, which is not what is tested here.)
            var assembly = db.GetService<IMigrationsAssembly>();
            var id = assembly.Migrations.Keys.Single(m => m.EndsWith("_FullTextSearch", StringComparison.Ordinal));
            var migration = assembly.CreateMigration(assembly.Migrations[id], db.Database.ProviderName!);
            var generator = db.GetService<IMigrationsSqlGenerator>();
            var executor = db.GetService<IMigrationCommandExecutor>();
            var connection = db.GetService<IRelationalConnection>();
            await executor.ExecuteNonQueryAsync(generator.Generate(migration.DownOperations), connection, ct);
            Assert.False(await TableExistsAsync(db, ct), "the Down left search_documents behind");
            await executor.ExecuteNonQueryAsync(generator.Generate(migration.UpOperations), connection, ct);
            return 0;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<FullTextIndex>();
        await index.UpsertAsync("t-migrate", "1", "Rosacea", "Redness of the face.", cancellationToken: ct);
        await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync(ct);
        Assert.Single(await index.SearchAsync("redness", ["t-migrate"], cancellationToken: ct));
    }

    private static async Task<bool> TableExistsAsync(MedAtlasDbContext db, CancellationToken ct)
    {
        var sql = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal)
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'search_documents'"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name = 'search_documents'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync(ct) > 0;
    }
}
