using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddReviewerGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewerGroups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScopeType = table.Column<int>(type: "int", nullable: false),
                    ScopeId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewerGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewerGroups_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewerGroups_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewerGroupUsers",
                columns: table => new
                {
                    GroupId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewerGroupUsers", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ReviewerGroupUsers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewerGroupUsers_ReviewerGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ReviewerGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewerGroupUsers_UserId",
                table: "ReviewerGroupUsers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewerGroups_ProjectId",
                table: "ReviewerGroups",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewerGroups_RepositoryId",
                table: "ReviewerGroups",
                column: "RepositoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewerGroups_ScopeType_ScopeId_Name",
                table: "ReviewerGroups",
                columns: new[] { "ScopeType", "ScopeId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewerGroupUsers");

            migrationBuilder.DropTable(
                name: "ReviewerGroups");
        }
    }
}
