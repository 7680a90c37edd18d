using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FoodsAndPlanner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bolus_settings",
                columns: table => new
                {
                    ProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Unit = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    CarbRatio = table.Column<decimal>(type: "numeric(8,3)", precision: 8, scale: 3, nullable: false),
                    TargetGlucose = table.Column<decimal>(type: "numeric(8,3)", precision: 8, scale: 3, nullable: false),
                    CorrectionFactor = table.Column<decimal>(type: "numeric(8,3)", precision: 8, scale: 3, nullable: false),
                    Increment = table.Column<decimal>(type: "numeric(5,3)", precision: 5, scale: 3, nullable: false),
                    MaxBolus = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bolus_settings", x => x.ProfileId);
                    table.ForeignKey(
                        name: "FK_bolus_settings_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "food_groups",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_food_groups", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "nutrients",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Unit = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Tag = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nutrients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planner_exercise_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ActivityCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ActivityName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Met = table.Column<double>(type: "double precision", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    WeightKg = table.Column<double>(type: "double precision", nullable: false),
                    Kcal = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planner_exercise_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_planner_exercise_log_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planner_food_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Meal = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FoodId = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    FoodName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PortionSeq = table.Column<int>(type: "integer", nullable: false),
                    PortionText = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Quantity = table.Column<double>(type: "double precision", nullable: false),
                    Grams = table.Column<double>(type: "double precision", nullable: false),
                    Kcal = table.Column<double>(type: "double precision", nullable: true),
                    CarbsG = table.Column<double>(type: "double precision", nullable: true),
                    ProteinG = table.Column<double>(type: "double precision", nullable: true),
                    FatG = table.Column<double>(type: "double precision", nullable: true),
                    FibreG = table.Column<double>(type: "double precision", nullable: true),
                    SodiumMg = table.Column<double>(type: "double precision", nullable: true),
                    SugarsG = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planner_food_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_planner_food_log_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planner_goals",
                columns: table => new
                {
                    ProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeightCm = table.Column<double>(type: "double precision", nullable: true),
                    WeightKg = table.Column<double>(type: "double precision", nullable: true),
                    AgeYears = table.Column<int>(type: "integer", nullable: true),
                    EquationSex = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Activity = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Kcal = table.Column<double>(type: "double precision", nullable: false),
                    CarbsG = table.Column<double>(type: "double precision", nullable: false),
                    ProteinG = table.Column<double>(type: "double precision", nullable: false),
                    FatG = table.Column<double>(type: "double precision", nullable: false),
                    FibreG = table.Column<double>(type: "double precision", nullable: false),
                    SodiumMg = table.Column<double>(type: "double precision", nullable: false),
                    SugarsG = table.Column<double>(type: "double precision", nullable: false),
                    Custom = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planner_goals", x => x.ProfileId);
                    table.ForeignKey(
                        name: "FK_planner_goals_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "foods",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CommonNames = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Manufacturer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Survey = table.Column<bool>(type: "boolean", nullable: false),
                    RefusePercent = table.Column<double>(type: "double precision", nullable: true),
                    RefuseDescription = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScientificName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_foods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_foods_food_groups_GroupCode",
                        column: x => x.GroupCode,
                        principalTable: "food_groups",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "food_nutrients",
                columns: table => new
                {
                    FoodId = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    NutrientId = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_food_nutrients", x => new { x.FoodId, x.NutrientId });
                    table.ForeignKey(
                        name: "FK_food_nutrients_foods_FoodId",
                        column: x => x.FoodId,
                        principalTable: "foods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_food_nutrients_nutrients_NutrientId",
                        column: x => x.NutrientId,
                        principalTable: "nutrients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "food_portions",
                columns: table => new
                {
                    FoodId = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<double>(type: "double precision", nullable: false),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Grams = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_food_portions", x => new { x.FoodId, x.Seq });
                    table.ForeignKey(
                        name: "FK_food_portions_foods_FoodId",
                        column: x => x.FoodId,
                        principalTable: "foods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_food_nutrients_NutrientId",
                table: "food_nutrients",
                column: "NutrientId");

            migrationBuilder.CreateIndex(
                name: "IX_foods_GroupCode",
                table: "foods",
                column: "GroupCode");

            migrationBuilder.CreateIndex(
                name: "IX_planner_exercise_log_ProfileId_Day",
                table: "planner_exercise_log",
                columns: new[] { "ProfileId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_planner_food_log_ProfileId_Day",
                table: "planner_food_log",
                columns: new[] { "ProfileId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bolus_settings");

            migrationBuilder.DropTable(
                name: "food_nutrients");

            migrationBuilder.DropTable(
                name: "food_portions");

            migrationBuilder.DropTable(
                name: "planner_exercise_log");

            migrationBuilder.DropTable(
                name: "planner_food_log");

            migrationBuilder.DropTable(
                name: "planner_goals");

            migrationBuilder.DropTable(
                name: "nutrients");

            migrationBuilder.DropTable(
                name: "foods");

            migrationBuilder.DropTable(
                name: "food_groups");
        }
    }
}
