using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Interactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duplicate_therapy_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    DailyLimit = table.Column<string>(type: "text", nullable: true),
                    Management = table.Column<string>(type: "text", nullable: true),
                    References = table.Column<List<string>>(type: "text[]", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duplicate_therapy_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "food_interactions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Drug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Mechanism = table.Column<string>(type: "text", nullable: true),
                    Management = table.Column<string>(type: "text", nullable: true),
                    References = table.Column<List<string>>(type: "text[]", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_food_interactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "interaction_groups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Members = table.Column<List<string>>(type: "text[]", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interaction_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "interaction_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    A = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    B = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Mechanism = table.Column<string>(type: "text", nullable: true),
                    Management = table.Column<string>(type: "text", nullable: true),
                    References = table.Column<List<string>>(type: "text[]", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interaction_rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duplicate_therapy_rules_Kind_Target",
                table: "duplicate_therapy_rules",
                columns: new[] { "Kind", "Target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_food_interactions_Drug_Item",
                table: "food_interactions",
                columns: new[] { "Drug", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_interaction_groups_Slug",
                table: "interaction_groups",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_interaction_rules_Source_A_B",
                table: "interaction_rules",
                columns: new[] { "Source", "A", "B" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_therapy_rules");

            migrationBuilder.DropTable(
                name: "food_interactions");

            migrationBuilder.DropTable(
                name: "interaction_groups");

            migrationBuilder.DropTable(
                name: "interaction_rules");
        }
    }
}
