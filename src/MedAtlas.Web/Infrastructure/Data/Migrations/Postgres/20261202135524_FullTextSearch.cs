using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            // What EF cannot model. medatlas_english is PostgreSQL's english configuration (stemming, its stop words) after
            // unaccent, so "cafe" finds "café" as SQLite's remove_diacritics does; unaccent is a trusted extension
            // (PostgreSQL 13+), which the database's owner may create, and Debian's postgresql package ships it.
            // The vector is a stored generated column: every write of a row (EF's SaveChanges, a backfill) recomputes it in
            // the same statement, and pg_dump dumps the expression, not the values. Title weight A, body B: ts_rank counts a
            // title match 1.0 and a body match 0.4.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION medatlas_english (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION medatlas_english
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE search_documents ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('medatlas_english', "Title"), 'A') ||
                    setweight(to_tsvector('medatlas_english', "Body"), 'B')) STORED;
                CREATE INDEX "IX_search_documents_SearchVector" ON search_documents USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "search_documents");

            // The extension stays: other things may use it, and having it costs nothing.
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS medatlas_english;");
        }
    }
}
