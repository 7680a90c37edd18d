using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DrugReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AnonymiseContributionsOnDelete",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "author_sanctions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModeratorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_author_sanctions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_author_sanctions_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_review_stats",
                columns: table => new
                {
                    DrugId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConditionKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectivenessSum = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUseSum = table.Column<int>(type: "INTEGER", nullable: false),
                    SatisfactionSum = table.Column<int>(type: "INTEGER", nullable: false),
                    StoppedForSideEffects = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness5 = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse1 = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse2 = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse3 = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse4 = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction5 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_review_stats", x => new { x.DrugId, x.ConditionKey });
                    table.ForeignKey(
                        name: "FK_drug_review_stats_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrugId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConditionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConditionKey = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    WriterKey = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    Effectiveness = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    TextHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AgeRange = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    TimeOnMedicine = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OtherSideEffects = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StoppedForSideEffects = table.Column<bool>(type: "INTEGER", nullable: true),
                    SeriousSideEffect = table.Column<bool>(type: "INTEGER", nullable: false),
                    LinksClickable = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    HelpfulCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_reviews_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_drug_reviews_conditions_ConditionId",
                        column: x => x.ConditionId,
                        principalTable: "conditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_drug_reviews_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_side_effect_stats",
                columns: table => new
                {
                    DrugId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Serious = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_side_effect_stats", x => new { x.DrugId, x.Key });
                    table.ForeignKey(
                        name: "FK_drug_side_effect_stats_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "moderation_cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContentId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    OpenReports = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AppealText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppealedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "moderation_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModeratorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ModeratorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ContentId = table.Column<long>(type: "INTEGER", nullable: true),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "drug_review_revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Effectiveness = table.Column<int>(type: "INTEGER", nullable: false),
                    EaseOfUse = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_review_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drug_review_revisions_drug_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "drug_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drug_review_side_effects",
                columns: table => new
                {
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Serious = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drug_review_side_effects", x => new { x.ReviewId, x.Key });
                    table.ForeignKey(
                        name: "FK_drug_review_side_effects_drug_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "drug_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_helpful_votes",
                columns: table => new
                {
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_helpful_votes", x => new { x.ReviewId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_review_helpful_votes_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_review_helpful_votes_drug_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "drug_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "content_reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_content_reports_moderation_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "moderation_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_author_sanctions_AccountId_Until",
                table: "author_sanctions",
                columns: new[] { "AccountId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_content_reports_CaseId_ReporterId",
                table: "content_reports",
                columns: new[] { "CaseId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_content_reports_ReporterId_CreatedAt",
                table: "content_reports",
                columns: new[] { "ReporterId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_review_revisions_ReviewId_Version",
                table: "drug_review_revisions",
                columns: new[] { "ReviewId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_review_stats_ConditionKey_DrugId",
                table: "drug_review_stats",
                columns: new[] { "ConditionKey", "DrugId" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_AccountId",
                table: "drug_reviews",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_ConditionId",
                table: "drug_reviews",
                column: "ConditionId");

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_DrugId_State_ConditionId_CreatedAt",
                table: "drug_reviews",
                columns: new[] { "DrugId", "State", "ConditionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_DrugId_State_CreatedAt",
                table: "drug_reviews",
                columns: new[] { "DrugId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_DrugId_State_HelpfulCount",
                table: "drug_reviews",
                columns: new[] { "DrugId", "State", "HelpfulCount" });

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_TextHash",
                table: "drug_reviews",
                column: "TextHash");

            migrationBuilder.CreateIndex(
                name: "IX_drug_reviews_WriterKey_DrugId_ConditionKey",
                table: "drug_reviews",
                columns: new[] { "WriterKey", "DrugId", "ConditionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drug_side_effect_stats_DrugId_Count",
                table: "drug_side_effect_stats",
                columns: new[] { "DrugId", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_AuthorId",
                table: "moderation_cases",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_ContentType_ContentId",
                table: "moderation_cases",
                columns: new[] { "ContentType", "ContentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_Queue_UpdatedAt",
                table: "moderation_cases",
                columns: new[] { "Queue", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_moderation_log_At",
                table: "moderation_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_log_AuthorId",
                table: "moderation_log",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_log_CaseId",
                table: "moderation_log",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_log_ModeratorId",
                table: "moderation_log",
                column: "ModeratorId");

            migrationBuilder.CreateIndex(
                name: "IX_review_helpful_votes_AccountId",
                table: "review_helpful_votes",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "author_sanctions");

            migrationBuilder.DropTable(
                name: "content_reports");

            migrationBuilder.DropTable(
                name: "drug_review_revisions");

            migrationBuilder.DropTable(
                name: "drug_review_side_effects");

            migrationBuilder.DropTable(
                name: "drug_review_stats");

            migrationBuilder.DropTable(
                name: "drug_side_effect_stats");

            migrationBuilder.DropTable(
                name: "moderation_log");

            migrationBuilder.DropTable(
                name: "review_helpful_votes");

            migrationBuilder.DropTable(
                name: "moderation_cases");

            migrationBuilder.DropTable(
                name: "drug_reviews");

            migrationBuilder.DropColumn(
                name: "AnonymiseContributionsOnDelete",
                table: "AspNetUsers");
        }
    }
}
