using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPendingPushes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PendingPushes",
                columns: table => new
                {
                    PushId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Principal = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Protocol = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Updates = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingPushes", x => x.PushId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingPushes_NodeId",
                table: "PendingPushes",
                column: "NodeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingPushes");
        }
    }
}
