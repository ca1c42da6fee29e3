using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPipelineVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Pipelines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Pipelines");
        }
    }
}
