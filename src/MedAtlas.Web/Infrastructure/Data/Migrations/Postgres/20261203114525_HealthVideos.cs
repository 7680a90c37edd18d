using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HealthVideos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_content_videos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    File = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Captions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Poster = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_content_videos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_content_videos_health_content_revisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "health_content_revisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_health_content_videos_RevisionId",
                table: "health_content_videos",
                column: "RevisionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_content_videos");
        }
    }
}
