using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GitHost.Testing;
using Xunit;
using static GitHost.Cluster.Tests.ClusterApi;

namespace GitHost.Cluster.Tests;

/// <summary>What one node does, the other sees: data, refs, revocations, the node list.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoNodeTests(LocalCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_through_one_node_clones_through_the_other_and_a_merge_on_one_shows_on_the_other_at_once()
    {
        using var a = cluster.Client(cluster.Node(1));
        using var b = cluster.Client(cluster.Node(2));
        await CreateProjectAsync(a, "SHARE", Ct);
        await CreateRepositoryAsync(b, "SHARE", "ledger", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("README.md", "# Ledger\n");
        var first = await tree.CommitAsync("First", Ct);
        await tree.GitAsync(Ct, "checkout", "-q", "-b", "feature/total");
        await tree.WriteAsync("total.txt", "42\n");
        var feature = await tree.CommitAsync("Total", Ct);
        (await tree.PushAsync(LocalCluster.CloneUrl(cluster.Node(1), "SHARE", "ledger"), Ct, "main", "feature/total")).EnsureSuccess();

        var clone = Path.Combine(Path.GetTempPath(), "githost-cluster-clone-" + Guid.NewGuid().ToString("N"));
        try
        {
            (await GitCli.RunAsync(Path.GetTempPath(), ["clone", "--quiet", LocalCluster.CloneUrl(cluster.Node(2), "SHARE", "ledger"), clone], Ct)).EnsureSuccess();
            Assert.Equal(first, (await GitCli.RunAsync(clone, ["rev-parse", "HEAD"], Ct)).EnsureSuccess().StandardOutput.Trim());
            Assert.Equal(feature, (await GitCli.RunAsync(clone, ["rev-parse", "origin/feature/total"], Ct)).EnsureSuccess().StandardOutput.Trim());
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }

        var repo = $"{Api}/projects/SHARE/repos/ledger";
        var created = await (await a.PostAsJsonAsync($"{repo}/pull-requests", new
        {
            title = "Add the total",
            fromRef = new { id = "refs/heads/feature/total" },
            toRef = new { id = "refs/heads/main" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("OPEN", (await GetAsync(b, $"{repo}/pull-requests/{id}", Ct)).GetProperty("state").GetString());

        await (await a.PostAsync($"{repo}/pull-requests/{id}/merge?version={created.GetProperty("version").GetInt32()}", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("MERGED", (await GetAsync(b, $"{repo}/pull-requests/{id}", Ct)).GetProperty("state").GetString());
        var main = (await GetAsync(b, $"{repo}/branches?filterText=main", Ct)).GetProperty("values").EnumerateArray().Single(v => v.GetProperty("displayId").GetString() == "main");
        var merged = await GetAsync(b, $"{repo}/commits/{main.GetProperty("latestCommit").GetString()}", Ct);
        Assert.Contains(merged.GetProperty("parents").EnumerateArray(), p => p.GetProperty("id").GetString() == feature);
    }

    [Fact]
    public async Task A_revoked_token_a_changed_password_and_a_removed_grant_stop_working_on_the_other_node_within_a_second()
    {
        using var a = cluster.Client(cluster.Node(1));
        await CreateProjectAsync(a, "REVOKE", Ct);
        await CreateRepositoryAsync(a, "REVOKE", "secrets", Ct);
        await CreateUserAsync(a, "leaving-tester", Ct);
        await GrantProjectAsync(a, "REVOKE", "leaving-tester", "PROJECT_READ", Ct);
        using var userOnA = cluster.Client(cluster.Node(1), "leaving-tester", GitHostTestServer.DefaultPassword);
        var token = await (await userOnA.PutAsJsonAsync("/rest/access-tokens/1.0/users/leaving-tester", new { name = "ci", permissions = new[] { "REPO_READ" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var repo = $"{Api}/projects/REVOKE/repos/secrets";

        // Node B has verified (and cached) each credential and the user's grants before each change.
        using var tokenOnB = cluster.Client(cluster.Node(2), user: null);
        tokenOnB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        using var passwordOnB = cluster.Client(cluster.Node(2), "leaving-tester", GitHostTestServer.DefaultPassword);
        await GetAsync(tokenOnB, repo, Ct);
        await GetAsync(passwordOnB, repo, Ct);

        await (await a.DeleteAsync($"/rest/access-tokens/1.0/users/leaving-tester/{token.GetProperty("id").GetString()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var tokenGone = await TimeUntilAsync(tokenOnB, repo, HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1), Ct);

        await (await a.DeleteAsync($"{Api}/projects/REVOKE/permissions/users?name=leaving-tester", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var grantGone = await TimeUntilAsync(passwordOnB, repo, HttpStatusCode.NotFound, TimeSpan.FromSeconds(1), Ct);

        await (await a.PutAsJsonAsync($"{Api}/admin/users/credentials", new { name = "leaving-tester", password = "a-new-password-2", passwordConfirm = "a-new-password-2" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var passwordGone = await TimeUntilAsync(passwordOnB, $"{Api}/users/leaving-tester", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"On the other node: token refused after {tokenGone.TotalMilliseconds:F0} ms, grant after {grantGone.TotalMilliseconds:F0} ms, old password after {passwordGone.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Both_nodes_are_listed_and_HAProxy_spreads_requests_over_them()
    {
        using var proxy = cluster.Client(cluster.Proxy);
        var information = await GetAsync(proxy, $"{Api}/admin/cluster", Ct);

        var nodes = information.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["node1", "node2"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal([cluster.Node(1).Port, cluster.Node(2).Port], nodes.Select(n => n.GetProperty("address").GetProperty("port").GetInt32()));
        Assert.Single(nodes, n => n.GetProperty("local").GetBoolean());
        Assert.True(information.GetProperty("running").GetBoolean());

        var answeredBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var anonymous = cluster.Client(cluster.Proxy, user: null);
            var status = await GetAsync(anonymous, "/status", Ct);
            Assert.Equal("RUNNING", status.GetProperty("state").GetString());
            Assert.Equal("UP", status.GetProperty("redis").GetString());
            Assert.Equal("UP", status.GetProperty("database").GetString());
            Assert.Equal("UP", status.GetProperty("sharedHome").GetString());
            answeredBy.Add(status.GetProperty("node").GetString()!);
        }

        Assert.Equal(["node1", "node2"], answeredBy.Order());
    }

    [Fact]
    public async Task Through_HAProxy_the_nodes_see_the_clients_address_over_HTTP_and_over_SSH()
    {
        using var proxy = cluster.Client(cluster.Proxy);
        await CreateProjectAsync(proxy, "WHERE", Ct);
        await CreateRepositoryAsync(proxy, "WHERE", "from", Ct);
        var keys = Directory.CreateTempSubdirectory("githost-cluster-key-").FullName;
        try
        {
            await RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(keys, "id")]);
            await (await proxy.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = (await File.ReadAllTextAsync(Path.Combine(keys, "id.pub"), Ct)).Trim() }, Ct))
                .ExpectAsync(HttpStatusCode.Created, Ct);
            var ssh = $"ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile={keys}/known_hosts " +
                $"-o StrictHostKeyChecking=accept-new -i {keys}/id";
            var url = $"ssh://git@127.0.0.1:{cluster.ProxySshPort}/where/from.git";
            (await GitCli.RunAsync(keys, ["ls-remote", url], Ct, new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = ssh })).EnsureSuccess();
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }

        // HAProxy reaches the nodes from 127.0.0.3; the client is on 127.0.0.1.
        var events = (await GetAsync(proxy, "/rest/auditing/1.0/events?limit=200", Ct)).GetProperty("entities").EnumerateArray().ToList();
        var sshSignIn = events.First(e => e.GetProperty("method").GetString() == "SSH");
        Assert.Equal("127.0.0.1", sshSignIn.GetProperty("source").GetString());
        Assert.Contains(sshSignIn.GetProperty("node").GetString(), new[] { "node1", "node2" });
        var created = events.First(e => e.GetProperty("type").GetProperty("action").GetString() == "Project created"
            && e.GetProperty("affectedObjects").EnumerateArray().Any(o => o.GetProperty("name").GetString()!.StartsWith("WHERE", StringComparison.Ordinal)));
        Assert.Equal("127.0.0.1", created.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_users_rate_limit_holds_across_both_nodes()
    {
        using var a = cluster.Client(cluster.Node(1));
        await CreateUserAsync(a, "busy-bot", Ct);
        await (await a.PutAsJsonAsync($"{Api}/admin/rate-limit/settings/users/{GitHostTestServer.AdminUser}", new { whitelisted = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await a.PutAsJsonAsync($"{Api}/admin/rate-limit/settings/users/busy-bot", new { settings = new { capacity = 4, fillRate = 1 } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await a.PutAsJsonAsync($"{Api}/admin/rate-limit/settings", new { enabled = true, defaultSettings = new { capacity = 1000, fillRate = 100 } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        try
        {
            using var onA = cluster.Client(cluster.Node(1), "busy-bot", GitHostTestServer.DefaultPassword);
            using var onB = cluster.Client(cluster.Node(2), "busy-bot", GitHostTestServer.DefaultPassword);
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 8; i++)
            {
                using var response = await (i % 2 == 0 ? onA : onB).GetAsync($"{Api}/projects", Ct);
                answers.Add(response.StatusCode);
            }

            // One bucket of 4 for both nodes (plus at most one token refilled meanwhile), not 4 on each.
            Assert.InRange(answers.Count(s => s == HttpStatusCode.OK), 4, 5);
            Assert.Equal(HttpStatusCode.OK, answers[0]);
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
            Assert.All(answers, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{s}"));
        }
        finally
        {
            await (await a.PutAsJsonAsync($"{Api}/admin/rate-limit/settings", new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        }
    }

    [Fact]
    public async Task Wrong_passwords_on_both_nodes_count_together_and_lock_the_name_on_every_node()
    {
        using var a = cluster.Client(cluster.Node(1));
        await CreateUserAsync(a, "guessed-at", Ct);
        using var wrongOnA = cluster.Client(cluster.Node(1), "guessed-at", "not-the-password");
        using var wrongOnB = cluster.Client(cluster.Node(2), "guessed-at", "not-the-password");

        // Five wrong passwords (the default lock threshold), three through one node and two through the other.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await (i % 2 == 0 ? wrongOnA : wrongOnB).GetAsync($"{Api}/users/guessed-at", Ct);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], answers);
        foreach (var node in new[] { cluster.Node(1), cluster.Node(2) })
        {
            using var right = cluster.Client(node, "guessed-at", GitHostTestServer.DefaultPassword);
            using var locked = await right.GetAsync($"{Api}/users/guessed-at", Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        // An administrator lifts the lock on one node; the other lets the user in at once.
        await (await a.DeleteAsync($"{Api}/admin/users/captcha?name=guessed-at", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        using var rightOnB = cluster.Client(cluster.Node(2), "guessed-at", GitHostTestServer.DefaultPassword);
        await GetAsync(rightOnB, $"{Api}/users/guessed-at", Ct);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }
}
