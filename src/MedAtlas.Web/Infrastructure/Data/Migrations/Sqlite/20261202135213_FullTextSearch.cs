using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_documents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_search_documents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_search_documents_Kind_Key",
                table: "search_documents",
                columns: new[] { "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_search_documents_Kind_Scope",
                table: "search_documents",
                columns: new[] { "Kind", "Scope" });

            // The FTS5 index EF cannot model. External content: the text is stored once, in search_documents (which EF maps
            // and FullTextIndex writes), and snippet() reads it from there. Triggers, not explicit writes, keep the index in
            // step, so any write of a row (EF's SaveChanges, a migration's backfill) updates it in the same statement and
            // transaction, and a rolled-back write leaves nothing behind. unicode61 with remove_diacritics 2 folds case and
            // accents ("cafe" finds "café"); porter stems English ("checking" finds "checked") as PostgreSQL's english
            // configuration does, so both providers find the same words (docs/benchmarks.md, full-text search).
            // A later migration that rebuilds search_documents (SQLite's way of altering a column) drops these triggers and
            // must create them again.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_documents_fts USING fts5(
                    Title, Body, content='search_documents', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents BEGIN
                    INSERT INTO search_documents_fts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents BEGIN
                    INSERT INTO search_documents_fts(search_documents_fts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_documents_fts_update AFTER UPDATE OF Title, Body ON search_documents BEGIN
                    INSERT INTO search_documents_fts(search_documents_fts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                    INSERT INTO search_documents_fts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_documents_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_documents_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_documents_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_documents_fts;");

            migrationBuilder.DropTable(
                name: "search_documents");
        }
    }
}
