using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAtlas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pills : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pills",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrugId = table.Column<int>(type: "INTEGER", nullable: false),
                    SetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Labeler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ProductNdc = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PackageNdcs = table.Column<string>(type: "TEXT", nullable: false),
                    Imprint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Colors = table.Column<string>(type: "TEXT", nullable: false),
                    Shape = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SizeMm = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Coating = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pills_drugs_DrugId",
                        column: x => x.DrugId,
                        principalTable: "drugs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pill_images",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PillId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pill_images", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pill_images_pills_PillId",
                        column: x => x.PillId,
                        principalTable: "pills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pill_images_PillId",
                table: "pill_images",
                column: "PillId");

            migrationBuilder.CreateIndex(
                name: "IX_pills_DrugId",
                table: "pills",
                column: "DrugId");

            migrationBuilder.CreateIndex(
                name: "IX_pills_Imprint",
                table: "pills",
                column: "Imprint");

            migrationBuilder.CreateIndex(
                name: "IX_pills_SetId",
                table: "pills",
                column: "SetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pill_images");

            migrationBuilder.DropTable(
                name: "pills");
        }
    }
}
