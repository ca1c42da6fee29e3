using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.GitSsh;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.BranchPermissions;

/// <summary>
/// Branch permissions refuse pushes with the real git client over HTTP and SSH: one <c>remote:</c>
/// line naming the restriction and who can change it, nothing moved; exempt users, groups and access
/// keys pass; project restrictions reach every repository of the project.
/// </summary>
public sealed class BranchPermissionPushTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Read_only_refuses_a_writer_with_one_remote_line_and_lets_an_exempt_group_member_push(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("BPRO", "locked", Ct);
        await server.CreateUserAsync("bpro-dev", Ct);
        var lead = await server.CreateUserAsync("bpro-lead", Ct);
        await server.InsertGroupAsync("bpro-leads", lead);
        await server.GrantRepositoryAsync("BPRO", "locked", "bpro-dev", "REPO_WRITE", Ct);
        await server.GrantRepositoryAsync("BPRO", "locked", "bpro-lead", "REPO_WRITE", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("base", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("BPRO", "locked"), "main");
        using var admin = server.AdminClient();
        var restriction = await admin.RestrictAsync("BPRO", "locked",
            BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", groups: ["BPRO-LEADS"]), Ct);
        var next = await tree.CommitAsync("next", Ct);

        var refused = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPRO", "locked", "bpro-dev"), "main");
        var refsAfterRefusal = await server.RefsOnDiskAsync(id, Ct);
        var created = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPRO", "locked", "bpro-dev"), "main:other");
        var exempt = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPRO", "locked", "bpro-lead"), "main");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            $"remote: Branch refs/heads/main is read-only (restriction {restriction} set by repository admins of BPRO/locked); ask a repository admin to change it.",
            refused.StandardError);
        Assert.Single(refused.StandardError.Split('\n'), l => l.StartsWith("remote: Branch", StringComparison.Ordinal));
        Assert.Equal($"{head} refs/heads/main\n", refsAfterRefusal);
        Assert.True(created.ExitCode == 0, created.StandardError);
        Assert.True(exempt.ExitCode == 0, exempt.StandardError);
        Assert.Equal($"{next} refs/heads/main\n{next} refs/heads/other\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task No_deletes_exempts_a_named_user_and_nobody_else_with_the_same_permission()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("BPEU", "named", Ct);
        await server.CreateUserAsync("bpeu-dev", Ct);
        await server.CreateUserAsync("bpeu-release", Ct);
        await server.GrantRepositoryAsync("BPEU", "named", "bpeu-dev", "REPO_WRITE", Ct);
        await server.GrantRepositoryAsync("BPEU", "named", "bpeu-release", "REPO_WRITE", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("base", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("BPEU", "named"), "main", "main:release/1.0");
        using var admin = server.AdminClient();
        var restriction = await admin.RestrictAsync("BPEU", "named",
            BranchPermissionTestApi.Restriction("no-deletes", "PATTERN", "release/*", users: ["bpeu-release"]), Ct);

        var refused = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPEU", "named", "bpeu-dev"), ":release/1.0");
        var refsAfterRefusal = await server.RefsOnDiskAsync(id, Ct);
        var exempt = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPEU", "named", "bpeu-release"), ":release/1.0");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"(restriction {restriction} set by repository admins of BPEU/named)", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal($"{head} refs/heads/main\n{head} refs/heads/release/1.0\n", refsAfterRefusal);
        Assert.True(exempt.ExitCode == 0, exempt.StandardError);
        Assert.Equal($"{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Fast_forward_only_refuses_a_force_push_and_accepts_a_fast_forward_whose_commits_are_still_in_quarantine()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("BPFF", "history", Ct);
        var url = server.AdminCloneUrl("BPFF", "history");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("first", Ct);
        var second = await tree.CommitAsync("second", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        using var admin = server.AdminClient();
        var restriction = await admin.RestrictAsync("BPFF", null, BranchPermissionTestApi.Restriction("fast-forward-only", "PATTERN", "ma*"), Ct);

        await tree.GitAsync(Ct, "reset", "--quiet", "--hard", first);
        var rewritten = await tree.CommitAsync("rewritten", Ct);
        var forced = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", "--force", url, "main");
        var refsAfterForce = await server.RefsOnDiskAsync(id, Ct);
        await tree.GitAsync(Ct, "reset", "--quiet", "--hard", second);
        var third = await tree.CommitAsync("third", Ct);
        var forward = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main");
        var elsewhere = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, rewritten + ":refs/heads/scratch");

        Assert.NotEqual(0, forced.ExitCode);
        Assert.Contains(
            $"remote: Branch refs/heads/main cannot be rewritten (this change is not a fast-forward; pull and merge or rebase first) (restriction {restriction} set by project admins of BPFF); ask a project admin to change it.",
            forced.StandardError);
        Assert.Equal($"{second} refs/heads/main\n", refsAfterForce);
        Assert.True(forward.ExitCode == 0, forward.StandardError);
        Assert.True(elsewhere.ExitCode == 0, elsewhere.StandardError);
        Assert.Equal($"{third} refs/heads/main\n{rewritten} refs/heads/scratch\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Project_no_deletes_by_model_category_and_pattern_refuse_deleting_over_http_and_ssh()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("BPND", "keep", Ct);
        await server.CreateUserAsync("bpnd-dev", Ct);
        await server.GrantRepositoryAsync("BPND", "keep", "bpnd-dev", "REPO_WRITE", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "bpnd-dev", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("base", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("BPND", "keep"), "main", "main:release/1.0", "main:stable/keep", "main:feature/x");
        using var admin = server.AdminClient();
        var model = await admin.RestrictAsync("BPND", null, BranchPermissionTestApi.Restriction("no-deletes", "MODEL_CATEGORY", "RELEASE"), Ct);
        var pattern = await admin.RestrictAsync("BPND", null, BranchPermissionTestApi.Restriction("no-deletes", "PATTERN", "stable/"), Ct);

        var overHttp = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("BPND", "keep", "bpnd-dev"), ":release/1.0");
        var overSsh = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", server.SshUrl("BPND/keep.git"), ":stable/keep");
        var unrestricted = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", server.SshUrl("BPND/keep.git"), ":feature/x");

        Assert.NotEqual(0, overHttp.ExitCode);
        Assert.Contains($"remote: Branch refs/heads/release/1.0 cannot be deleted (restriction {model} set by project admins of BPND); ask a project admin to change it.",
            overHttp.StandardError);
        Assert.NotEqual(0, overSsh.ExitCode);
        Assert.Contains($"remote: Branch refs/heads/stable/keep cannot be deleted (restriction {pattern} set by project admins of BPND)", overSsh.StandardError);
        Assert.True(unrestricted.ExitCode == 0, unrestricted.StandardError);
        Assert.Equal($"{head} refs/heads/main\n{head} refs/heads/release/1.0\n{head} refs/heads/stable/keep\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Pull_request_only_refuses_direct_pushes_over_ssh_but_an_exempt_access_key_gets_through()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("BPPR", "flow", Ct);
        await server.CreateUserAsync("bppr-dev", Ct);
        await server.GrantRepositoryAsync("BPPR", "flow", "bppr-dev", "REPO_WRITE", Ct);
        using var userKey = await SshClientKey.CreateAsync(server, Ct);
        await userKey.AddForAsync(server, "bppr-dev", Ct);
        using var deployKey = await SshClientKey.CreateAsync(server, Ct);
        using var admin = server.AdminClient();
        var deploy = await (await admin.PostAsJsonAsync("/rest/keys/1.0/projects/BPPR/repos/flow/ssh",
            new { key = new { text = deployKey.PublicLine }, permission = "REPO_WRITE" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var deployId = deploy.GetProperty("key").GetProperty("id").GetInt64();
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("base", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("BPPR", "flow"), "main");
        var restriction = await admin.RestrictAsync("BPPR", "flow",
            BranchPermissionTestApi.Restriction("pull-request-only", "MODEL_BRANCH", "development", accessKeyIds: [deployId]), Ct);
        var direct = await tree.CommitAsync("direct", Ct);

        var refused = await GitSshTestApi.GitAsync(userKey, tree.Path, Ct, "push", server.SshUrl("BPPR/flow.git"), "main");
        var feature = await GitSshTestApi.GitAsync(userKey, tree.Path, Ct, "push", server.SshUrl("BPPR/flow.git"), "main:feature");
        var byKey = await GitSshTestApi.GitAsync(deployKey, tree.Path, Ct, "push", server.SshUrl("BPPR/flow.git"), "main");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            $"remote: Branch refs/heads/main takes changes only through pull requests (push to another branch and open a pull request) (restriction {restriction} set by repository admins of BPPR/flow); ask a repository admin to change it.",
            refused.StandardError);
        Assert.True(feature.ExitCode == 0, feature.StandardError);
        Assert.True(byKey.ExitCode == 0, byKey.StandardError);
        Assert.Equal($"{direct} refs/heads/feature\n{direct} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }
}
