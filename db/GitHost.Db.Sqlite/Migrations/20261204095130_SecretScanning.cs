using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SecretScanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SecretScanningExemptions",
                columns: table => new
                {
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecretScanningExemptions", x => x.RepositoryId);
                    table.ForeignKey(
                        name: "FK_SecretScanningExemptions_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SecretScanningRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Allowlist = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    LineRegex = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    PathRegex = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    MinEntropy = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecretScanningRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SecretScanningRules_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SecretScanningRules_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecretScanningRules_ProjectId",
                table: "SecretScanningRules",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SecretScanningRules_RepositoryId",
                table: "SecretScanningRules",
                column: "RepositoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SecretScanningRules_ScopeType_ProjectId_RepositoryId",
                table: "SecretScanningRules",
                columns: new[] { "ScopeType", "ProjectId", "RepositoryId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SecretScanningExemptions");

            migrationBuilder.DropTable(
                name: "SecretScanningRules");
        }
    }
}
