using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GitHost.Db.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddPipelines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PipelinesProcessedDate",
                table: "OutboxMessages",
                type: "bigint",
                nullable: true);

            // Events recorded before pipelines existed are not triggers: without this, the first start after the
            // upgrade would run a pipeline for every push still in the outbox.
            migrationBuilder.Sql("UPDATE \"OutboxMessages\" SET \"PipelinesProcessedDate\" = \"CreatedDate\"");

            migrationBuilder.CreateTable(
                name: "PipelineRunners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ScopeType = table.Column<int>(type: "integer", nullable: false),
                    ScopeId = table.Column<long>(type: "bigint", nullable: false),
                    Labels = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    RegistrationTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    LastSeenDate = table.Column<long>(type: "bigint", nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HostName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    CreatorUserId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedDate = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineRunners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PipelineVariables",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopeType = table.Column<int>(type: "integer", nullable: false),
                    ScopeId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    Secured = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedDate = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedDate = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineVariables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pipelines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    BuildNumber = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    RefType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RefName = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    CommitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Selector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Pattern = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    PullRequestNumber = table.Column<long>(type: "bigint", nullable: true),
                    PullRequestDestinationBranch = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    CreatorUserId = table.Column<long>(type: "bigint", nullable: true),
                    RerunOfId = table.Column<long>(type: "bigint", nullable: true),
                    Variables = table.Column<string>(type: "text", nullable: true),
                    Problems = table.Column<string>(type: "text", nullable: true),
                    CreatedDate = table.Column<long>(type: "bigint", nullable: false),
                    CompletedDate = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pipelines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pipelines_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PipelineSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    PipelineId = table.Column<long>(type: "bigint", nullable: false),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    GroupIndex = table.Column<int>(type: "integer", nullable: false),
                    GroupSize = table.Column<int>(type: "integer", nullable: false),
                    FailFast = table.Column<bool>(type: "boolean", nullable: false),
                    StageName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    RunsOn = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    MaxTimeMinutes = table.Column<int>(type: "integer", nullable: false),
                    ManualTrigger = table.Column<bool>(type: "boolean", nullable: false),
                    Deployment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RunnerId = table.Column<long>(type: "bigint", nullable: true),
                    LeaseExpiresDate = table.Column<long>(type: "bigint", nullable: true),
                    DispatchCount = table.Column<int>(type: "integer", nullable: false),
                    ReadyDate = table.Column<long>(type: "bigint", nullable: true),
                    StartedDate = table.Column<long>(type: "bigint", nullable: true),
                    CompletedDate = table.Column<long>(type: "bigint", nullable: true),
                    ExitCode = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    JobTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LogSize = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PipelineSteps_Pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "Pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_PipelinesProcessedDate",
                table: "OutboxMessages",
                column: "PipelinesProcessedDate");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineRunners_ScopeType_ScopeId",
                table: "PipelineRunners",
                columns: new[] { "ScopeType", "ScopeId" });

            migrationBuilder.CreateIndex(
                name: "IX_PipelineRunners_Uuid",
                table: "PipelineRunners",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineSteps_JobTokenHash",
                table: "PipelineSteps",
                column: "JobTokenHash",
                unique: true,
                filter: "\"JobTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineSteps_PipelineId_Index",
                table: "PipelineSteps",
                columns: new[] { "PipelineId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineSteps_State_ReadyDate",
                table: "PipelineSteps",
                columns: new[] { "State", "ReadyDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PipelineSteps_Uuid",
                table: "PipelineSteps",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineVariables_ScopeType_ScopeId_Key",
                table: "PipelineVariables",
                columns: new[] { "ScopeType", "ScopeId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineVariables_Uuid",
                table: "PipelineVariables",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pipelines_RepositoryId_BuildNumber",
                table: "Pipelines",
                columns: new[] { "RepositoryId", "BuildNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pipelines_State",
                table: "Pipelines",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Pipelines_Uuid",
                table: "Pipelines",
                column: "Uuid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PipelineRunners");

            migrationBuilder.DropTable(
                name: "PipelineSteps");

            migrationBuilder.DropTable(
                name: "PipelineVariables");

            migrationBuilder.DropTable(
                name: "Pipelines");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_PipelinesProcessedDate",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "PipelinesProcessedDate",
                table: "OutboxMessages");
        }
    }
}
