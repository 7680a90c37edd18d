using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MyMedicine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_access_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_access_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_access_tokens_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_ingredient_codes",
                columns: table => new
                {
                    Ingredient = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RxCui = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_ingredient_codes", x => x.Ingredient);
                });

            migrationBuilder.CreateTable(
                name: "my_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WeightKg = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Pregnant = table.Column<bool>(type: "INTEGER", nullable: false),
                    Breastfeeding = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_profiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_profiles_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_caregiver_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Access = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedByAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedByAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_caregiver_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_caregiver_invitations_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_medicines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrugSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DoseAmount = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: true),
                    DoseUnit = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FrequencyCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Route = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Prescriber = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Pharmacy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Ndc = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    LotNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    DaysSupply = table.Column<int>(type: "INTEGER", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastFilledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RemindDaysBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StoppedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StopReason = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_medicines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_medicines_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_profile_access_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_profile_access_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_profile_access_log_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_profile_allergies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reaction = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_profile_allergies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_profile_allergies_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_profile_caregivers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Access = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastViewedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_profile_caregivers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_profile_caregivers_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_my_profile_caregivers_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_profile_conditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConditionSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_profile_conditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_profile_conditions_my_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "my_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "my_medicine_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MedicineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_medicine_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_my_medicine_changes_my_medicines_MedicineId",
                        column: x => x.MedicineId,
                        principalTable: "my_medicines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_access_tokens_AccountId",
                table: "account_access_tokens",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_account_access_tokens_TokenHash",
                table: "account_access_tokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_ingredient_codes_RxCui",
                table: "drug_ingredient_codes",
                column: "RxCui");

            migrationBuilder.CreateIndex(
                name: "IX_my_caregiver_invitations_AcceptedByAccountId",
                table: "my_caregiver_invitations",
                column: "AcceptedByAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_my_caregiver_invitations_ProfileId",
                table: "my_caregiver_invitations",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_my_caregiver_invitations_TokenHash",
                table: "my_caregiver_invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_my_medicine_changes_ByAccountId",
                table: "my_medicine_changes",
                column: "ByAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_my_medicine_changes_MedicineId",
                table: "my_medicine_changes",
                column: "MedicineId");

            migrationBuilder.CreateIndex(
                name: "IX_my_medicines_DrugSlug",
                table: "my_medicines",
                column: "DrugSlug");

            migrationBuilder.CreateIndex(
                name: "IX_my_medicines_Ndc",
                table: "my_medicines",
                column: "Ndc");

            migrationBuilder.CreateIndex(
                name: "IX_my_medicines_ProfileId",
                table: "my_medicines",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_access_log_AccountId",
                table: "my_profile_access_log",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_access_log_ProfileId_At",
                table: "my_profile_access_log",
                columns: new[] { "ProfileId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_allergies_ProfileId",
                table: "my_profile_allergies",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_caregivers_AccountId",
                table: "my_profile_caregivers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_caregivers_ProfileId_AccountId",
                table: "my_profile_caregivers",
                columns: new[] { "ProfileId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_my_profile_conditions_ProfileId",
                table: "my_profile_conditions",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_my_profiles_AccountId",
                table: "my_profiles",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_access_tokens");

            migrationBuilder.DropTable(
                name: "drug_ingredient_codes");

            migrationBuilder.DropTable(
                name: "my_caregiver_invitations");

            migrationBuilder.DropTable(
                name: "my_medicine_changes");

            migrationBuilder.DropTable(
                name: "my_profile_access_log");

            migrationBuilder.DropTable(
                name: "my_profile_allergies");

            migrationBuilder.DropTable(
                name: "my_profile_caregivers");

            migrationBuilder.DropTable(
                name: "my_profile_conditions");

            migrationBuilder.DropTable(
                name: "my_medicines");

            migrationBuilder.DropTable(
                name: "my_profiles");
        }
    }
}
