namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string ProjectRestrictions = "/rest/branch-permissions/2.0/projects/" + MatrixWorld.ProjectKey + "/restrictions";
    private const string RepoRestrictions = "/rest/branch-permissions/2.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/restrictions";
    private const string ProjectBranchModel = "/rest/branch-utils/1.0/projects/" + MatrixWorld.ProjectKey + "/branchmodel/configuration";
    private const string RepoBranchUtils = "/rest/branch-utils/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug;

    /// <summary>
    /// Branch permissions: only administrators of the scope list, read, create and delete them, as
    /// Bitbucket documents (REPO_ADMIN / PROJECT_ADMIN). The branching model is read with read access
    /// and configured by administrators. Restrictions made here match only branches no row pushes.
    /// </summary>
    private static MatrixRow[] BranchPermissionRows =>
    [
        new("GET", ProjectRestrictions, null, ProjectAdmins),
        new("POST", ProjectRestrictions, s => MatrixRestriction(s), ProjectAdmins),
        new("GET", ProjectRestrictions + "/999999", null, AdminsFindNothing),
        new("DELETE", ProjectRestrictions + "/999999", null, AdminsFindNothing),
        new("GET", RepoRestrictions, null, ProjectAdmins),
        new("POST", RepoRestrictions, s => MatrixRestriction(s), ProjectAdmins),
        new("GET", RepoRestrictions + "/999999", null, AdminsFindNothing),
        new("DELETE", RepoRestrictions + "/999999", null, AdminsFindNothing),
        new("GET", RepoBranchUtils + "/branchmodel", null, ProjectReaders),
        new("GET", RepoBranchUtils + "/branchmodel/configuration", null, ProjectReaders),
        new("PUT", RepoBranchUtils + "/branchmodel/configuration", _ => new { }, ProjectAdmins),
        new("DELETE", RepoBranchUtils + "/branchmodel/configuration", null, ProjectAdminsStore),
        new("GET", ProjectBranchModel, null, ProjectReaders),
        new("PUT", ProjectBranchModel, _ => new { }, ProjectAdmins),
        new("DELETE", ProjectBranchModel, null, ProjectAdminsStore),
        new("GET", RepoBranchUtils + "/branches/info/" + NoSuchCommit, null, ReadersFindNothing),
    ];

    private static object MatrixRestriction(string suffix) => new
    {
        type = "read-only",
        matcher = new { id = "refs/heads/matrix-restricted-" + suffix, type = new { id = "BRANCH" } },
    };
}
