using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.GitSsh;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>Secret scanning as a pusher meets it, with the real git client over HTTP and SSH and the default rules.</summary>
public sealed class SecretScanningPushTests(SecretScanningServers servers) : IClassFixture<SecretScanningServers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushed_aws_key_and_private_key_are_blocked_over_http_with_file_line_and_rule_and_no_ref_moves()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "http-block", Ct);
        var url = server.AdminCloneUrl("SECRETS", "http-block");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("README.md", "clean\n");
        await tree.CommitAsync("clean", Ct);
        await tree.PushAsync(url, Ct, "main");
        var before = await server.RefsOnDiskAsync(id, Ct);
        await tree.WriteAsync("config/aws.env", SecretSamples.AwsConfig);
        await tree.WriteAsync("keys/id_rsa", SecretSamples.PemFile);
        var commit = await tree.CommitAsync("add secrets", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main");

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote: Push rejected: 2 secret(s) found.", pushed.StandardError);
        Assert.Contains($"remote:   config/aws.env:2: AWS access key id, AKIA… in commit {commit[..12]}", pushed.StandardError);
        Assert.Contains($"remote:   keys/id_rsa:1: Private key (PEM or OpenSSH) in commit {commit[..12]}", pushed.StandardError);
        Assert.DoesNotContain(SecretSamples.AwsKeyId, pushed.StandardError);
        Assert.Equal(before, await server.RefsOnDiskAsync(id, Ct));

        var events = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:secret_detected").Select(m => m.Payload).ToListAsync(Ct));
        var payload = Assert.Single(events, e => e.Contains("http-block", StringComparison.Ordinal));
        Assert.Contains("\"path\":\"config/aws.env\",\"line\":2", payload);
        Assert.Contains(commit, payload);
        Assert.DoesNotContain(SecretSamples.AwsKeyId, payload);

        var audited = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "secret-scanning.secret.detected" && e.RepositoryId == id).ToListAsync(Ct));
        var record = Assert.Single(audited);
        Assert.Equal(GitHostTestServer.AdminUser, record.ActorName);
        Assert.Equal("Git HTTP", record.Method);
        Assert.Contains("config/aws.env", record.After);
        Assert.Contains("keys/id_rsa", record.After);
        Assert.DoesNotContain(SecretSamples.AwsKeyId, record.After);
    }

    [Fact]
    public async Task Pushed_private_key_is_blocked_over_ssh_too()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("secretssh", Ct);
        var id = await server.CreateRepositoryAsync("SECRETS", "ssh-block", Ct);
        await server.GrantRepositoryAsync("SECRETS", "ssh-block", "secretssh", "REPO_WRITE", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "secretssh", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("deploy/key.pem", SecretSamples.PemFile);
        await tree.WriteAsync("deploy/aws.env", SecretSamples.AwsConfig);
        await tree.CommitAsync("keys", Ct);

        var pushed = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", server.SshUrl("SECRETS/ssh-block.git"), "main");

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote:   deploy/key.pem:1: Private key (PEM or OpenSSH)", pushed.StandardError);
        Assert.Contains("remote:   deploy/aws.env:2: AWS access key id", pushed.StandardError);
        Assert.Equal("", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task An_allowlisted_key_passes()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "allowed", Ct);
        using var admin = server.AdminClient();
        var allowed = await admin.PostAsJsonAsync("/rest/api/1.0/projects/SECRETS/repos/allowed/secret-scanning/allowlist",
            new { name = "AWS documentation example", lineRegex = "EXAMPLE$", pathRegex = @"^docs/" }, Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("docs/example.md", "aws key: " + SecretSamples.AwsKeyId + "\n");
        var commit = await tree.CommitAsync("docs", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "allowed"), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.DoesNotContain("remote: Push rejected", pushed.StandardError);
        Assert.DoesNotContain("remote: Warning", pushed.StandardError);
        Assert.Equal($"{commit} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));

        // The allowlist covers docs/ only: the same key elsewhere is still refused.
        await tree.WriteAsync("src/app.ini", "key=" + SecretSamples.AwsKeyId + "\n");
        await tree.CommitAsync("src", Ct);
        var elsewhere = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "allowed"), "main");
        Assert.NotEqual(0, elsewhere.ExitCode);
        Assert.Contains("remote:   src/app.ini:1: AWS access key id", elsewhere.StandardError);
    }

    [Fact]
    public async Task An_exempt_repository_is_not_scanned()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "exempt", Ct);
        using var admin = server.AdminClient();
        var exempted = await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/exempt", new[] { new { projectKey = "SECRETS", slug = "exempt" } }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, exempted.StatusCode);
        Assert.Equal("true", await admin.GetStringAsync("/rest/api/1.0/projects/SECRETS/repos/exempt/secret-scanning/exempt", Ct));
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("fixtures/key.pem", SecretSamples.PemFile);
        var commit = await tree.CommitAsync("fixture key", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "exempt"), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.Equal($"{commit} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task A_warn_only_rule_lets_the_push_through_with_a_warning_in_gits_stderr()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "warned", Ct);
        using var admin = server.AdminClient();
        var rule = await admin.PostAsJsonAsync("/rest/api/1.0/projects/SECRETS/repos/warned/secret-scanning/rules",
            new { name = "Internal ticket token", lineRegex = @"ITT-[0-9]{8}", action = "WARN" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rule.StatusCode);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("notes.txt", "first\nuse ITT-12345678 for the demo\n");
        var commit = await tree.CommitAsync("notes", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "warned"), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.Contains($"remote: Warning: possible secret at notes.txt:2 (Internal ticket token) in commit {commit[..12]}. The push was accepted", pushed.StandardError);
        Assert.Equal($"{commit} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Only_lines_added_by_new_commits_are_scanned()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "added-only", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("fixtures/key.pem", SecretSamples.PemFile);
        await tree.CommitAsync("key already on the server", Ct);
        await tree.PushAsync(server.RepositoryPath(id), Ct, "main");
        await tree.WriteAsync("fixtures/key.pem", SecretSamples.PemFile + "# comment\n");
        await tree.GitAsync(Ct, "checkout", "--quiet", "-b", "topic");
        var commit = await tree.CommitAsync("touch it", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "added-only"), "main", "topic");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.Contains($"{commit} refs/heads/topic", await server.RefsOnDiskAsync(id, Ct));
    }
}
