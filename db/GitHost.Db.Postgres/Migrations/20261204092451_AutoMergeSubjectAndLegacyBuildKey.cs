using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AutoMergeSubjectAndLegacyBuildKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AutoSubject",
                table: "AutoMergeRequests",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuildStatuses_Legacy_CommitId_Key",
                table: "BuildStatuses",
                columns: new[] { "CommitId", "Key" },
                unique: true,
                filter: "\"RepositoryId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BuildStatuses_Legacy_CommitId_Key",
                table: "BuildStatuses");

            migrationBuilder.DropColumn(
                name: "AutoSubject",
                table: "AutoMergeRequests");
        }
    }
}
