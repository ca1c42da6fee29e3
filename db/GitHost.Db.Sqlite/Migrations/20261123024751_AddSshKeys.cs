using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSshKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SshKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<long>(type: "INTEGER", nullable: true),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    BitLength = table.Column<int>(type: "INTEGER", nullable: false),
                    FingerprintSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiryDate = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAuthenticated = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SshKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SshKeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccessKeyGrants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Permission = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessKeyGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessKeyGrants_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessKeyGrants_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessKeyGrants_SshKeys_KeyId",
                        column: x => x.KeyId,
                        principalTable: "SshKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_KeyId",
                table: "AccessKeyGrants",
                column: "KeyId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_ProjectId",
                table: "AccessKeyGrants",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_RepositoryId",
                table: "AccessKeyGrants",
                column: "RepositoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SshKeys_FingerprintSha256",
                table: "SshKeys",
                column: "FingerprintSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SshKeys_UserId",
                table: "SshKeys",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessKeyGrants");

            migrationBuilder.DropTable(
                name: "SshKeys");
        }
    }
}
