using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HealthTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MedlinePlusId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DateCreated = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SummaryHtml = table.Column<string>(type: "text", nullable: false),
                    AlsoCalled = table.Column<List<string>>(type: "text[]", nullable: false),
                    SeeReferences = table.Column<List<string>>(type: "text[]", nullable: false),
                    Groups = table.Column<List<string>>(type: "text[]", nullable: false),
                    MeshIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    RelatedTopicIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    OtherLanguageId = table.Column<int>(type: "integer", nullable: true),
                    Sites = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_topics", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_health_topics_Language_Title",
                table: "health_topics",
                columns: new[] { "Language", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_health_topics_MedlinePlusId",
                table: "health_topics",
                column: "MedlinePlusId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_health_topics_Slug",
                table: "health_topics",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_topics");
        }
    }
}
