using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IndexPullRequestListsById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PullRequests_RepositoryId_State_UpdatedDate",
                table: "PullRequests");

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_Id",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_State_Id",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PullRequests_RepositoryId_Id",
                table: "PullRequests");

            migrationBuilder.DropIndex(
                name: "IX_PullRequests_RepositoryId_State_Id",
                table: "PullRequests");

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_State_UpdatedDate",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "State", "UpdatedDate" });
        }
    }
}
