using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GitHost.Db.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WebhookAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RedeliveryOfId",
                table: "WebhookDeliveries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebhookAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    WebhookId = table.Column<long>(type: "bigint", nullable: false),
                    EventKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    RequestHeaders = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    RequestBodySize = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<long>(type: "bigint", nullable: false),
                    FinishDate = table.Column<long>(type: "bigint", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ErrorKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    ResponseBody = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookAttempts_WebhookDeliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "WebhookDeliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_State_FinishDate",
                table: "WebhookDeliveries",
                columns: new[] { "State", "FinishDate" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_DeliveryId_Number",
                table: "WebhookAttempts",
                columns: new[] { "DeliveryId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_WebhookId_Id",
                table: "WebhookAttempts",
                columns: new[] { "WebhookId", "Id" });

            // Deliveries attempted before attempts were kept get one attempt: their latest, as the
            // delivery row remembered it (earlier attempts left no trace).
            migrationBuilder.Sql(@"INSERT INTO ""WebhookAttempts"" (""DeliveryId"", ""WebhookId"", ""EventKey"", ""Number"", ""Url"", ""RequestHeaders"", ""RequestBodySize"", ""StartDate"", ""FinishDate"", ""StatusCode"", ""Error"", ""ResponseBody"")
SELECT d.""Id"", d.""WebhookId"", d.""EventKey"", d.""Attempts"", w.""Url"", '{""Content-Type"":""application/json; charset=utf-8"",""X-Event-Key"":""' || d.""EventKey"" || '"",""X-Request-Id"":""' || d.""RequestId"" || '""}', length(d.""Body""), COALESCE(d.""StartDate"", 0), COALESCE(d.""FinishDate"", 0), d.""StatusCode"", d.""Error"", d.""ResponseBody""
FROM ""WebhookDeliveries"" d JOIN ""Webhooks"" w ON w.""Id"" = d.""WebhookId""
WHERE d.""Attempts"" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebhookAttempts");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_State_FinishDate",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "RedeliveryOfId",
                table: "WebhookDeliveries");
        }
    }
}
