using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using Xunit;

namespace GitHost.Core.Tests.Permissions;

public sealed class PermissionNamesTests
{
    [Theory]
    [InlineData("REPO_READ", Permission.RepoRead)]
    [InlineData("repo_write", Permission.RepoWrite)]
    [InlineData("Repo_Admin", Permission.RepoAdmin)]
    [InlineData("project_view", Permission.ProjectView)]
    [InlineData("PROJECT_READ", Permission.ProjectRead)]
    [InlineData("project_write", Permission.ProjectWrite)]
    [InlineData(" PROJECT_ADMIN ", Permission.ProjectAdmin)]
    [InlineData("licensed_user", Permission.LicensedUser)]
    [InlineData("PROJECT_CREATE", Permission.ProjectCreate)]
    [InlineData("admin", Permission.Admin)]
    [InlineData("SYS_ADMIN", Permission.SysAdmin)]
    public void Wire_names_parse_in_any_case(string name, Permission expected)
    {
        Assert.True(PermissionNames.TryParse(name, out var permission));
        Assert.Equal(expected, permission);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("READ")]
    [InlineData("REPO-READ")]
    [InlineData("RepoRead")]
    [InlineData("NONE")]
    public void Unknown_names_do_not_parse(string? name)
    {
        Assert.False(PermissionNames.TryParse(name, out var permission));
        Assert.Equal(Permission.None, permission);
    }

    [Fact]
    public void Every_permission_round_trips_through_its_wire_name()
    {
        foreach (var permission in Enum.GetValues<Permission>().Where(p => p != Permission.None))
        {
            Assert.True(PermissionNames.TryParse(permission.ToWireName(), out var parsed));
            Assert.Equal(permission, parsed);
        }
    }

    [Theory]
    [InlineData("repo_write", PermissionScope.Repository, Permission.RepoWrite)]
    [InlineData("project_read", PermissionScope.Project, Permission.ProjectRead)]
    [InlineData("licensed_user", PermissionScope.Global, Permission.LicensedUser)]
    public void Parse_in_scope_accepts_the_scopes_own_levels(string name, PermissionScope scope, Permission expected) =>
        Assert.Equal(expected, PermissionNames.ParseIn(name, scope));

    [Theory]
    [InlineData("PROJECT_READ", PermissionScope.Repository)]
    [InlineData("REPO_ADMIN", PermissionScope.Project)]
    [InlineData("PROJECT_ADMIN", PermissionScope.Global)]
    [InlineData("bogus", PermissionScope.Project)]
    public void Parse_in_scope_refuses_other_scopes_and_lists_the_allowed_values(string name, PermissionScope scope)
    {
        var failure = Assert.Throws<GitHostException>(() => PermissionNames.ParseIn(name, scope));

        Assert.Equal(FailureKind.Invalid, failure.Kind);
        Assert.Equal("permission", failure.Context);
        Assert.Contains(scope == PermissionScope.Repository ? "REPO_READ" : scope == PermissionScope.Project ? "PROJECT_READ" : "ADMIN", failure.Message, StringComparison.Ordinal);
    }
}
