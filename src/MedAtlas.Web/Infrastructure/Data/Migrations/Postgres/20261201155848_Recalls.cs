using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Recalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recalls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecallNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Classification = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProductDescription = table.Column<string>(type: "text", nullable: false),
                    CodeInfo = table.Column<string>(type: "text", nullable: false),
                    MoreCodeInfo = table.Column<string>(type: "text", nullable: true),
                    ReasonForRecall = table.Column<string>(type: "text", nullable: false),
                    RecallingFirm = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    City = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReportDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RecallInitiationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    TerminationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DistributionPattern = table.Column<string>(type: "text", nullable: false),
                    VoluntaryMandated = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProductQuantity = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recall_lots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecallId = table.Column<int>(type: "integer", nullable: false),
                    Lot = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_lots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recall_lots_recalls_RecallId",
                        column: x => x.RecallId,
                        principalTable: "recalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recall_matches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecallId = table.Column<int>(type: "integer", nullable: false),
                    DrugSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    How = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Confidence = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_matches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recall_matches_recalls_RecallId",
                        column: x => x.RecallId,
                        principalTable: "recalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recall_product_codes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecallId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_product_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recall_product_codes_recalls_RecallId",
                        column: x => x.RecallId,
                        principalTable: "recalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recall_status_changes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecallId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recall_status_changes_recalls_RecallId",
                        column: x => x.RecallId,
                        principalTable: "recalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recall_lots_Lot",
                table: "recall_lots",
                column: "Lot");

            migrationBuilder.CreateIndex(
                name: "IX_recall_lots_RecallId_Lot",
                table: "recall_lots",
                columns: new[] { "RecallId", "Lot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recall_matches_DrugSlug",
                table: "recall_matches",
                column: "DrugSlug");

            migrationBuilder.CreateIndex(
                name: "IX_recall_matches_RecallId_DrugSlug",
                table: "recall_matches",
                columns: new[] { "RecallId", "DrugSlug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recall_product_codes_Code",
                table: "recall_product_codes",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_recall_product_codes_RecallId_Code_Origin",
                table: "recall_product_codes",
                columns: new[] { "RecallId", "Code", "Origin" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recall_status_changes_RecallId",
                table: "recall_status_changes",
                column: "RecallId");

            migrationBuilder.CreateIndex(
                name: "IX_recalls_EventId",
                table: "recalls",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_recalls_RecallNumber",
                table: "recalls",
                column: "RecallNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recalls_ReportDate",
                table: "recalls",
                column: "ReportDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recall_lots");

            migrationBuilder.DropTable(
                name: "recall_matches");

            migrationBuilder.DropTable(
                name: "recall_product_codes");

            migrationBuilder.DropTable(
                name: "recall_status_changes");

            migrationBuilder.DropTable(
                name: "recalls");
        }
    }
}
