using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Drugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Synonyms = table.Column<List<string>>(type: "text[]", nullable: false),
                    Icd10Codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    LastReviewed = table.Column<DateOnly>(type: "date", nullable: true),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_stamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_stamps", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "drug_classes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_classes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "drugs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IngredientKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Uses = table.Column<string>(type: "text", nullable: true),
                    HowToTake = table.Column<string>(type: "text", nullable: true),
                    SideEffects = table.Column<string>(type: "text", nullable: true),
                    SeriousSideEffects = table.Column<string>(type: "text", nullable: true),
                    BoxedWarning = table.Column<string>(type: "text", nullable: true),
                    Warnings = table.Column<string>(type: "text", nullable: true),
                    Pregnancy = table.Column<string>(type: "text", nullable: true),
                    Overdose = table.Column<string>(type: "text", nullable: true),
                    MissedDose = table.Column<string>(type: "text", nullable: true),
                    Storage = table.Column<string>(type: "text", nullable: true),
                    Forms = table.Column<List<string>>(type: "text[]", nullable: false),
                    Strengths = table.Column<List<string>>(type: "text[]", nullable: false),
                    Routes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    LastReviewed = table.Column<DateOnly>(type: "date", nullable: true),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drugs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "drug_class_members",
                columns: table => new
                {
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    ClassId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_class_members", x => new { x.DrugId, x.ClassId });
                    table.ForeignKey(
                        name: "FK_drug_class_members_drug_classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "drug_classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_drug_class_members_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_conditions",
                columns: table => new
                {
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    ConditionId = table.Column<int>(type: "integer", nullable: false),
                    Use = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_conditions", x => new { x.DrugId, x.ConditionId });
                    table.ForeignKey(
                        name: "FK_drug_conditions_conditions_ConditionId",
                        column: x => x.ConditionId,
                        principalTable: "conditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_drug_conditions_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_ingredients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_ingredients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_ingredients_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_labels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    SetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DocumentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Labeler = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsRepackager = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Products = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_labels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_labels_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_names",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Normalized = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_names", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_names_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DrugId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProductNumber = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProductName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ActiveIngredients = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Strength = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DosageForm = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Route = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MarketingStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Sponsor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsReferenceDrug = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_products_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_label_sections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabelId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    LoincCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Html = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_label_sections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_label_sections_drug_labels_LabelId",
                        column: x => x.LabelId,
                        principalTable: "drug_labels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conditions_Name",
                table: "conditions",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_conditions_Slug",
                table: "conditions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_class_members_ClassId",
                table: "drug_class_members",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_drug_classes_Slug",
                table: "drug_classes",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_conditions_ConditionId",
                table: "drug_conditions",
                column: "ConditionId");

            migrationBuilder.CreateIndex(
                name: "IX_drug_ingredients_DrugId_Name",
                table: "drug_ingredients",
                columns: new[] { "DrugId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_ingredients_Name",
                table: "drug_ingredients",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_drug_label_sections_LabelId_Position",
                table: "drug_label_sections",
                columns: new[] { "LabelId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_labels_DrugId",
                table: "drug_labels",
                column: "DrugId");

            migrationBuilder.CreateIndex(
                name: "IX_drug_labels_SetId",
                table: "drug_labels",
                column: "SetId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_names_DrugId_Normalized",
                table: "drug_names",
                columns: new[] { "DrugId", "Normalized" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_names_Normalized",
                table: "drug_names",
                column: "Normalized");

            migrationBuilder.CreateIndex(
                name: "IX_drug_names_Slug",
                table: "drug_names",
                column: "Slug");

            migrationBuilder.CreateIndex(
                name: "IX_drug_products_ApplicationNumber_ProductNumber",
                table: "drug_products",
                columns: new[] { "ApplicationNumber", "ProductNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_products_DrugId",
                table: "drug_products",
                column: "DrugId");

            migrationBuilder.CreateIndex(
                name: "IX_drugs_IngredientKey",
                table: "drugs",
                column: "IngredientKey");

            migrationBuilder.CreateIndex(
                name: "IX_drugs_Name",
                table: "drugs",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_drugs_Slug",
                table: "drugs",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_stamps");

            migrationBuilder.DropTable(
                name: "drug_class_members");

            migrationBuilder.DropTable(
                name: "drug_conditions");

            migrationBuilder.DropTable(
                name: "drug_ingredients");

            migrationBuilder.DropTable(
                name: "drug_label_sections");

            migrationBuilder.DropTable(
                name: "drug_names");

            migrationBuilder.DropTable(
                name: "drug_products");

            migrationBuilder.DropTable(
                name: "drug_classes");

            migrationBuilder.DropTable(
                name: "conditions");

            migrationBuilder.DropTable(
                name: "drug_labels");

            migrationBuilder.DropTable(
                name: "drugs");
        }
    }
}
