namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private static readonly int[] ScopeAdminsCreate = [401, 404, 401, 401, 201, 201];

    /// <summary>
    /// Reviewer groups (readers list, administrators of the scope change), the global merge configuration
    /// (signed-in users read, ADMIN writes) and the commits of a Jira issue (whatever the caller can read).
    /// </summary>
    private static MatrixRow[] ReviewerGroupRows =>
    [
        .. ReviewerGroupRowsAt(Project + "/settings/reviewer-groups"),
        .. ReviewerGroupRowsAt(Repo + "/settings/reviewer-groups"),
        new("GET", Repo + "/settings/reviewer-groups/999999/users", null, ReadersFindNothing),
        new("GET", Api + "/admin/pull-requests/git", null, Licensed),
        new("POST", Api + "/admin/pull-requests/git", _ => new { }, SysAdmins),
        new("GET", Api + "/admin/pull-requests/svn", null, ReadersFindNothing),
        new("GET", "/rest/jira/1.0/issues/ABC-1/commits", null, Everyone),
    ];

    private static MatrixRow[] ReviewerGroupRowsAt(string groups) =>
    [
        new("GET", groups, null, ProjectReaders),
        new("POST", groups, s => new { name = "matrix-" + s }, ScopeAdminsCreate),
        new("GET", groups + "/999999", null, ReadersFindNothing),
        new("PUT", groups + "/999999", s => new { name = "matrix-" + s }, AdminsFindNothing),
        new("DELETE", groups + "/999999", null, AdminsFindNothing),
    ];
}
