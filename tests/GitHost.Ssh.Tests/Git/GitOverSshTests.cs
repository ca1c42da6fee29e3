using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.Git;

/// <summary>The real git client cloning and pushing through the server, v0 and v2 wire protocol.</summary>
public sealed class GitOverSshTests(SharedSshServer fixture) : IClassFixture<SharedSshServer>
{
    private RunningSshServer Server => fixture.Server;

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    public async Task Clone_gets_the_pushed_head_and_push_updates_the_bare_repository(string protocolVersion)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "gitter", ct);
        var root = Directory.CreateTempSubdirectory("githost-ssh-git-").FullName;
        var bare = Path.Combine(root, "repo.git");
        var seed = Path.Combine(root, "seed");
        await GitAsync(root, ct, "init", "-q", "--bare", "-b", "main", bare);
        await GitAsync(root, ct, "init", "-q", "-b", "main", seed);
        await File.WriteAllTextAsync(Path.Combine(seed, "README"), "hello over ssh\n", ct);
        await GitAsync(seed, ct, "add", "README");
        await GitAsync(seed, ct, "commit", "-q", "-m", "first");
        await GitAsync(seed, ct, "push", "-q", bare, "main");
        var head = (await GitAsync(bare, ct, "rev-parse", "refs/heads/main")).Trim();

        var url = $"ssh://git@127.0.0.1:{Server.Port}{bare}";
        var environment = new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = SshCommand(key) };
        var clone = Path.Combine(root, "clone");
        await GitAsync(root, ct, environment, "-c", $"protocol.version={protocolVersion}", "clone", "-q", url, clone);
        Assert.Equal(head, (await GitAsync(clone, ct, "rev-parse", "HEAD")).Trim());
        Assert.Equal("hello over ssh\n", await File.ReadAllTextAsync(Path.Combine(clone, "README"), ct));

        await File.WriteAllTextAsync(Path.Combine(clone, "second.txt"), new string('x', 200_000), ct);
        await GitAsync(clone, ct, "add", "second.txt");
        await GitAsync(clone, ct, "commit", "-q", "-m", "second");
        var pushed = (await GitAsync(clone, ct, "rev-parse", "HEAD")).Trim();
        await GitAsync(clone, ct, environment, "-c", $"protocol.version={protocolVersion}", "push", "-q", "origin", "main");

        Assert.Equal(pushed, (await GitAsync(bare, ct, "rev-parse", "refs/heads/main")).Trim());
        Assert.NotEqual(head, pushed);
    }

    private string SshCommand(string key) =>
        $"ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityAgent=none -o StrictHostKeyChecking=yes -o UserKnownHostsFile={Server.KnownHostsPath} -i {key}";

    private static Task<string> GitAsync(string directory, CancellationToken ct, params string[] arguments) =>
        GitAsync(directory, ct, new Dictionary<string, string>(), arguments);

    private static async Task<string> GitAsync(string directory, CancellationToken ct, Dictionary<string, string> environment, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, ct, environment: environment, workingDirectory: directory);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Stderr}");
        return result.StdoutText;
    }
}
