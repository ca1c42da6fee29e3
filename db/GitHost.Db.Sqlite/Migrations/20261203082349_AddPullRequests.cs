using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GitHost.Db.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPullRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuildStatuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    BuildNumber = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Parent = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Ref = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Duration = table.Column<long>(type: "INTEGER", nullable: true),
                    TestsSuccessful = table.Column<int>(type: "INTEGER", nullable: true),
                    TestsFailed = table.Column<int>(type: "INTEGER", nullable: true),
                    TestsSkipped = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuildStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuildStatuses_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InsightReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Result = table.Column<int>(type: "INTEGER", nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: true),
                    Reporter = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LogoUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatorId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsightReports_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PullRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Draft = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromRepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromRef = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    FromCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ToRef = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ToCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MergeCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedDate = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PullRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PullRequests_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RefMatcherConditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceMatcherType = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceMatcherId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    TargetMatcherType = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetMatcherId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefMatcherConditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScopedSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopedSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightAnnotations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Line = table.Column<int>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightAnnotations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsightAnnotations_InsightReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "InsightReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AutoMergeRequests",
                columns: table => new
                {
                    PullRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedById = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    FromCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StrategyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AutoMergeRequests", x => x.PullRequestId);
                    table.ForeignKey(
                        name: "FK_AutoMergeRequests_PullRequests_PullRequestId",
                        column: x => x.PullRequestId,
                        principalTable: "PullRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    PullRequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    RootId = table.Column<long>(type: "INTEGER", nullable: true),
                    AuthorId = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedDate = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolverId = table.Column<long>(type: "INTEGER", nullable: true),
                    ThreadResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    ThreadResolvedDate = table.Column<long>(type: "INTEGER", nullable: true),
                    ThreadResolverId = table.Column<long>(type: "INTEGER", nullable: true),
                    AnchorPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    AnchorSrcPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    AnchorLine = table.Column<int>(type: "INTEGER", nullable: true),
                    AnchorLineType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AnchorFileType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AnchorDiffType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AnchorFromHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AnchorToHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AnchorMultilineStartLine = table.Column<int>(type: "INTEGER", nullable: true),
                    AnchorMultilineStartLineType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AnchorOrphaned = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comments_Comments_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Comments",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Comments_PullRequests_PullRequestId",
                        column: x => x.PullRequestId,
                        principalTable: "PullRequests",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Comments_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PullRequestActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PullRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PullRequestActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PullRequestActivities_PullRequests_PullRequestId",
                        column: x => x.PullRequestId,
                        principalTable: "PullRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PullRequestParticipants",
                columns: table => new
                {
                    PullRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReviewedCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PullRequestParticipants", x => new { x.PullRequestId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PullRequestParticipants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PullRequestParticipants_PullRequests_PullRequestId",
                        column: x => x.PullRequestId,
                        principalTable: "PullRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PullRequestWatchers",
                columns: table => new
                {
                    PullRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PullRequestWatchers", x => new { x.PullRequestId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PullRequestWatchers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PullRequestWatchers_PullRequests_PullRequestId",
                        column: x => x.PullRequestId,
                        principalTable: "PullRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommentReactions",
                columns: table => new
                {
                    CommentId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    Emoticon = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentReactions", x => new { x.CommentId, x.UserId, x.Emoticon });
                    table.ForeignKey(
                        name: "FK_CommentReactions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommentReactions_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuildStatuses_CommitId_Key_RepositoryId",
                table: "BuildStatuses",
                columns: new[] { "CommitId", "Key", "RepositoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuildStatuses_RepositoryId_CommitId",
                table: "BuildStatuses",
                columns: new[] { "RepositoryId", "CommitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommentReactions_UserId",
                table: "CommentReactions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ParentId",
                table: "Comments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PullRequestId_Id",
                table: "Comments",
                columns: new[] { "PullRequestId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RepositoryId_CommitId",
                table: "Comments",
                columns: new[] { "RepositoryId", "CommitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RootId",
                table: "Comments",
                column: "RootId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightAnnotations_ReportId_ExternalId",
                table: "InsightAnnotations",
                columns: new[] { "ReportId", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightReports_RepositoryId_CommitId_Key",
                table: "InsightReports",
                columns: new[] { "RepositoryId", "CommitId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PullRequestActivities_CommentId",
                table: "PullRequestActivities",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_PullRequestActivities_PullRequestId_Id",
                table: "PullRequestActivities",
                columns: new[] { "PullRequestId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequestParticipants_UserId_Role_Status",
                table: "PullRequestParticipants",
                columns: new[] { "UserId", "Role", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequestWatchers_UserId",
                table: "PullRequestWatchers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_AuthorId_State",
                table: "PullRequests",
                columns: new[] { "AuthorId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_FromRepositoryId_FromRef_State",
                table: "PullRequests",
                columns: new[] { "FromRepositoryId", "FromRef", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_Number",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_State_UpdatedDate",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "State", "UpdatedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_RefMatcherConditions_Kind_ScopeType_ScopeId",
                table: "RefMatcherConditions",
                columns: new[] { "Kind", "ScopeType", "ScopeId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScopedSettings_Kind_ScopeType_ScopeId",
                table: "ScopedSettings",
                columns: new[] { "Kind", "ScopeType", "ScopeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AutoMergeRequests");

            migrationBuilder.DropTable(
                name: "BuildStatuses");

            migrationBuilder.DropTable(
                name: "CommentReactions");

            migrationBuilder.DropTable(
                name: "InsightAnnotations");

            migrationBuilder.DropTable(
                name: "PullRequestActivities");

            migrationBuilder.DropTable(
                name: "PullRequestParticipants");

            migrationBuilder.DropTable(
                name: "PullRequestWatchers");

            migrationBuilder.DropTable(
                name: "RefMatcherConditions");

            migrationBuilder.DropTable(
                name: "ScopedSettings");

            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "InsightReports");

            migrationBuilder.DropTable(
                name: "PullRequests");
        }
    }
}
