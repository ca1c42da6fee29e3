using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UniqueAccessKeyGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccessKeyGrants_KeyId",
                table: "AccessKeyGrants");

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_KeyId_ProjectId",
                table: "AccessKeyGrants",
                columns: new[] { "KeyId", "ProjectId" },
                unique: true,
                filter: "[ProjectId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_KeyId_RepositoryId",
                table: "AccessKeyGrants",
                columns: new[] { "KeyId", "RepositoryId" },
                unique: true,
                filter: "[RepositoryId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccessKeyGrants_KeyId_ProjectId",
                table: "AccessKeyGrants");

            migrationBuilder.DropIndex(
                name: "IX_AccessKeyGrants_KeyId_RepositoryId",
                table: "AccessKeyGrants");

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeyGrants_KeyId",
                table: "AccessKeyGrants",
                column: "KeyId");
        }
    }
}
