using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FdaAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeUrl",
                table: "outbox",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alert_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MedicineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MedicineName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MatchedMedicines = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Emailed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_notifications_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_settings",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EmailAlerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_settings", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_alert_settings_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_source_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    Retries = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_source_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_sources",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Watermark = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LastFullCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_sources", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "alert_subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    AllClassI = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "safety_notices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_safety_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecallId = table.Column<int>(type: "INTEGER", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_deliveries", x => new { x.SubscriptionId, x.RecallId });
                    table.ForeignKey(
                        name: "FK_alert_deliveries_alert_subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "alert_subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_alert_deliveries_recalls_RecallId",
                        column: x => x.RecallId,
                        principalTable: "recalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_subscription_drugs",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrugSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_subscription_drugs", x => new { x.SubscriptionId, x.DrugSlug });
                    table.ForeignKey(
                        name: "FK_alert_subscription_drugs_alert_subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "alert_subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "safety_notice_matches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    DrugSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    How = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_safety_notice_matches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_safety_notice_matches_safety_notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "safety_notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recalls_Classification_Status_ReportDate",
                table: "recalls",
                columns: new[] { "Classification", "Status", "ReportDate" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_deliveries_RecallId",
                table: "alert_deliveries",
                column: "RecallId");

            migrationBuilder.CreateIndex(
                name: "IX_alert_notifications_AccountId_Kind_AlertId",
                table: "alert_notifications",
                columns: new[] { "AccountId", "Kind", "AlertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_notifications_AccountId_ReadAt",
                table: "alert_notifications",
                columns: new[] { "AccountId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_source_runs_Source_StartedAt",
                table: "alert_source_runs",
                columns: new[] { "Source", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscription_drugs_DrugSlug",
                table: "alert_subscription_drugs",
                column: "DrugSlug");

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscriptions_ConfirmTokenHash",
                table: "alert_subscriptions",
                column: "ConfirmTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscriptions_NormalizedEmail",
                table: "alert_subscriptions",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_safety_notice_matches_DrugSlug",
                table: "safety_notice_matches",
                column: "DrugSlug");

            migrationBuilder.CreateIndex(
                name: "IX_safety_notice_matches_NoticeId_DrugSlug",
                table: "safety_notice_matches",
                columns: new[] { "NoticeId", "DrugSlug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_safety_notices_PublishedAt",
                table: "safety_notices",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_safety_notices_Source_ItemKey",
                table: "safety_notices",
                columns: new[] { "Source", "ItemKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "alert_notifications");

            migrationBuilder.DropTable(
                name: "alert_settings");

            migrationBuilder.DropTable(
                name: "alert_source_runs");

            migrationBuilder.DropTable(
                name: "alert_sources");

            migrationBuilder.DropTable(
                name: "alert_subscription_drugs");

            migrationBuilder.DropTable(
                name: "safety_notice_matches");

            migrationBuilder.DropTable(
                name: "alert_subscriptions");

            migrationBuilder.DropTable(
                name: "safety_notices");

            migrationBuilder.DropIndex(
                name: "IX_recalls_Classification_Status_ReportDate",
                table: "recalls");

            migrationBuilder.DropColumn(
                name: "UnsubscribeUrl",
                table: "outbox");
        }
    }
}
