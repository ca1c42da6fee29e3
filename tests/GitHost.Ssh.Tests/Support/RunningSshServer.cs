using GitHost.Ssh.Hosting;
using Microsoft.Extensions.Options;

namespace GitHost.Ssh.Tests.Support;

/// <summary>
/// A real <see cref="SshServer"/> on 127.0.0.1 with a free port, its host keys in a temp
/// directory, a known_hosts file for them and user keys registered with the test authenticator.
/// </summary>
public sealed class RunningSshServer : IAsyncDisposable
{
    private RunningSshServer(SshServer server, string directory, TestAuthenticator authenticator)
    {
        Server = server;
        Directory = directory;
        Authenticator = authenticator;
        Keys = new UserKeys(System.IO.Directory.CreateDirectory(Path.Combine(directory, "users")).FullName);
    }

    public SshServer Server { get; }

    public string Directory { get; }

    public TestAuthenticator Authenticator { get; }

    public UserKeys Keys { get; }

    public int Port => Server.LocalEndPoint!.Port;

    public string ServerLog => File.Exists(Path.Combine(Directory, "server.log")) ? File.ReadAllText(Path.Combine(Directory, "server.log")) : "";

    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    public static async Task<RunningSshServer> StartAsync(CancellationToken cancellationToken, Action<SshServerOptions>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("githost-ssh-").FullName;
        var options = new SshServerOptions { Port = 0, ListenAddress = "127.0.0.1", HostKeyDirectory = Path.Combine(directory, "hostkeys") };
        configure?.Invoke(options);
        var authenticator = new TestAuthenticator();
        var server = new SshServer(Options.Create(options), authenticator, new TestCommandHandler(), new FileLogger<SshServer>(Path.Combine(directory, "server.log")));
        await server.StartAsync(cancellationToken);
        var running = new RunningSshServer(server, directory, authenticator);
        var lines = server.HostKeys!.Describe().Select(k => $"[127.0.0.1]:{running.Port} {k.PublicKey}");
        await File.WriteAllLinesAsync(running.KnownHostsPath, lines, cancellationToken);
        return running;
    }

    /// <summary>A new key of the given ssh-keygen type, registered for <paramref name="owner"/>.</summary>
    public async Task<string> RegisteredKeyAsync(string type, string owner, CancellationToken cancellationToken)
    {
        var (path, key) = await Keys.CreateAsync($"{owner}-{type}-{Guid.NewGuid():N}", type, cancellationToken);
        Authenticator.Register(key, owner);
        return path;
    }

    /// <summary>The ssh command line the tests use (no config, no agent, strict host key check).</summary>
    public List<string> SshArguments(string keyPath, params string[] extra) =>
    [
        "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
        "-o", $"UserKnownHostsFile={KnownHostsPath}", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=20",
        "-i", keyPath, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra, "git@127.0.0.1",
    ];

    public Task<ProcessResult> SshAsync(string keyPath, string[] options, string? command, CancellationToken cancellationToken, byte[]? stdin = null)
    {
        var arguments = SshArguments(keyPath, options);
        if (command is not null)
        {
            arguments.Add(command);
        }

        return ProcessRunner.RunAsync("ssh", arguments, cancellationToken, stdin);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A client may still hold a file; the temp directory is cleaned by the OS later.
        }
    }
}
