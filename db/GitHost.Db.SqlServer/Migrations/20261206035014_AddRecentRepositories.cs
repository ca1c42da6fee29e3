using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddRecentRepositories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecentRepositories",
                columns: table => new
                {
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    ViewedDate = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecentRepositories", x => new { x.UserId, x.RepositoryId });
                    table.ForeignKey(
                        name: "FK_RecentRepositories_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecentRepositories_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecentRepositories_RepositoryId",
                table: "RecentRepositories",
                column: "RepositoryId");

            migrationBuilder.CreateIndex(
                name: "IX_RecentRepositories_UserId_ViewedDate",
                table: "RecentRepositories",
                columns: new[] { "UserId", "ViewedDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecentRepositories");
        }
    }
}
