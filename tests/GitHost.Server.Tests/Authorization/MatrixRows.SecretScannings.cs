namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string SecretScanning = Api + "/secret-scanning";

    //                                                         anon nobody read write admin sys
    private static readonly int[] GlobalAdmins = [401, 401, 401, 401, 401, 200];
    private static readonly int[] RepoAdmins = [401, 404, 401, 401, 200, 200];

    private static MatrixRow[] SecretScanningRows =>
    [
        new("GET", SecretScanning + "/rules", null, GlobalAdmins),
        new("POST", SecretScanning + "/rules", s => new { name = "g" + s, lineRegex = "G" + s }, GlobalAdmins),
        new("GET", SecretScanning + "/rules/999999", null, [401, 401, 401, 401, 401, 404]),
        new("GET", SecretScanning + "/exempt", null, GlobalAdmins),
        new("GET", Project + "/secret-scanning/rules", null, ProjectAdmins),
        new("POST", Project + "/secret-scanning/rules", s => new { name = "p" + s, lineRegex = "P" + s }, ProjectAdmins),
        new("GET", Project + "/secret-scanning/allowlist", null, ProjectAdmins),
        new("POST", Project + "/secret-scanning/allowlist", s => new { name = "pa" + s, pathRegex = "^pa" + s }, ProjectAdmins),
        new("GET", Project + "/secret-scanning/exempt", null, ProjectAdmins),
        new("GET", Repo + "/secret-scanning/rules", null, RepoAdmins),
        new("POST", Repo + "/secret-scanning/rules", s => new { name = "r" + s, lineRegex = "R" + s, action = "WARN" }, RepoAdmins),
        new("GET", Repo + "/secret-scanning/allowlist", null, RepoAdmins),
        new("POST", Repo + "/secret-scanning/allowlist", s => new { name = "ra" + s, lineRegex = "RA" + s }, RepoAdmins),
        new("GET", Repo + "/secret-scanning/exempt", null, RepoAdmins),
        new("DELETE", Repo + "/secret-scanning/exempt", null, [401, 404, 401, 401, 204, 204]),
    ];
}
