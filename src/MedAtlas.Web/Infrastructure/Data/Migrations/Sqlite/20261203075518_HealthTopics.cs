using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MedlinePlusId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DateCreated = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SourceDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SummaryHtml = table.Column<string>(type: "TEXT", nullable: false),
                    AlsoCalled = table.Column<string>(type: "TEXT", nullable: false),
                    SeeReferences = table.Column<string>(type: "TEXT", nullable: false),
                    Groups = table.Column<string>(type: "TEXT", nullable: false),
                    MeshIds = table.Column<string>(type: "TEXT", nullable: false),
                    RelatedTopicIds = table.Column<string>(type: "TEXT", nullable: false),
                    OtherLanguageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Sites = table.Column<string>(type: "TEXT", nullable: true)
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
