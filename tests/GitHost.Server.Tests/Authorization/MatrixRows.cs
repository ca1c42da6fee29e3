namespace GitHost.Server.Tests.Authorization;

/// <summary>
/// Every endpoint × role, with the status Bitbucket Data Center gives: 401 for anonymous callers
/// of anything private and for authenticated callers lacking a permission
/// (AuthorisationException), 404 for what a caller may not see at all.
/// </summary>
public static class MatrixRows
{
    private const string Api = "/rest/api/1.0";
    private const string Project = Api + "/projects/" + MatrixWorld.ProjectKey;
    private const string Repo = Project + "/repos/" + MatrixWorld.RepoSlug;

    //                                      anon nobody read write admin sys
    private static readonly int[] Everyone = [200, 200, 200, 200, 200, 200];
    private static readonly int[] ProjectReaders = [401, 404, 200, 200, 200, 200];
    private static readonly int[] ProjectAdmins = [401, 404, 401, 401, 200, 200];
    private static readonly int[] SysAdminsCreate = [401, 401, 401, 401, 401, 201];

    public static IReadOnlyList<MatrixRow> All { get; } =
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
    ];
}
