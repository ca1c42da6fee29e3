namespace GitHost.Server.Tests.Authorization;

/// <summary>
/// Every endpoint × role, with the status Bitbucket Data Center gives: 401 for anonymous callers
/// of anything private and for authenticated callers lacking a permission
/// (AuthorisationException), 404 for what a caller may not see at all.
/// </summary>
public static partial class MatrixRows
{
    private const string PullRequest = Repo + "/pull-requests/1";
    private const string Api = "/rest/api/1.0";
    private const string Project = Api + "/projects/" + MatrixWorld.ProjectKey;
    private const string Repo = Project + "/repos/" + MatrixWorld.RepoSlug;

    //                                      anon nobody read write admin sys
    private static readonly int[] Everyone = [200, 200, 200, 200, 200, 200];
    private static readonly int[] ProjectReaders = [401, 404, 200, 200, 200, 200];
    private static readonly int[] ProjectAdmins = [401, 404, 401, 401, 200, 200];
    private static readonly int[] SysAdminsCreate = [401, 401, 401, 401, 401, 201];
    private static readonly int[] SysAdmins = [401, 401, 401, 401, 401, 200];
    private static readonly int[] SysAdminsStore = [401, 401, 401, 401, 401, 204];
    private static readonly int[] Licensed = [401, 200, 200, 200, 200, 200];
    private static readonly int[] ProjectAdminsStore = [401, 404, 401, 401, 204, 204];
    private static readonly int[] RepoWriters = [401, 404, 401, 200, 200, 200];
    private const string Tokens = "/rest/access-tokens/1.0";
    private const string BranchUtils = "/rest/branch-utils/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/branches";
    private const string GitTags = "/rest/git/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/tags";
    private const string Bystander = MatrixWorld.Bystander;
    private const string SshKeys = "/rest/ssh/1.0/keys";
    private const string AccessKeys = "/rest/keys/1.0";

    private static readonly Lazy<IReadOnlyList<MatrixRow>> Rows = new(() =>
    [
        .. CoreRows,
        .. PullRequestRows,
        .. PullRequestDiffRows,
        .. CommentRows,
        .. MergeRows,
        .. PullRequestExtraRows,
        .. BuildAndInsightRows,
        .. BranchPermissionRows,
        .. SecretScanningRows,
        .. AuditRows,
        .. WebhookRows,
        .. ReviewerGroupRows,
    ]);

    /// <summary>
    /// Every row. Each feature keeps its rows in its own file (MatrixRows.*.cs) as an expression-bodied
    /// property, because static field initializers of a partial class run in no defined order across files.
    /// </summary>
    public static IReadOnlyList<MatrixRow> All => Rows.Value;

    private static MatrixRow[] CoreRows =>
    [
        new("GET", "/status", null, Everyone),
        new("GET", Api + "/application-properties", null, Everyone),
        new("GET", "/rest/capabilities", null, Everyone),

        new("GET", Api + "/projects", null, Everyone),
        new("POST", Api + "/projects", s => new { key = "NEW" + s, name = "New " + s }, SysAdminsCreate),
        new("GET", Project, null, ProjectReaders),
        new("GET", "/rest/api/latest/projects/" + MatrixWorld.ProjectKey, null, ProjectReaders),
        new("PUT", Project, _ => new { description = "changed" }, ProjectAdmins),
        new("DELETE", Project, null, [401, 404, 401, 401, 409, 409]),

        new("GET", Api + "/repos", null, Everyone),
        new("GET", Api + "/profile/recent/repos", null, Licensed),
        new("GET", Project + "/repos", null, ProjectReaders),
        new("POST", Project + "/repos", s => new { name = "r" + s }, [401, 404, 401, 401, 201, 201]),
        new("GET", Repo, null, ProjectReaders),
        new("PUT", Repo, _ => new { description = "changed" }, [401, 404, 401, 401, 201, 201]),
        new("POST", Repo, s => new { name = "f" + s }, [401, 404, 201, 201, 201, 201]),
        new("GET", Repo + "/forks", null, ProjectReaders),
        new("GET", Repo + "/related", null, ProjectReaders),
        new("POST", Repo + "/optimize", null, [401, 404, 401, 401, 200, 200]),
        new("GET", Repo + "/browse", null, ProjectReaders),
        new("GET", Repo + "/browse/README.md?type=true", null, ProjectReaders),
        new("GET", Repo + "/raw/README.md", null, ProjectReaders),
        new("GET", Repo + "/files", null, ProjectReaders),
        new("GET", Repo + "/last-modified?at=main", null, ProjectReaders),
        new("GET", Repo + "/archive?format=tgz", null, ProjectReaders),
        new("GET", Repo + "/diff", null, ProjectReaders),
        new("GET", Repo + "/changes", null, ProjectReaders),
        new("GET", Repo + "/compare/changes?from=main&to=main", null, ProjectReaders),
        new("GET", Repo + "/compare/diff?from=main&to=main", null, ProjectReaders),
        new("DELETE", Project + "/repos/missing{s}", null, [401, 204, 204, 204, 204, 204]),

        new("GET", Repo + "/branches", null, ProjectReaders),
        new("GET", Repo + "/branches/default", null, ProjectReaders),
        new("GET", Repo + "/default-branch", null, ProjectReaders),
        new("PUT", Repo + "/default-branch", _ => new { id = "refs/heads/main" }, [401, 404, 401, 401, 204, 204]),
        new("PUT", Repo + "/branches/default", _ => new { id = "refs/heads/main" }, [401, 404, 401, 401, 204, 204]),
        new("POST", Repo + "/branches", s => new { name = "b" + s, startPoint = "main" }, RepoWriters),
        new("POST", BranchUtils, s => new { name = "u" + s, startPoint = "main" }, [401, 404, 401, 201, 201, 201]),
        new("DELETE", BranchUtils, s => new { name = "gone" + s }, [401, 404, 401, 204, 204, 204]),
        new("GET", Repo + "/tags", null, ProjectReaders),
        new("GET", Repo + "/tags/missing", null, [401, 404, 404, 404, 404, 404]),
        new("POST", Repo + "/tags", s => new { name = "t" + s, startPoint = "main" }, RepoWriters),
        new("POST", GitTags, s => new { name = "g" + s, startPoint = "main" }, [401, 404, 401, 201, 201, 201]),
        new("DELETE", GitTags + "/missing", null, [401, 404, 401, 404, 404, 404]),
        new("GET", Repo + "/commits", null, ProjectReaders),
        new("GET", Repo + "/compare/commits", null, ProjectReaders),

        new("GET", Api + "/users", null, Licensed),
        new("GET", Api + "/users/" + Bystander, null, Licensed),
        new("GET", Api + "/groups", null, Licensed),
        new("GET", Api + "/admin/users", null, SysAdmins),
        new("POST", Api + "/admin/users?name=u{s}&displayName=U&emailAddress=u@example.com&password=long-enough-1", null, SysAdminsStore),
        new("GET", Api + "/admin/groups", null, SysAdmins),
        new("GET", Api + "/admin/cluster", null, SysAdmins),
        new("POST", Api + "/admin/groups?name=g{s}", null, SysAdmins),
        new("GET", Api + "/admin/permissions/users", null, SysAdmins),
        new("GET", Api + "/admin/permissions/groups", null, SysAdmins),
        new("PUT", Api + "/admin/permissions/users?name=" + Bystander + "&permission=LICENSED_USER", null, SysAdminsStore),
        new("GET", Api + "/admin/rate-limit/settings", null, SysAdmins),
        new("GET", Api + "/workspaces", null, Licensed),
        new("POST", Api + "/workspaces", s => new { key = "w" + s, name = "W " + s }, SysAdminsCreate),
        new("GET", Api + "/workspaces/default/members", null, SysAdmins),
        new("DELETE", Api + "/admin/users/captcha?name=" + Bystander, null, SysAdminsStore),

        new("GET", Project + "/permissions/users", null, ProjectAdmins),
        new("GET", Project + "/permissions/groups", null, ProjectAdmins),
        new("PUT", Project + "/permissions/users?name=" + Bystander + "&permission=PROJECT_READ", null, ProjectAdminsStore),
        new("GET", Project + "/permissions/PROJECT_READ/all", null, ProjectAdmins),
        new("GET", Repo + "/permissions/users", null, ProjectAdmins),
        new("PUT", Repo + "/permissions/users?name=" + Bystander + "&permission=REPO_READ", null, ProjectAdminsStore),

        new("GET", Tokens + "/projects/" + MatrixWorld.ProjectKey, null, ProjectAdmins),
        new("PUT", Tokens + "/projects/" + MatrixWorld.ProjectKey, s => new { name = "t" + s, permissions = new[] { "PROJECT_READ", "REPO_READ" } }, ProjectAdmins),
        new("GET", Tokens + "/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug, null, ProjectAdmins),
        new("GET", Tokens + "/users/" + Bystander, null, SysAdmins),
        new("PUT", Tokens + "/users/" + Bystander, s => new { name = "t" + s, permissions = new[] { "PROJECT_READ", "REPO_READ" } }, SysAdmins),

        new("GET", SshKeys, null, Licensed),
        new("POST", SshKeys, _ => new { text = MatrixKeys.NewEd25519Line() }, [401, 201, 201, 201, 201, 201]),
        new("GET", SshKeys + "?user=" + Bystander, null, SysAdmins),
        new("POST", SshKeys + "?user=" + Bystander, _ => new { text = MatrixKeys.NewEd25519Line() }, SysAdminsCreate),
        new("DELETE", SshKeys + "?user=" + Bystander, null, SysAdminsStore),
        new("GET", SshKeys + "/999999", null, [401, 404, 404, 404, 404, 404]),
        new("GET", AccessKeys + "/projects/" + MatrixWorld.ProjectKey + "/ssh", null, ProjectAdmins),
        new("POST", AccessKeys + "/projects/" + MatrixWorld.ProjectKey + "/ssh",
            _ => new { key = new { text = MatrixKeys.NewEd25519Line() }, permission = "PROJECT_READ" }, [401, 404, 401, 401, 201, 201]),
        new("GET", AccessKeys + "/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/ssh", null, ProjectAdmins),
        new("POST", AccessKeys + "/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/ssh",
            _ => new { key = new { text = MatrixKeys.NewEd25519Line() }, permission = "REPO_READ" }, [401, 404, 401, 401, 201, 201]),
        new("DELETE", AccessKeys + "/projects/" + MatrixWorld.ProjectKey + "/ssh/999999", null, [401, 404, 401, 401, 404, 404]),
    ];
}
