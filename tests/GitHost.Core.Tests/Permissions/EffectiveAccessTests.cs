using GitHost.Core.Permissions;
using Xunit;

namespace GitHost.Core.Tests.Permissions;

/// <summary>The inheritance rule as a table: global → project → repository, highest source wins.</summary>
public sealed class EffectiveAccessTests
{
    private const long ProjectId = 1;
    private const long RepositoryId = 10;

    public static TheoryData<string, Permission, Permission?, Permission?, Permission, bool, bool, bool, bool, Permission> RepositoryCases => new()
    {
        // case, global, project grant, repo grant, project default, authenticated, project public, repo public, public access on, expected
        { "sys admin administers every repository", Permission.SysAdmin, null, null, Permission.None, true, false, false, false, Permission.RepoAdmin },
        { "admin administers every repository", Permission.Admin, null, null, Permission.None, true, false, false, false, Permission.RepoAdmin },
        { "project creator gets nothing implicitly", Permission.ProjectCreate, null, null, Permission.None, true, false, false, false, Permission.None },
        { "project admin administers its repositories", Permission.LicensedUser, Permission.ProjectAdmin, null, Permission.None, true, false, false, false, Permission.RepoAdmin },
        { "project write writes its repositories", Permission.LicensedUser, Permission.ProjectWrite, null, Permission.None, true, false, false, false, Permission.RepoWrite },
        { "project read reads its repositories", Permission.LicensedUser, Permission.ProjectRead, null, Permission.None, true, false, false, false, Permission.RepoRead },
        { "project view alone gives no repository access", Permission.LicensedUser, Permission.ProjectView, null, Permission.None, true, false, false, false, Permission.None },
        { "repository grant raises a project grant", Permission.LicensedUser, Permission.ProjectRead, Permission.RepoAdmin, Permission.None, true, false, false, false, Permission.RepoAdmin },
        { "repository grant never lowers a project grant", Permission.LicensedUser, Permission.ProjectWrite, Permission.RepoRead, Permission.None, true, false, false, false, Permission.RepoWrite },
        { "repository grant alone", Permission.LicensedUser, null, Permission.RepoWrite, Permission.None, true, false, false, false, Permission.RepoWrite },
        { "default permission reaches licensed users", Permission.LicensedUser, null, null, Permission.ProjectWrite, true, false, false, false, Permission.RepoWrite },
        { "default permission needs a licence", Permission.None, null, null, Permission.ProjectWrite, true, false, false, false, Permission.None },
        { "default permission needs authentication", Permission.LicensedUser, null, null, Permission.ProjectWrite, false, false, false, false, Permission.None },
        { "default higher than the grant wins", Permission.LicensedUser, Permission.ProjectRead, null, Permission.ProjectAdmin, true, false, false, false, Permission.RepoAdmin },
        { "public project is readable when public access is on", Permission.None, null, null, Permission.None, false, true, false, true, Permission.RepoRead },
        { "public project is closed when public access is off", Permission.None, null, null, Permission.None, false, true, false, false, Permission.None },
        { "public repository is readable when public access is on", Permission.None, null, null, Permission.None, false, false, true, true, Permission.RepoRead },
        { "public repository is closed when public access is off", Permission.None, null, null, Permission.None, false, false, true, false, Permission.None },
        { "public access never gives more than read", Permission.LicensedUser, null, null, Permission.None, true, true, true, true, Permission.RepoRead },
        { "writers of a public project keep write", Permission.LicensedUser, Permission.ProjectWrite, null, Permission.None, true, true, false, true, Permission.RepoWrite },
    };

    [Theory]
    [MemberData(nameof(RepositoryCases))]
    public void Repository_level_follows_the_inheritance_rule(
        string @case, Permission global, Permission? projectGrant, Permission? repoGrant, Permission projectDefault,
        bool authenticated, bool projectPublic, bool repoPublic, bool publicAccess, Permission expected)
    {
        var grants = Grants(global, projectGrant, repoGrant);
        var resource = new ResourceVisibility(ProjectId, projectPublic, projectDefault, RepositoryId, repoPublic);

        Assert.True(expected == EffectiveAccess.RepositoryLevel(grants, authenticated, resource, publicAccess), @case);
    }

    [Theory]
    [InlineData(Permission.SysAdmin, null, Permission.ProjectAdmin)]
    [InlineData(Permission.Admin, Permission.ProjectRead, Permission.ProjectAdmin)]
    [InlineData(Permission.ProjectCreate, null, Permission.None)]
    [InlineData(Permission.LicensedUser, Permission.ProjectView, Permission.ProjectView)]
    [InlineData(Permission.LicensedUser, Permission.ProjectWrite, Permission.ProjectWrite)]
    public void Project_level_takes_the_highest_of_global_and_project_grants(Permission global, Permission? projectGrant, Permission expected)
    {
        var resource = new ResourceVisibility(ProjectId, false, Permission.None, null, false);

        Assert.Equal(expected, EffectiveAccess.ProjectLevel(Grants(global, projectGrant, null), true, resource, publicAccessEnabled: true));
    }

    [Fact]
    public void Grants_on_other_projects_and_repositories_do_not_count()
    {
        var grants = new AccessGrants(
            Permission.LicensedUser,
            new Dictionary<long, Permission> { [ProjectId + 1] = Permission.ProjectAdmin },
            new Dictionary<long, Permission> { [RepositoryId + 1] = Permission.RepoAdmin });
        var resource = new ResourceVisibility(ProjectId, false, Permission.None, RepositoryId, false);

        Assert.Equal(Permission.None, EffectiveAccess.RepositoryLevel(grants, true, resource, true));
    }

    [Fact]
    public void Repository_level_without_a_repository_is_the_project_implied_level()
    {
        var resource = new ResourceVisibility(ProjectId, false, Permission.None, null, true);

        Assert.Equal(Permission.RepoWrite, EffectiveAccess.RepositoryLevel(Grants(Permission.LicensedUser, Permission.ProjectWrite, null), true, resource, true));
    }

    [Theory]
    [InlineData(Permission.None, false, false)]
    [InlineData(Permission.None, true, true)]
    [InlineData(Permission.ProjectRead, false, true)]
    [InlineData(Permission.ProjectAdmin, false, true)]
    public void Project_is_visible_with_project_read_or_any_repository_access(Permission projectLevel, bool anyRepository, bool expected) =>
        Assert.Equal(expected, EffectiveAccess.CanViewProject(projectLevel, anyRepository));

    private static AccessGrants Grants(Permission global, Permission? project, Permission? repository) => new(
        global,
        project is { } p ? new Dictionary<long, Permission> { [ProjectId] = p } : new Dictionary<long, Permission>(),
        repository is { } r ? new Dictionary<long, Permission> { [RepositoryId] = r } : new Dictionary<long, Permission>());
}
