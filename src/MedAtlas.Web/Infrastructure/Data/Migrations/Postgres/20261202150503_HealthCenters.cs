using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HealthCenters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_centers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConditionSlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    DrugSlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    ToolSlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_centers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_content_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CenterId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Featured = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PublishedRevisionId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_content_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_content_items_health_centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "health_centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "health_content_revisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "text", nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    SourcesHtml = table.Column<string>(type: "text", nullable: false),
                    SourceCount = table.Column<int>(type: "integer", nullable: false),
                    TableOfContents = table.Column<string>(type: "text", nullable: false),
                    Topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    ConditionSlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    DrugSlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    Medical = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReviewerAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReviewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewerCredentials = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    WrittenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_content_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_content_revisions_health_content_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "health_content_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "health_content_slides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Image = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Alt = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CaptionMarkdown = table.Column<string>(type: "text", nullable: false),
                    CaptionHtml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_content_slides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_content_slides_health_content_revisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "health_content_revisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_health_centers_Slug",
                table: "health_centers",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_health_content_items_CenterId",
                table: "health_content_items",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_health_content_items_Kind_CenterId_Slug",
                table: "health_content_items",
                columns: new[] { "Kind", "CenterId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_health_content_items_Kind_Slug_unique_outside_centers",
                table: "health_content_items",
                columns: new[] { "Kind", "Slug" },
                unique: true,
                filter: "\"Kind\" <> 'Article'");

            migrationBuilder.CreateIndex(
                name: "IX_health_content_items_PublishedRevisionId",
                table: "health_content_items",
                column: "PublishedRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_health_content_revisions_ItemId_Number",
                table: "health_content_revisions",
                columns: new[] { "ItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_health_content_slides_RevisionId_Position",
                table: "health_content_slides",
                columns: new[] { "RevisionId", "Position" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_health_content_items_health_content_revisions_PublishedRevi~",
                table: "health_content_items",
                column: "PublishedRevisionId",
                principalTable: "health_content_revisions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_health_content_items_health_centers_CenterId",
                table: "health_content_items");

            migrationBuilder.DropForeignKey(
                name: "FK_health_content_items_health_content_revisions_PublishedRevi~",
                table: "health_content_items");

            migrationBuilder.DropTable(
                name: "health_content_slides");

            migrationBuilder.DropTable(
                name: "health_centers");

            migrationBuilder.DropTable(
                name: "health_content_revisions");

            migrationBuilder.DropTable(
                name: "health_content_items");
        }
    }
}
