using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;

namespace GitHost.Server.Tests.Authorization;

/// <summary>
/// The fixture world of the authorization matrix: a private project PRIV with a repository
/// <c>repo</c> (one commit on main), and one user per role. Read/Write/Admin hold PROJECT_READ/WRITE/ADMIN on PRIV;
/// NoAccess is licensed but holds nothing; SysAdmin is the built-in administrator.
/// Pull request 1 (<c>feature</c> → <c>main</c>, one changed file) is open, authored by SysAdmin, with no reviewers.
/// </summary>
public sealed class MatrixWorld
{
    public const string ProjectKey = "PRIV";
    public const string RepoSlug = "repo";
    public const int PullRequestId = 1;

    private readonly GitHostTestServer _server;

    private MatrixWorld(GitHostTestServer server) => _server = server;

    public GitHostTestServer Server => _server;

    public static async Task<MatrixWorld> CreateAsync(GitHostTestServer server, CancellationToken cancellationToken)
    {
        using var admin = server.AdminClient();
        var created = await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = ProjectKey, name = "Private" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var projectId = await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Single(p => p.Key == ProjectKey).Id));
        var repoCreated = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{ProjectKey}/repos", new { name = RepoSlug }, cancellationToken);
        repoCreated.EnsureSuccessStatusCode();
        await SeedContentAsync(server, cancellationToken);

        var grants = new[] { (Role.Read, Permission.ProjectRead), (Role.Write, Permission.ProjectWrite), (Role.Admin, Permission.ProjectAdmin) };
        await server.CreateUserAsync(UserName(Role.NoAccess), cancellationToken);
        await server.CreateUserAsync(Bystander, cancellationToken);
        foreach (var (role, permission) in grants)
        {
            var userId = await server.CreateUserAsync(UserName(role), cancellationToken);
            await server.WithDatabaseAsync(async db =>
            {
                db.ProjectUserPermissions.Add(new ProjectUserPermissionEntity { ProjectId = projectId, UserId = userId, Permission = permission });
                return await db.SaveChangesAsync(cancellationToken);
            });
        }

        return new MatrixWorld(server);
    }

    /// <summary>One commit on main, so content endpoints (browse, raw, diff…) have something to answer with; a feature branch and pull request 1.</summary>
    private static async Task SeedContentAsync(GitHostTestServer server, CancellationToken cancellationToken)
    {
        var id = await server.WithDatabaseAsync(db => Task.FromResult(db.Repositories.Single(r => r.Slug == RepoSlug).Id));
        using var tree = await GitWorkTree.InitAsync(cancellationToken);
        await tree.WriteAsync("README.md", "matrix\n");
        await tree.CommitAsync("seed", cancellationToken);
        await tree.PushAsync(server.RepositoryPath(id), cancellationToken);
        await tree.GitAsync(cancellationToken, "checkout", "--quiet", "-b", "feature");
        await tree.WriteAsync("README.md", "matrix\nfeature\n");
        await tree.CommitAsync("feature", cancellationToken);
        await tree.GitAsync(cancellationToken, "push", "--quiet", server.AdminCloneUrl(ProjectKey, RepoSlug), "feature");

        using var admin = server.AdminClient();
        var opened = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{ProjectKey}/repos/{RepoSlug}/pull-requests", new
        {
            title = "Matrix",
            fromRef = new { id = "refs/heads/feature" },
            toRef = new { id = "refs/heads/main" },
        }, cancellationToken);
        opened.EnsureSuccessStatusCode();
    }

    /// <summary>A user no role acts as; grants are given to them so no role's own access changes.</summary>
    public const string Bystander = "matrix-bystander";

    public static string UserName(Role role) => "matrix-" + role.ToString().ToLowerInvariant();

    public HttpClient ClientFor(Role role) => role switch
    {
        Role.Anonymous => _server.Client(),
        Role.SysAdmin => _server.AdminClient(),
        _ => _server.Client(UserName(role)),
    };
}
