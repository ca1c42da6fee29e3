using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GitHost.Db.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BranchPermissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RefRestrictions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScopeType = table.Column<int>(type: "integer", nullable: false),
                    ScopeId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    MatcherType = table.Column<int>(type: "integer", nullable: false),
                    MatcherId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    CreatedDate = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefRestrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RefRestrictionExemptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RestrictionId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PrincipalId = table.Column<long>(type: "bigint", nullable: true),
                    GroupName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefRestrictionExemptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefRestrictionExemptions_RefRestrictions_RestrictionId",
                        column: x => x.RestrictionId,
                        principalTable: "RefRestrictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RefRestrictionExemptions_RestrictionId",
                table: "RefRestrictionExemptions",
                column: "RestrictionId");

            migrationBuilder.CreateIndex(
                name: "IX_RefRestrictions_ScopeType_ScopeId",
                table: "RefRestrictions",
                columns: new[] { "ScopeType", "ScopeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RefRestrictionExemptions");

            migrationBuilder.DropTable(
                name: "RefRestrictions");
        }
    }
}
