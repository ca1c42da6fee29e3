using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>
/// A user's key pair made by the real <c>ssh-keygen</c> in its own temp folder (the private key file is
/// what <c>ssh -i</c> reads), with a known_hosts file for the test server's host keys.
/// </summary>
internal sealed class SshClientKey : IDisposable
{
    private SshClientKey(string directory, string publicLine)
    {
        Directory = directory;
        PublicLine = publicLine;
    }

    public string Directory { get; }

    public string PrivateKeyPath => Path.Combine(Directory, "id");

    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    public string PublicLine { get; }

    public static async Task<SshClientKey> CreateAsync(GitHostTestServer server, CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("githost-sshkey-").FullName;
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "tester@example", "-f", Path.Combine(directory, "id") })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            await process.WaitForExitAsync(cancellationToken);
            Assert.Equal(0, process.ExitCode);
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, "known_hosts"), server.SshKnownHosts, cancellationToken);
        return new SshClientKey(directory, (await File.ReadAllTextAsync(Path.Combine(directory, "id.pub"), cancellationToken)).Trim());
    }

    /// <summary>Adds the key as the user themself, through <c>POST /rest/ssh/1.0/keys</c>; returns its id.</summary>
    public async Task<long> AddForAsync(GitHostTestServer server, string user, CancellationToken cancellationToken, string password = GitHostTestServer.DefaultPassword)
    {
        using var client = server.Client(user, password);
        var created = await (await client.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = PublicLine, label = "laptop" }, cancellationToken))
            .ExpectAsync(HttpStatusCode.Created, cancellationToken);
        return created.GetProperty("id").GetInt64();
    }

    /// <summary>What the tests put in GIT_SSH_COMMAND: no config, no agent, this key only, strict host key check.</summary>
    public string SshCommand =>
        $"ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile={KnownHostsPath} -o StrictHostKeyChecking=yes -i {PrivateKeyPath}";

    public IReadOnlyDictionary<string, string> GitEnvironment => new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = SshCommand };

    /// <summary>The ssh arguments for running <paramref name="command"/> directly (no git client).</summary>
    public List<string> SshArguments(GitHostTestServer server, params string[] extra) =>
    [
        "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
        "-o", $"UserKnownHostsFile={KnownHostsPath}", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=20",
        "-i", PrivateKeyPath, "-p", server.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra, "git@127.0.0.1",
    ];

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
